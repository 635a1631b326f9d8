"""Fixtures for the asset store: generated media of known size, and a local S3 server."""

from __future__ import annotations

import io
import logging
import math
import struct
import wave
import zlib
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import boto3
import pytest
from moto.server import ThreadedMotoServer
from PIL import Image

BUCKET = "agency-test-assets"


class Media:
    """Makes real media files whose dimensions and duration are known in advance."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp

    def image(
        self, fmt: str = "PNG", size: tuple[int, int] = (32, 20), color: str = "red"
    ) -> bytes:
        buffer = io.BytesIO()
        Image.new("RGB", size, color).save(buffer, format=fmt)
        return buffer.getvalue()

    def png_bomb(self, width: int = 100_000, height: int = 100_000) -> bytes:
        """A tiny PNG whose header claims ``width`` × ``height`` pixels (valid CRC)."""
        png = self.image("PNG", (8, 8))
        ihdr_data = struct.pack(">II", width, height) + png[24:29]
        crc = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr_data) & 0xFFFFFFFF)
        return png[:16] + ihdr_data + crc + png[33:]

    def wav(self, seconds: float = 1.0, rate: int = 8000) -> bytes:
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(rate)
            out.writeframes(_sine(0, int(seconds * rate), rate))
        return buffer.getvalue()

    def video(
        self,
        name: str = "clip.mp4",
        *,
        frames: int = 30,
        size: tuple[int, int] = (64, 48),
        codec: str = "libx264",
        options: dict[str, str] | None = None,
    ) -> Path:
        """A ``frames``-frame clip at 30 fps (so frames / 30 seconds long)."""
        path = self.tmp / name
        with av.open(str(path), "w", options=options or {}) as container:
            stream: Any = container.add_stream(codec, rate=30)
            stream.width, stream.height = size
            stream.pix_fmt = "yuv420p"
            for i in range(frames):
                frame = av.VideoFrame(size[0], size[1], "yuv420p")
                for plane in frame.planes:
                    plane.update(bytes([(i * 8) % 255]) * plane.buffer_size)
                frame.pts = i
                for packet in stream.encode(frame):
                    container.mux(packet)
            for packet in stream.encode():
                container.mux(packet)
        return path

    def audio(self, name: str, codec: str, *, seconds: float = 1.0, rate: int = 48000) -> Path:
        """An encoded 440 Hz tone (MP3, Opus in Ogg, AAC in M4A) of ``seconds``."""
        path = self.tmp / name
        with av.open(str(path), "w") as container:
            stream: Any = container.add_stream(codec, rate=rate)
            stream.layout = "mono"
            total, chunk, pts = int(seconds * rate), 1024, 0
            while pts < total:
                n = min(chunk, total - pts)
                frame = av.AudioFrame(format="s16", layout="mono", samples=n)
                frame.planes[0].update(_sine(pts, n, rate))
                frame.sample_rate, frame.pts, frame.time_base = rate, pts, Fraction(1, rate)
                for packet in stream.encode(frame):
                    container.mux(packet)
                pts += n
            for packet in stream.encode():
                container.mux(packet)
        return path


def _sine(start: int, count: int, rate: int) -> bytes:
    """16-bit little-endian mono samples of a 440 Hz tone."""
    return b"".join(
        int(8000 * math.sin(2 * math.pi * 440 * i / rate)).to_bytes(2, "little", signed=True)
        for i in range(start, start + count)
    )


@pytest.fixture
def media(tmp_path: Path) -> Media:
    directory = tmp_path / "media"
    directory.mkdir()
    return Media(directory)


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """A moto S3 server on a free local port for the whole session."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket() -> str:
    return BUCKET


@pytest.fixture
def s3_client(s3_endpoint: str) -> Iterator[Any]:
    """A client on a freshly created, empty bucket."""
    client = boto3.session.Session().client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.create_bucket(Bucket=BUCKET)
    yield client
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for item in page.get("Contents", []):
            client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)
