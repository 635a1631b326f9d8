"""Media of known answer for the creation tests (imported by name; not a test module)."""

from __future__ import annotations

import math
import struct
import wave
import zlib
from pathlib import Path

import numpy as np


def write_tone(path: Path, *, freq: float, seconds: float, amplitude: float, rate: int = 48000,
               start_s: float = 0.0, total_s: float | None = None) -> Path:  # fmt: skip
    """A stereo sine of known level, optionally placed inside silence."""
    total = int((total_s or seconds + start_s) * rate)
    data = np.zeros(total)
    begin = int(start_s * rate)
    t = np.arange(int(seconds * rate)) / rate
    data[begin : begin + len(t)] = amplitude * np.sin(2 * math.pi * freq * t)
    pcm = (np.repeat(data[:, None], 2, axis=1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm.tobytes())
    return path


def png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG whose header claims ``width``×``height`` (a decompression bomb), tiny on disk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat))
    return path
