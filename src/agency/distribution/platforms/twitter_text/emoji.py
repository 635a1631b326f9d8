"""Emoji entities exactly as twitter-text v3 finds them.

twitter-text 3.1.0 weighs every match of twemoji-parser 11.0.2's expression
as one emoji. ``data/twemoji_regex.txt`` is that expression, verbatim (MIT,
Twitter Inc.); written for JavaScript strings, it runs over UTF-16 units.
Emoji newer than that list count per code point, as twitter-text counts them
(never less than a newer list would).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from agency.distribution.platforms.twitter_text.spans import Entity, Utf16View


@cache
def _pattern() -> re.Pattern[str]:
    path = resources.files(__package__).joinpath("data", "twemoji_regex.txt")
    return re.compile(path.read_text(encoding="utf-8").strip())


def emoji_spans(units: str) -> list[tuple[int, int]]:
    """(start, end) in UTF-16 units of every emoji in a unit string."""
    if units.isascii():
        return []
    return [match.span() for match in _pattern().finditer(units)]


def extract_emojis(text: str) -> list[Entity]:
    """Every emoji twitter-text v3 counts as one (indices in code points)."""
    view = Utf16View.of(text)
    found = []
    for start, end in emoji_spans(view.units):
        first, last = view.owner[start], view.owner[end]
        if last > first:
            found.append(Entity(text[first:last], first, last))
    return found
