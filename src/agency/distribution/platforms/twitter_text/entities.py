"""Hashtags and @mentions as twitter-text extracts them, for counting against limits.

Follows twitter-text's rules: a hashtag needs at least one letter, may not
follow a letter, digit or ``&``, and is dropped when a ``#`` or ``://`` follows
it; hashtags inside URLs do not count. A mention is 1-20 of ``[A-Za-z0-9_]``
and may not follow a letter, digit or one of ``_!#$%&*@``.
"""

from __future__ import annotations

from functools import cache

import regex

from agency.distribution.platforms.twitter_text.extract import extract_urls
from agency.distribution.platforms.twitter_text.spans import Entity
from agency.distribution.platforms.twitter_text.url_patterns import LATIN_ACCENTS

_SPECIAL = (
    "_\u200c\u200d\ua67e\u05be\u05f3\u05f4\uff5e\u301c"
    "\u309b\u309c\u30a0\u30fb\u3003\u0f0b\u0f0c\xb7"
)
_ALPHA = r"[\p{L}\p{M}]"
_NON_ALPHA = rf"[\p{{Nd}}{_SPECIAL}]"
_ALNUM = rf"[\p{{L}}\p{{M}}\p{{Nd}}{_SPECIAL}]"


@cache
def _hashtag_pattern() -> regex.Pattern[str]:
    boundary = rf"(?<!(?![\uFE0E\uFE0F]){_ALNUM}|&)"
    return regex.compile(
        # "alnum* alpha alnum*" without the ambiguity: no backtracking on long tags.
        rf"{boundary}[#＃](?![\uFE0F\u20E3])(?P<tag>{_NON_ALPHA}*+{_ALPHA}{_ALNUM}*+)",
        regex.IGNORECASE,
    )


@cache
def _mention_pattern() -> regex.Pattern[str]:
    preceding = r"(?:^|[^a-zA-Z0-9_!#$%&*@＠]|(?:^|[^a-zA-Z0-9_+~.\-])(?:rt|RT|rT|Rt):?)"
    return regex.compile(rf"(?P<before>{preceding})[@＠](?P<name>[a-zA-Z0-9_]{{1,20}})")


@cache
def _end_mention() -> regex.Pattern[str]:
    return regex.compile(rf"^(?:[@＠]|[{LATIN_ACCENTS}]|://)")


def extract_hashtags(text: str) -> list[Entity]:
    """Hashtags in ``text`` (``value`` without the ``#``), outside URLs."""
    if "#" not in text and "＃" not in text:
        return []
    urls = extract_urls(text)
    found: list[Entity] = []
    for match in _hashtag_pattern().finditer(text):
        after = text[match.end() :]
        if after.startswith(("#", "＃", "://")):
            continue
        start, end = match.start(), match.end()
        if any(url.start < end and start < url.end for url in urls):
            continue
        found.append(Entity(match.group("tag"), start, end))
    return found


def extract_mentions(text: str) -> list[Entity]:
    """@mentions in ``text`` (``value`` without the ``@``)."""
    if "@" not in text and "＠" not in text:
        return []
    found: list[Entity] = []
    for match in _mention_pattern().finditer(text):
        if _end_mention().match(text[match.end() :]):
            continue
        start = match.start("name") - 1
        found.append(Entity(match.group("name"), start, match.end()))
    return found
