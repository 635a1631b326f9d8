"""Check user-supplied media before ffmpeg sees it.

A corrupt or truncated file, a decompression bomb or an over-long video becomes an
:class:`InputError` naming the field and the fix, instead of a hung or failed render.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import av
from PIL import Image, UnidentifiedImageError

from agency.core.errors import InputError

MAX_IMAGE_PIXELS = 64_000_000
"""Largest still accepted (64 MP, e.g. 8000×8000); larger is treated as a decompression bomb."""

MAX_SOURCE_SECONDS = 1800.0
"""Longest video or audio source accepted (30 minutes)."""


def check_exists(path: Path, *, field: str) -> Path:
    """Raise a clear error if ``path`` is missing or not a file."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path} does not exist.", field=field, fix="Point to an existing file.")
    return path


def check_image(path: Path, *, field: str, max_pixels: int = MAX_IMAGE_PIXELS) -> tuple[int, int]:
    """Validate a still image fully (header, size limit, decodable pixels); return its size."""
    check_exists(path, field=field)
    fix = "Upload an intact PNG, JPEG or WebP image."
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                width, height = img.size
                if width * height > max_pixels:
                    raise InputError(
                        f"{path.name} is {width}×{height} pixels, over the "
                        f"{max_pixels / 1e6:g} MP limit.",
                        field=field,
                        fix="Downscale the image to at most 8000×8000 pixels.",
                    )
                img.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise InputError(
            f"{path.name} declares an enormous size (decompression bomb).",
            field=field,
            fix="Downscale the image to at most 8000×8000 pixels.",
        ) from exc
    except UnidentifiedImageError as exc:
        raise InputError(f"{path.name} is not a recognised image.", field=field, fix=fix) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise InputError(
            f"{path.name} is corrupt or truncated ({exc}).", field=field, fix=fix
        ) from exc
    return width, height


def check_av_source(
    path: Path, *, field: str, kind: str, max_seconds: float = MAX_SOURCE_SECONDS
) -> float:
    """Validate a video (``kind='video'``) or audio source; return its duration in seconds."""
    check_exists(path, field=field)
    fix = f"Upload an intact {kind} file (MP4, MOV, WebM, WAV, MP3, M4A)."
    try:
        with av.open(str(path)) as container:
            streams = container.streams.video if kind == "video" else container.streams.audio
            if not streams:
                raise InputError(f"{path.name} has no {kind} stream.", field=field, fix=fix)
            stream = streams[0]
            duration = 0.0
            if container.duration:
                duration = container.duration / 1_000_000
            elif stream.duration and stream.time_base:
                duration = float(stream.duration * stream.time_base)
            if duration > max_seconds:
                raise InputError(
                    f"{path.name} lasts {duration / 60:.0f} min; sources are limited to "
                    f"{max_seconds / 60:.0f} min.",
                    field=field,
                    fix="Trim the source to the part you need before uploading.",
                )
            decoded = next(container.decode(stream), None)
            if decoded is None:
                raise InputError(f"{path.name} has no decodable frames.", field=field, fix=fix)
    except av.error.FFmpegError as exc:
        raise InputError(
            f"{path.name} is corrupt or not a {kind} file ({exc}).", field=field, fix=fix
        ) from exc
    return duration
