"""Text length the way each platform counts it."""

from __future__ import annotations

import unicodedata

from agency.distribution.platforms import TextLimit, weighted_length
from agency.distribution.platforms.twitter_text import utf16_len


def _double_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def measure(text: str, counting: str) -> int:
    """Length of ``text`` under ``counting`` (see ``TextLimit.counting``).

    ``chars`` counts code points after NFC, ``utf16`` UTF-16 units (TikTok's
    "runes"), ``utf8_bytes`` bytes (YouTube descriptions), ``double_width``
    counts CJK full-width characters twice (Google Ads), and
    ``twitter_weighted`` is X's weighted length.
    """
    if counting == "twitter_weighted":
        return weighted_length(text)
    normalized = unicodedata.normalize("NFC", text)
    if counting == "utf16":
        return utf16_len(normalized)
    if counting == "utf8_bytes":
        return len(normalized.encode("utf-8"))
    if counting == "double_width":
        return _double_width(normalized)
    return len(normalized)


def fits(text: str, limit: TextLimit) -> bool:
    """True when ``text`` is within the field's hard maximum (or recommendation)."""
    return measure(text, limit.counting) <= limit.limit
