"""twitter-text weighting configurations (v2, v3) as published in twitter/twitter-text.

The JSON files in ``data/`` are verbatim copies of ``config/v2.json`` and
``config/v3.json`` (Apache-2.0). v3 is the one X uses today and the default.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from agency.core import InputError

ConfigVersion = Literal["v2", "v3"]


class WeightRange(BaseModel):
    """Code points ``start``..``end`` (inclusive) weigh ``weight``."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    weight: int = Field(ge=0)


class TwitterTextConfig(BaseModel):
    """How twitter-text weighs a post: ranges, default weight, scale, URL length."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)

    version: int = Field(ge=0)
    max_weighted_tweet_length: int = Field(alias="maxWeightedTweetLength", ge=0)
    scale: int = Field(ge=1)
    default_weight: int = Field(alias="defaultWeight", ge=0)
    transformed_url_length: int = Field(default=23, alias="transformedURLLength", ge=0)
    emoji_parsing_enabled: bool = Field(default=False, alias="emojiParsingEnabled")
    ranges: tuple[WeightRange, ...] = ()

    def weight_of(self, code_point: int) -> int:
        """The weight of one code point (or UTF-16 unit, as the JavaScript reference uses)."""
        for item in self.ranges:
            if item.start <= code_point <= item.end:
                return item.weight
        return self.default_weight


@cache
def load_config(version: ConfigVersion = "v3") -> TwitterTextConfig:
    """The published configuration ``v2`` or ``v3`` (the default X uses)."""
    if version not in ("v2", "v3"):
        raise InputError(
            f"Unknown twitter-text config {version!r}.",
            field="version",
            fix="Use 'v2' or 'v3'.",
        )
    path = resources.files(__package__).joinpath("data", f"config_{version}.json")
    return TwitterTextConfig.model_validate(json.loads(path.read_text(encoding="utf-8")))
