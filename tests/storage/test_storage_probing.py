"""Probing generated media: type by content, dimensions, duration; broken input refused."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest
from PIL import Image

from agency.core.errors import InputError
from agency.storage import MediaInfo, extension_for, probe_media, sniff_media_type


@pytest.mark.parametrize(
    ("fmt", "media_type"),
    [
        ("PNG", "image/png"),
        ("JPEG", "image/jpeg"),
        ("GIF", "image/gif"),
        ("WEBP", "image/webp"),
        ("AVIF", "image/avif"),
    ],
)
def test_raster_images_type_and_size(media, fmt: str, media_type: str) -> None:
    info = probe_media(media.image(fmt, (37, 21)))
    assert (info.media_type, info.width, info.height, info.duration_s) == (media_type, 37, 21, None)


def test_type_comes_from_content_not_the_declared_name(media) -> None:
    jpeg = media.image("JPEG")
    with pytest.raises(InputError) as err:
        probe_media(jpeg, declared="image/png")
    assert err.value.field == "media_type"
    assert "image/jpeg" in str(err.value)
    assert probe_media(jpeg, declared="image/jpg").media_type == "image/jpeg"


def test_mp4_video_dimensions_and_duration(media) -> None:
    path = media.video(frames=45, size=(80, 60))
    info = probe_media(path)
    assert info.media_type == "video/mp4"
    assert (info.width, info.height) == (80, 60)
    assert info.duration_s == pytest.approx(1.5, abs=0.05)
    assert probe_media(path.read_bytes()) == info


def test_webm_video(media) -> None:
    info = probe_media(media.video("clip.webm", frames=15, codec="libvpx-vp9"))
    assert (info.media_type, info.width, info.height) == ("video/webm", 64, 48)
    assert info.duration_s == pytest.approx(0.5, abs=0.05)


def test_wav_duration(media) -> None:
    info = probe_media(media.wav(seconds=2.0))
    assert info == MediaInfo("audio/wav", None, None, 2.0)


@pytest.mark.parametrize(
    ("name", "codec", "media_type"),
    [("tone.mp3", "libmp3lame", "audio/mpeg"), ("tone.ogg", "libopus", "audio/ogg")],
)
def test_compressed_audio(media, name: str, codec: str, media_type: str) -> None:
    info = probe_media(media.audio(name, codec, seconds=1.0))
    assert info.media_type == media_type
    assert info.width is None and info.height is None
    assert info.duration_s == pytest.approx(1.0, abs=0.1)


def test_audio_only_mp4_is_audio(media) -> None:
    info = probe_media(media.audio("tone.mp4", "aac", seconds=1.0), declared="video/mp4")
    assert info.media_type == "audio/mp4"
    assert extension_for(info.media_type) == ".m4a"


def test_pdf_svg_json_and_text() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="PDF")
    assert probe_media(buffer.getvalue()).media_type == "application/pdf"
    svg = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"/>'
    assert probe_media(svg) == MediaInfo("image/svg+xml", 120, 40)
    sized = b'<svg xmlns="http://www.w3.org/2000/svg" width="300px" height="150"></svg>'
    assert (probe_media(sized).width, probe_media(sized).height) == (300, 150)
    assert probe_media(json.dumps({"a": [1, 2]}).encode()).media_type == "application/json"
    assert probe_media(b"{ not json, just braces").media_type == "text/plain"
    assert probe_media("Café au lait\n".encode()).media_type == "text/plain"
    assert probe_media(b"a,b\n1,2\n", declared="text/csv").media_type == "text/csv"
    assert probe_media(bytes(range(256))).media_type == "application/octet-stream"
    assert probe_media(bytes(range(256)), declared="font/woff2").media_type == "font/woff2"


def test_sniffing_ignores_extensions_and_reads_magic() -> None:
    assert sniff_media_type(b"\x00\x00\x00\x18ftypqt  \x00\x00") == "video/quicktime"
    assert sniff_media_type(b"\x00\x00\x00\x18ftypheic\x00\x00") == "image/heic"
    assert sniff_media_type(b"ID3\x04\x00") == "audio/mpeg"
    assert sniff_media_type(b"\x1a\x45\xdf\xa3\x01\x00\x00\x00matroska") == "video/x-matroska"
    assert sniff_media_type(b"<html><body>hi</body></html>") == "text/plain"


def test_empty_file_is_an_input_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        probe_media(empty)
    with pytest.raises(InputError, match="No file"):
        probe_media(tmp_path / "missing.png")


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_truncated_images_are_refused(media, fmt: str) -> None:
    data = media.image(fmt, (200, 120), "blue")
    with pytest.raises(InputError) as err:
        probe_media(data[: len(data) // 2])
    assert err.value.field == "data"


def test_decompression_bomb_is_refused_fast(media) -> None:
    bomb = media.png_bomb(100_000, 100_000)
    assert len(bomb) < 1000
    started = time.monotonic()
    with pytest.raises(InputError, match="too large") as err:
        probe_media(bomb)
    assert time.monotonic() - started < 1.0
    assert err.value.fix and "pixels" in err.value.fix


def test_pixel_cap_is_configurable(media) -> None:
    image = media.image("PNG", (100, 100))
    assert probe_media(image, max_pixels=10_000).width == 100
    with pytest.raises(InputError, match="too large"):
        probe_media(image, max_pixels=9_999)


@pytest.mark.parametrize("faststart", [False, True])
@pytest.mark.parametrize("fraction", [0.5, 0.9])
def test_truncated_mp4_is_refused(media, faststart: bool, fraction: float) -> None:
    options = {"movflags": "faststart"} if faststart else None
    data = media.video(frames=30, options=options).read_bytes()
    with pytest.raises(InputError, match="video/mp4"):
        probe_media(data[: int(len(data) * fraction)])


def test_truncated_webm_and_wav_are_refused(media) -> None:
    webm = media.video("clip.webm", frames=30, codec="libvpx-vp9").read_bytes()
    with pytest.raises(InputError, match="truncated"):
        probe_media(webm[: len(webm) // 2])
    wav = media.wav(seconds=1.0)
    with pytest.raises(InputError, match="truncated"):
        probe_media(wav[: len(wav) - 100])


def test_garbage_behind_a_valid_header_is_refused(media) -> None:
    header = media.video().read_bytes()[:32]
    with pytest.raises(InputError, match="corrupt"):
        probe_media(header + b"\x07" * 4000)
    with pytest.raises(InputError):
        probe_media(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)


def test_broken_documents_are_refused() -> None:
    with pytest.raises(InputError, match="truncated"):
        probe_media(b"%PDF-1.7\n1 0 obj << >> endobj\n")
    with pytest.raises(InputError, match="well-formed"):
        probe_media(b'<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')
    laughs = b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>'
    with pytest.raises(InputError, match="entity"):
        probe_media(laughs)
    with pytest.raises(InputError, match="JSON"):
        probe_media(b'{"a": ', declared="application/json")
    with pytest.raises(InputError, match="UTF-8"):
        probe_media(b"caf\xe9 au lait", declared="text/csv")
