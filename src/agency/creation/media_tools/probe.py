"""Measure rendered media instead of trusting the code that made it.

Streams are read with PyAV; faststart is read from the MP4 box layout; loudness is
measured with ffmpeg's EBU R128 scanner (integrated LUFS and true peak).
"""

from __future__ import annotations

import re
import struct
from fractions import Fraction
from pathlib import Path

import av

from agency.core.artifacts import Artifact
from agency.core.errors import InputError

from .ffmpeg import run_ffmpeg


class MediaInfo(Artifact):
    """What a media file really contains."""

    duration_s: float
    container: str
    video_codec: str | None = None
    video_profile: str | None = None
    width: int | None = None
    height: int | None = None
    pix_fmt: str | None = None
    fps: float | None = None
    audio_codec: str | None = None
    sample_rate: int | None = None
    channels: int | None = None


class Loudness(Artifact):
    """EBU R128 measurement of a file's audio."""

    integrated_lufs: float
    true_peak_dbtp: float
    lra_lu: float


def probe_media(path: Path) -> MediaInfo:
    """Open ``path`` with PyAV and report its first video and audio stream."""
    try:
        container = av.open(str(path))
    except (av.error.FFmpegError, OSError) as exc:
        raise InputError(
            f"{Path(path).name} is not a readable media file ({exc}).",
            field="path",
            fix="Upload an intact image, video or audio file.",
        ) from exc
    with container:
        duration = container.duration / 1_000_000 if container.duration else 0.0
        fields: dict[str, object] = {"duration_s": duration, "container": container.format.name}
        if container.streams.video:
            vs = container.streams.video[0]
            rate = vs.average_rate or vs.guessed_rate
            fields |= {
                "video_codec": vs.codec_context.name,
                "video_profile": vs.codec_context.profile,
                "width": vs.codec_context.width,
                "height": vs.codec_context.height,
                "pix_fmt": vs.codec_context.format.name if vs.codec_context.format else None,
                "fps": float(Fraction(rate)) if rate else None,
            }
        if container.streams.audio:
            st = container.streams.audio[0]
            fields |= {
                "audio_codec": st.codec_context.name,
                "sample_rate": st.codec_context.sample_rate,
                "channels": st.codec_context.channels,
            }
    return MediaInfo.model_validate(fields)


def has_audio(path: Path) -> bool:
    """True when ``path`` has at least one audio stream."""
    try:
        with av.open(str(path)) as container:
            return bool(container.streams.audio)
    except (av.error.FFmpegError, OSError):
        return False


def mp4_top_level_boxes(path: Path) -> list[str]:
    """The types of an MP4 file's top-level boxes, in file order."""
    boxes: list[str] = []
    with open(path, "rb") as handle:
        size_total = Path(path).stat().st_size
        offset = 0
        while offset + 8 <= size_total:
            handle.seek(offset)
            size, kind = struct.unpack(">I4s", handle.read(8))
            if size == 1:
                size = struct.unpack(">Q", handle.read(8))[0]
            elif size == 0:
                size = size_total - offset
            if size < 8:
                break
            boxes.append(kind.decode("latin-1"))
            offset += size
    return boxes


def is_faststart(path: Path) -> bool:
    """True when the ``moov`` index comes before the media data (web playback starts early)."""
    boxes = mp4_top_level_boxes(path)
    return "moov" in boxes and "mdat" in boxes and boxes.index("moov") < boxes.index("mdat")


_SUMMARY = re.compile(
    r"Integrated loudness:\s+I:\s+(?P<i>-?[\d.]+|-inf)\s+LUFS.*?"
    r"LRA:\s+(?P<lra>-?[\d.]+)\s+LU.*?True peak:\s+Peak:\s+(?P<tp>-?[\d.]+|-inf)\s+dBFS",
    re.S,
)


def measure_loudness(path: Path, *, timeout_s: float = 120.0) -> Loudness:
    """Integrated loudness, loudness range and true peak of ``path``'s audio."""
    proc = run_ffmpeg(
        ["-i", str(path), "-vn", "-af", "ebur128=peak=true:framelog=verbose", "-f", "null", "-"],
        timeout_s=timeout_s,
        what="loudness measurement",
    )
    match = _SUMMARY.search(proc.stderr[proc.stderr.rfind("Summary:") :])
    if not match:
        raise InputError(
            f"{Path(path).name} has no measurable audio.", field="path", fix="Add an audio track."
        )

    def num(value: str) -> float:
        return float("-inf") if value == "-inf" else float(value)

    return Loudness(
        integrated_lufs=num(match["i"]), true_peak_dbtp=num(match["tp"]), lra_lu=num(match["lra"])
    )
