"""Media probing: type by content, dimensions and duration, refusal of broken input."""

from agency.storage.probing.images import DEFAULT_MAX_PIXELS
from agency.storage.probing.media import MediaInfo, probe_media
from agency.storage.probing.sniffing import (
    extension_for,
    normalize_media_type,
    sniff_media_type,
)

__all__ = [
    "DEFAULT_MAX_PIXELS",
    "MediaInfo",
    "extension_for",
    "normalize_media_type",
    "probe_media",
    "sniff_media_type",
]
