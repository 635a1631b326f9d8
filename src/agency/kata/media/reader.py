"""Open a user's video with limits, and decode its frames as BGR arrays with PyAV.

Bad input (not a video, no frames, truncated, over 4K or over 10 minutes) becomes an
:class:`InputError` naming the ``video`` field and the fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
from numpy.typing import NDArray

from agency.core.errors import InputError

MAX_WIDTH = 3840
MAX_HEIGHT = 2160
MAX_SECONDS = 600.0
_FIX = "Upload an intact MP4, MOV or WebM video."
_FRAME_SLACK = 2
"""Frames a container may over-declare before a short decode counts as truncation."""


@dataclass(frozen=True)
class VideoInfo:
    """What a checked video contains."""

    path: Path
    width: int
    height: int
    fps: float
    frame_count: int
    duration_s: float
    audio_codec: str | None
    rotation: float = 0.0
    """Display rotation (degrees counter-clockwise) the player applies; frames are coded."""
    sample_aspect: tuple[int, int] | None = None
    """Pixel aspect ratio when pixels are not square (anamorphic video)."""


def open_video_info(
    path: Path, *, field: str = "video", max_seconds: float = MAX_SECONDS
) -> VideoInfo:
    """Check ``path`` is a decodable video within limits and describe it."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path} does not exist.", field=field, fix="Point to an existing file.")
    try:
        with av.open(str(path)) as container:
            if not container.streams.video:
                raise InputError(f"{path.name} has no video stream.", field=field, fix=_FIX)
            stream = container.streams.video[0]
            width, height = stream.codec_context.width, stream.codec_context.height
            rate = stream.average_rate or stream.guessed_rate
            fps = float(Fraction(rate)) if rate else 0.0
            duration = container.duration / 1_000_000 if container.duration else 0.0
            if not duration and stream.duration and stream.time_base:
                duration = float(stream.duration * stream.time_base)
            audio = (
                container.streams.audio[0].codec_context.name if container.streams.audio else None
            )
            _check_limits(path, width, height, duration, max_seconds, field)
            frames = int(stream.frames or 0) or round(duration * fps)
            first = next(container.decode(stream), None)
            if first is None:
                raise InputError(f"{path.name} has no decodable frames.", field=field, fix=_FIX)
            rotation = float(getattr(first, "rotation", 0) or 0)
            sar = stream.sample_aspect_ratio
            aspect = (sar.numerator, sar.denominator) if sar and sar != 1 else None
    except av.error.FFmpegError as exc:
        raise InputError(
            f"{path.name} is corrupt, truncated or not a video ({exc}).", field=field, fix=_FIX
        ) from exc
    if fps <= 0:
        raise InputError(f"{path.name} has no frame rate.", field=field, fix=_FIX)
    return VideoInfo(path, width, height, fps, max(frames, 1), duration, audio, rotation, aspect)


def _check_limits(
    path: Path, width: int, height: int, duration: float, max_seconds: float, field: str
) -> None:
    long_side, short_side = max(width, height), min(width, height)
    if long_side > MAX_WIDTH or short_side > MAX_HEIGHT:
        raise InputError(
            f"{path.name} is {width}×{height}; Kata accepts up to 4K (3840×2160).",
            field=field,
            fix="Downscale the video to 4K or less.",
        )
    if width <= 0 or height <= 0:
        raise InputError(f"{path.name} has no picture size.", field=field, fix=_FIX)
    if duration > max_seconds:
        raise InputError(
            f"{path.name} lasts {duration / 60:.1f} min; Kata accepts up to "
            f"{max_seconds / 60:.0f} min.",
            field=field,
            fix="Trim the video to the shots you need.",
        )


def frame_times(path: Path) -> list[float]:
    """Presentation time (seconds) of every video frame in display order, from the packets
    alone (no decoding): maps times to frame indices in variable-frame-rate video."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        base = stream.time_base
        if base is None:
            return []
        return sorted(
            float(packet.pts * base) for packet in container.demux(stream) if packet.pts is not None
        )


def iter_frames(
    path: Path, *, start: int = 0, stop: int | None = None, field: str = "video"
) -> Iterator[tuple[int, NDArray[Any]]]:
    """Yield ``(index, bgr)`` for frames ``start`` ≤ index < ``stop`` in decode order.

    A file that breaks off mid-stream raises :class:`InputError` rather than ending quietly
    with fewer frames than it claims.
    """
    for index, frame in iter_decoded(path, start=start, stop=stop, field=field):
        yield index, frame.to_ndarray(format="bgr24")


def iter_decoded(
    path: Path, *, start: int = 0, stop: int | None = None, field: str = "video"
) -> Iterator[tuple[int, av.VideoFrame]]:
    """Yield ``(index, frame)`` as PyAV frames (no pixel conversion); see :func:`iter_frames`."""
    index = 0
    declared = 0
    try:
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            stream.thread_type = "AUTO"
            declared = int(stream.frames or 0)
            for frame in container.decode(stream):
                if stop is not None and index >= stop:
                    return
                if index >= start:
                    yield index, frame
                index += 1
    except av.error.FFmpegError as exc:
        raise InputError(
            f"{Path(path).name} broke off after frame {index} ({exc}).",
            field=field,
            fix="The file looks truncated: upload it again, complete.",
        ) from exc
    if declared and index < declared - _FRAME_SLACK and (stop is None or index < stop):
        raise InputError(
            f"{Path(path).name} ends after {index} of its {declared} frames.",
            field=field,
            fix="The file looks truncated: upload it again, complete.",
        )
