"""twitter-text weighted length and URL extraction, implemented from the spec.

Verified against twitter/twitter-text's conformance cases (validate.yml) with
the config each section uses.
"""

from agency.distribution.platforms.twitter_text.config import (
    ConfigVersion,
    TwitterTextConfig,
    WeightRange,
    load_config,
)
from agency.distribution.platforms.twitter_text.emoji import extract_emojis
from agency.distribution.platforms.twitter_text.entities import (
    extract_hashtags,
    extract_mentions,
)
from agency.distribution.platforms.twitter_text.extract import extract_urls
from agency.distribution.platforms.twitter_text.parse import (
    ParsedTweet,
    parse_tweet,
    weighted_length,
)
from agency.distribution.platforms.twitter_text.spans import Entity, utf16_len

__all__ = [
    "ConfigVersion",
    "Entity",
    "ParsedTweet",
    "TwitterTextConfig",
    "WeightRange",
    "extract_emojis",
    "extract_hashtags",
    "extract_mentions",
    "extract_urls",
    "load_config",
    "parse_tweet",
    "utf16_len",
    "weighted_length",
]
