"""Video and audio dimensions and duration via PyAV (FFmpeg), refusing broken files.

Opening a container reads only its header, so a file is also demuxed to the end
(cheap: no decoding) and its first frame decoded. That catches garbage behind a
valid header, an undecodable stream, and MP4/Matroska files cut short.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import av

from agency.core.errors import InputError

# Containers whose header states the duration independently of the data that follows.
_INDEXED_FORMATS = ("mov", "mp4", "matroska", "webm")
_AUDIO_ONLY = {
    "video/mp4": "audio/mp4",
    "video/webm": "audio/webm",
    "video/x-matroska": "audio/webm",
}
_WITH_VIDEO = {"audio/ogg": "video/ogg", "audio/mp4": "video/mp4", "audio/webm": "video/webm"}


@dataclass(frozen=True)
class AvInfo:
    """What a probe of a media file found."""

    media_type: str
    width: int | None
    height: int | None
    duration_s: float | None


def probe_av(source: bytes | Path, media_type: str) -> AvInfo:
    """Dimensions (video) and duration of a media file; :class:`InputError` if broken."""
    if media_type == "audio/wav":
        _check_riff_length(source)
    handle: Any = io.BytesIO(source) if isinstance(source, bytes) else str(source)
    try:
        with av.open(handle, mode="r") as container:
            return _probe_container(container, media_type)
    except InputError:
        raise
    except (av.FFmpegError, ValueError, OSError, EOFError) as exc:
        detail = getattr(exc, "strerror", None) or str(exc)
        raise _broken(media_type, f"it is corrupt ({detail})") from exc


def _probe_container(container: Any, media_type: str) -> AvInfo:
    video = next((s for s in container.streams.video if not _is_cover_art(s)), None)
    audio = container.streams.audio[0] if container.streams.audio else None
    main = video or audio
    if main is None:
        raise _broken(media_type, "it has no audio or video stream")
    duration = _declared_duration(container, main)
    span = _demux_and_decode(container, main, media_type)
    if duration is None:
        duration = span
    elif _is_indexed(container) and (span or 0.0) < duration * 0.98 - 0.05:
        raise _broken(
            media_type,
            f"it is truncated: {span or 0.0:.2f} s of data for a stated {duration:.2f} s",
        )
    if video is None:
        media_type = _AUDIO_ONLY.get(media_type, media_type)
    else:
        media_type = _WITH_VIDEO.get(media_type, media_type)
    width = video.codec_context.width if video is not None else None
    height = video.codec_context.height if video is not None else None
    if video is not None and not (width and height):
        raise _broken(media_type, "its video stream has no frame size")
    return AvInfo(
        media_type=media_type,
        width=width,
        height=height,
        duration_s=round(duration, 3) if duration is not None else None,
    )


def _demux_and_decode(container: Any, stream: Any, media_type: str) -> float | None:
    """Read every packet of ``stream``, decode until a first frame; the time span seen."""
    got_frame = False
    first: float | None = None
    end: float | None = None
    for packet in container.demux(stream):
        if packet.size == 0:
            continue
        if packet.pts is not None:
            start = float(packet.pts * stream.time_base)
            stop = start + float((packet.duration or 0) * stream.time_base)
            first = start if first is None else min(first, start)
            end = stop if end is None else max(end, stop)
        if not got_frame:
            got_frame = bool(packet.decode())
    if not got_frame:
        got_frame = bool(stream.codec_context.decode(None))
    if not got_frame:
        raise _broken(media_type, "no frame could be decoded")
    if first is None or end is None:
        return None
    return end - first


def _check_riff_length(source: bytes | Path) -> None:
    """A RIFF header states the file length; a shorter file was cut off."""
    if isinstance(source, bytes):
        head, size = source[:8], len(source)
    else:
        with source.open("rb") as handle:
            head = handle.read(8)
        size = source.stat().st_size
    stated = int.from_bytes(head[4:8], "little") + 8
    # 0 and 0xFFFFFFFF mean "unknown length" (written while streaming).
    if head[4:8] not in (b"\0\0\0\0", b"\xff\xff\xff\xff") and size < stated:
        raise _broken("audio/wav", f"it is truncated: {size} of {stated} bytes")


def _declared_duration(container: Any, stream: Any) -> float | None:
    if container.duration:
        return float(container.duration) / av.time_base
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    return None


def _is_indexed(container: Any) -> bool:
    names = container.format.name.split(",")
    return any(name in _INDEXED_FORMATS for name in names)


def _is_cover_art(stream: Any) -> bool:
    return bool(stream.disposition & av.stream.Disposition.attached_pic)


def _broken(media_type: str, detail: str) -> InputError:
    return InputError(
        f"The {media_type} file cannot be used: {detail}.",
        field="data",
        fix="Upload the complete, original file (re-export it if the upload was cut short).",
    )
