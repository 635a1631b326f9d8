"""``parse_tweet``: the weighted length of a post, exactly as twitter-text counts it.

Text is NFC-normalised; every URL counts ``transformedURLLength``; with
``emojiParsingEnabled`` (v3) every emoji sequence counts ``defaultWeight``; every
other code point weighs what its range says. Ranges are reported in UTF-16
units like the reference implementations, so results compare one to one.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from agency.distribution.platforms.twitter_text.config import (
    ConfigVersion,
    TwitterTextConfig,
    load_config,
)
from agency.distribution.platforms.twitter_text.emoji import emoji_spans
from agency.distribution.platforms.twitter_text.extract import url_spans
from agency.distribution.platforms.twitter_text.spans import Utf16View, utf16_len
from agency.distribution.platforms.twitter_text.url_patterns import INVALID_CHARS

_INVALID = frozenset(INVALID_CHARS)


@dataclass(frozen=True)
class ParsedTweet:
    """twitter-text's ``parseTweet`` result (ranges are inclusive UTF-16 indices)."""

    weighted_length: int
    valid: bool
    permillage: int
    valid_range_start: int
    valid_range_end: int
    display_range_start: int
    display_range_end: int
    has_invalid_characters: bool

    def as_conformance(self) -> dict[str, int | bool]:
        """The result under the camelCase keys the conformance files use."""
        return {
            "weightedLength": self.weighted_length,
            "valid": self.valid,
            "permillage": self.permillage,
            "validRangeStart": self.valid_range_start,
            "validRangeEnd": self.valid_range_end,
            "displayRangeStart": self.display_range_start,
            "displayRangeEnd": self.display_range_end,
        }


def _resolve(config: TwitterTextConfig | ConfigVersion | None) -> TwitterTextConfig:
    if config is None:
        return load_config("v3")
    if isinstance(config, TwitterTextConfig):
        return config
    return load_config(config)


def parse_tweet(text: str, config: TwitterTextConfig | ConfigVersion | None = None) -> ParsedTweet:
    """Weigh ``text`` with ``config`` (default: v3, what X uses)."""
    cfg = _resolve(config)
    units = Utf16View.of(unicodedata.normalize("NFC", text)).units
    urls = {url.start: len(url.value) for url in url_spans(units)}
    emojis = dict(emoji_spans(units)) if cfg.emoji_parsing_enabled else {}
    weighted = 0
    valid = True
    invalid_found = False
    valid_display_index = 0
    limit = cfg.max_weighted_tweet_length * cfg.scale
    index = 0
    while index < len(units):
        if index in urls:
            weighted += cfg.transformed_url_length * cfg.scale
            index += urls[index] - 1
        elif index in emojis:
            weighted += cfg.default_weight
            index = emojis[index] - 1
        else:
            if _is_surrogate_pair(units, index):
                index += 1  # weighed by its second unit, as twitter-text does
            weighted += cfg.weight_of(ord(units[index]))
        if valid and units[index : index + 1] in _INVALID:
            valid = False
            invalid_found = True
        if valid and weighted <= limit:
            valid_display_index = index
        index += 1
    weighted_length = weighted // cfg.scale
    max_length = cfg.max_weighted_tweet_length
    text_units = utf16_len(text)
    return ParsedTweet(
        weighted_length=weighted_length,
        valid=valid and 0 < weighted_length <= max_length,
        permillage=(weighted_length * 1000) // max_length if max_length else 0,
        valid_range_start=0,
        valid_range_end=valid_display_index + text_units - len(units),
        display_range_start=0,
        display_range_end=max(text_units - 1, 0),
        has_invalid_characters=invalid_found,
    )


def _is_surrogate_pair(units: str, index: int) -> bool:
    return (
        index + 1 < len(units)
        and "\ud800" <= units[index] <= "\udbff"
        and "\udc00" <= units[index + 1] <= "\udfff"
    )


def weighted_length(text: str, config: TwitterTextConfig | ConfigVersion | None = None) -> int:
    """The weighted length of ``text`` (what X compares with 280)."""
    return parse_tweet(text, config).weighted_length
