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
from agency.distribution.platforms.twitter_text.extract import (
    extract_emojis,
    extract_urls,
    utf16_len,
)
from agency.distribution.platforms.twitter_text.url_patterns import INVALID_CHARS


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
    normalized = unicodedata.normalize("NFC", text)
    urls = {entity.start: entity for entity in extract_urls(normalized)}
    emojis = (
        {entity.start: entity for entity in extract_emojis(normalized)}
        if cfg.emoji_parsing_enabled
        else {}
    )
    weighted = 0
    valid = True
    invalid_found = False
    valid_display_index = 0
    unit_offset = 0  # UTF-16 offset of ``index``
    index = 0
    limit = cfg.max_weighted_tweet_length * cfg.scale
    while index < len(normalized):
        if index in urls:
            span_end = urls[index].end
            weighted += cfg.transformed_url_length * cfg.scale
        elif index in emojis:
            span_end = emojis[index].end
            weighted += cfg.default_weight
        else:
            span_end = index + 1
            weighted += cfg.weight_of(ord(normalized[index]))
        unit_offset += utf16_len(normalized[index:span_end])
        last_char = normalized[span_end - 1]
        if valid and last_char in INVALID_CHARS:
            valid = False
            invalid_found = True
        if valid and weighted <= limit:
            valid_display_index = unit_offset - 1
        index = span_end
    weighted_length = weighted // cfg.scale
    max_length = cfg.max_weighted_tweet_length
    text_units = utf16_len(text)
    return ParsedTweet(
        weighted_length=weighted_length,
        valid=valid and 0 < weighted_length <= max_length,
        permillage=(weighted_length * 1000) // max_length if max_length else 0,
        valid_range_start=0,
        valid_range_end=valid_display_index + text_units - utf16_len(normalized),
        display_range_start=0,
        display_range_end=max(text_units - 1, 0),
        has_invalid_characters=invalid_found,
    )


def weighted_length(text: str, config: TwitterTextConfig | ConfigVersion | None = None) -> int:
    """The weighted length of ``text`` (what X compares with 280)."""
    return parse_tweet(text, config).weighted_length
