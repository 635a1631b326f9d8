"""Platform specs as data (text limits, hashtag/mention rules, media per placement).

One YAML file per platform in ``data/``, each fact with its source. The X
weighted length lives in ``twitter_text``.
"""

from agency.distribution.platforms.models import (
    AspectRange,
    CountLimit,
    MediaSpec,
    PlatformSpec,
    Source,
    TextLimit,
    parse_ratio,
)
from agency.distribution.platforms.registry import get_platform, get_text_limit, list_platforms
from agency.distribution.platforms.twitter_text import (
    ParsedTweet,
    extract_hashtags,
    extract_mentions,
    extract_urls,
    parse_tweet,
    weighted_length,
)

__all__ = [
    "AspectRange",
    "CountLimit",
    "MediaSpec",
    "ParsedTweet",
    "PlatformSpec",
    "Source",
    "TextLimit",
    "extract_hashtags",
    "extract_mentions",
    "extract_urls",
    "get_platform",
    "get_text_limit",
    "list_platforms",
    "parse_ratio",
    "parse_tweet",
    "weighted_length",
]
