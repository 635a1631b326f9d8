"""One entry point: what a piece of content is, how big, how long, and is it whole.

The type comes from the bytes (``sniffing.py``). A caller's declared type is
honoured only where the bytes cannot tell (``text/csv`` over plain text, ``font/woff2``
over unknown binary); a declared type the bytes contradict is an
:class:`~agency.core.errors.InputError` naming ``media_type``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from agency.core.errors import InputError
from agency.storage.probing.audiovisual import probe_av
from agency.storage.probing.documents import check_pdf, is_json, is_utf8_text, probe_svg
from agency.storage.probing.images import DEFAULT_MAX_PIXELS, PIL_FORMATS, probe_image
from agency.storage.probing.sniffing import (
    EXTENSIONS,
    JSON,
    OCTET_STREAM,
    SNIFF_BYTES,
    SVG,
    TEXT,
    normalize_media_type,
    same_family,
    sniff_media_type,
)

AV_TYPES = frozenset(
    {
        "video/mp4",
        "audio/mp4",
        "video/quicktime",
        "video/webm",
        "audio/webm",
        "video/x-matroska",
        "audio/wav",
        "audio/mpeg",
        "audio/ogg",
        "video/ogg",
    }
)
_DETECTABLE_BINARY = frozenset(EXTENSIONS) - {TEXT, JSON}


@dataclass(frozen=True)
class MediaInfo:
    """The facts an asset row records about its content."""

    media_type: str
    width: int | None = None
    height: int | None = None
    duration_s: float | None = None


def probe_media(
    data: bytes | Path,
    *,
    declared: str | None = None,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> MediaInfo:
    """Detect and check ``data``; raise :class:`InputError` for empty, corrupt or bomb input."""
    head = _head(data)
    if not head:
        raise InputError("The file is empty.", field="data", fix="Upload a file with content.")
    sniffed = sniff_media_type(head)
    media_type = _reconcile(sniffed, normalize_media_type(declared) if declared else None)
    if media_type in PIL_FORMATS:
        width, height = probe_image(data, media_type, max_pixels=max_pixels)
        return MediaInfo(media_type, width, height)
    if media_type == SVG:
        width_or_none, height_or_none = probe_svg(data)
        return MediaInfo(media_type, width_or_none, height_or_none)
    if media_type in AV_TYPES:
        info = probe_av(data, media_type)
        return MediaInfo(info.media_type, info.width, info.height, info.duration_s)
    if media_type == "application/pdf":
        check_pdf(data)
        return MediaInfo(media_type)
    return MediaInfo(_check_textual(data, media_type, declared is not None))


def _reconcile(sniffed: str, declared: str | None) -> str:
    """The type to record: the content's, or the caller's where content cannot tell."""
    if declared is None or same_family(sniffed, declared):
        return sniffed
    if sniffed == OCTET_STREAM and declared not in EXTENSIONS:
        return declared
    if sniffed in (TEXT, JSON) and declared not in _DETECTABLE_BINARY:
        return declared
    raise InputError(
        f"The content is {sniffed}, not {declared}.",
        field="media_type",
        fix=f"Leave media_type out (it is detected) or pass {sniffed!r}.",
    )


def _check_textual(data: bytes | Path, media_type: str, declared: bool) -> str:
    """JSON must parse and text must be UTF-8; undeclared, a failure just demotes the type."""
    if media_type == JSON:
        if is_json(data):
            return JSON
        if declared:
            raise InputError(
                "The content is not valid JSON.", field="data", fix="Upload well-formed JSON."
            )
        media_type = TEXT
    if media_type == TEXT or (declared and media_type.startswith("text/")):
        if is_utf8_text(data):
            return media_type
        if declared:
            raise InputError(
                f"The {media_type} content is not valid UTF-8 text.",
                field="data",
                fix="Save the file as UTF-8.",
            )
        return OCTET_STREAM
    return media_type


def _head(data: bytes | Path) -> bytes:
    if isinstance(data, bytes):
        return data[:SNIFF_BYTES]
    if not data.is_file():
        raise InputError(
            f"No file at {str(data)!r}.", field="data", fix="Pass an existing file path."
        )
    with data.open("rb") as handle:
        return handle.read(SNIFF_BYTES)
