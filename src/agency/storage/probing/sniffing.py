"""Media type from the first bytes of content (magic numbers), never from a file name.

A name can lie (``logo.png`` that is a JPEG, ``clip.mp4`` that is HTML); the bytes
cannot. ``sniff_media_type`` looks at a head of :data:`SNIFF_BYTES` bytes; the
probe (``probing.py``) then confirms by parsing the whole file.
"""

from __future__ import annotations

import re

SNIFF_BYTES = 8192
OCTET_STREAM = "application/octet-stream"
TEXT = "text/plain"
JSON = "application/json"
SVG = "image/svg+xml"

EXTENSIONS: dict[str, str] = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/webp": ".webp",
    "image/gif": ".gif",
    "image/avif": ".avif",
    "image/heic": ".heic",
    SVG: ".svg",
    "video/mp4": ".mp4",
    "audio/mp4": ".m4a",
    "video/quicktime": ".mov",
    "video/webm": ".webm",
    "audio/webm": ".weba",
    "video/x-matroska": ".mkv",
    "audio/wav": ".wav",
    "audio/mpeg": ".mp3",
    "audio/ogg": ".ogg",
    "video/ogg": ".ogv",
    "application/pdf": ".pdf",
    JSON: ".json",
    TEXT: ".txt",
}

ALIASES: dict[str, str] = {
    "image/jpg": "image/jpeg",
    "image/pjpeg": "image/jpeg",
    "audio/x-wav": "audio/wav",
    "audio/wave": "audio/wav",
    "audio/vnd.wave": "audio/wav",
    "audio/mp3": "audio/mpeg",
    "audio/mpeg3": "audio/mpeg",
    "audio/x-m4a": "audio/mp4",
    "video/mkv": "video/x-matroska",
    "application/ogg": "audio/ogg",
    "text/json": JSON,
}

# One container, several names: a caller's "video/mp4" for an audio-only MP4 is fine.
FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"video/mp4", "audio/mp4", "video/quicktime"}),
    frozenset({"video/webm", "audio/webm", "video/x-matroska"}),
    frozenset({"audio/ogg", "video/ogg"}),
)

_SVG_RE = re.compile(rb"<svg[\s>]", re.IGNORECASE)


def normalize_media_type(media_type: str) -> str:
    """Lower-case, parameters dropped, common aliases resolved (``image/jpg`` → jpeg)."""
    base = media_type.split(";", 1)[0].strip().lower()
    return ALIASES.get(base, base)


def same_family(a: str, b: str) -> bool:
    """True when two media types name the same kind of content."""
    a, b = normalize_media_type(a), normalize_media_type(b)
    return a == b or any(a in family and b in family for family in FAMILIES)


def extension_for(media_type: str) -> str:
    """The file extension stored blobs of ``media_type`` get ('' when unknown)."""
    return EXTENSIONS.get(normalize_media_type(media_type), "")


def sniff_media_type(head: bytes) -> str:
    """The media type the leading bytes announce, else text/plain or octet-stream."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "audio/wav"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"OggS"):
        return "audio/ogg"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video/webm" if b"webm" in head[:64] else "video/x-matroska"
    if head[4:8] == b"ftyp":
        return _iso_media_type(head[8:12])
    if head[4:8] in (b"moov", b"mdat", b"wide", b"free", b"skip"):
        return "video/quicktime"
    if head.startswith(b"ID3") or _is_mpeg_audio_frame(head):
        return "audio/mpeg"
    return _sniff_text(head)


def _iso_media_type(brand: bytes) -> str:
    """ISO base media files (MP4, MOV, AVIF, HEIC) name what they are in the ftyp brand."""
    if brand in (b"avif", b"avis"):
        return "image/avif"
    if brand in (b"heic", b"heix", b"heim", b"heis", b"mif1", b"msf1"):
        return "image/heic"
    if brand == b"qt  ":
        return "video/quicktime"
    if brand in (b"M4A ", b"M4B ", b"F4A "):
        return "audio/mp4"
    return "video/mp4"


def _is_mpeg_audio_frame(head: bytes) -> bool:
    """An MPEG audio frame header: 11 sync bits, a valid version, layer and bitrate."""
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return False
    version = (head[1] >> 3) & 0b11
    layer = (head[1] >> 1) & 0b11
    bitrate = head[2] >> 4
    return version != 0b01 and layer != 0 and bitrate not in (0, 0xF)


def _sniff_text(head: bytes) -> str:
    text = _decode_text(head)
    if text is None:
        return OCTET_STREAM
    stripped = text.lstrip()
    if stripped.startswith("<") and _SVG_RE.search(head):
        return SVG
    if stripped[:1] in ("{", "["):
        return JSON
    return TEXT


def _decode_text(head: bytes) -> str | None:
    """The head as text if it is UTF-8 without binary control bytes, else None."""
    head = head.removeprefix(b"\xef\xbb\xbf")
    if not head:
        return None
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut off by the head boundary is still text.
        if exc.start < len(head) - 3:
            return None
        text = head[: exc.start].decode("utf-8")
    if any(ord(ch) < 32 and ch not in "\t\n\r\f" for ch in text):
        return None
    return text
