"""LinkedIn's "little text format" for post commentary.

LinkedIn cuts a post at the first unescaped reserved character, so commentary
is escaped before it is sent; hashtags become ``{hashtag|\\#|tag}`` templates.
Source: https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/little-text-format
"""

from __future__ import annotations

from agency.distribution.platforms import extract_hashtags

RESERVED = frozenset("\\|{}@[]()<>#*_~")


def _escape(text: str) -> str:
    return "".join(f"\\{ch}" if ch in RESERVED else ch for ch in text)


def to_little_text(text: str) -> str:
    """``text`` as LinkedIn commentary: reserved characters escaped, hashtags as templates."""
    parts: list[str] = []
    position = 0
    for tag in extract_hashtags(text):
        parts.append(_escape(text[position : tag.start]))
        parts.append(f"{{hashtag|\\#|{tag.value}}}")
        position = tag.end
    parts.append(_escape(text[position:]))
    return "".join(parts)
