"""Typed platform specs: text limits, hashtag/mention rules, media specs per placement.

Every fact carries the key of a ``Source`` (URL, retrieval note, confidence) in
the same spec; a spec that names a missing source does not load.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from agency.core import Artifact

Confidence = Literal["verified", "official", "second-hand", "house-rule"]
Counting = Literal["chars", "twitter_weighted", "utf16", "utf8_bytes", "double_width"]
MediaKind = Literal["image", "video", "document"]
Placement = Literal["inline", "end", "first_comment"]

BYTES_PER_MB = 1_000_000  # decimal: the stricter reading of "MB"


class Source(Artifact):
    """Where a number comes from and how it was obtained."""

    url: str
    retrieved: str
    confidence: Confidence = "official"


class TextLimit(Artifact):
    """Limits of one text field (post, caption, title, headline, ...)."""

    max: int | None = Field(default=None, ge=1)
    min: int = Field(default=0, ge=0)
    recommended: int | None = Field(default=None, ge=1)
    counting: Counting = "chars"
    min_items: int = Field(default=0, ge=0)
    max_items: int | None = Field(default=None, ge=1)
    unique: bool = False
    forbidden_chars: str = ""
    reserved_chars: str = ""
    links_allowed: bool = True
    hashtags_allowed: bool = True
    mentions_allowed: bool = True
    source: str
    recommended_source: str | None = None
    note: str = ""

    @model_validator(mode="after")
    def _has_a_limit(self) -> TextLimit:
        if self.max is None and self.recommended is None:
            raise ValueError("a text field needs `max` or `recommended`")
        return self

    @property
    def limit(self) -> int:
        """The number to compare with: the hard maximum, else the recommendation."""
        return self.max if self.max is not None else int(self.recommended or 0)


class CountLimit(Artifact):
    """How many hashtags or mentions a post may carry, and where hashtags go."""

    max: int | None = Field(default=None, ge=0)
    recommended: int | None = Field(default=None, ge=0)
    placement: Placement = "end"
    source: str
    note: str = ""


def parse_ratio(value: str | float) -> float:
    """``"9:16"`` → 0.5625 (width / height); numbers pass through."""
    if isinstance(value, int | float):
        return float(value)
    width, _, height = str(value).partition(":")
    try:
        ratio = float(width) / float(height or 1)
    except (ValueError, ZeroDivisionError) as exc:
        raise ValueError(f"aspect ratio {value!r} is not W:H") from exc
    if ratio <= 0:
        raise ValueError(f"aspect ratio {value!r} must be positive")
    return ratio


class AspectRange(Artifact):
    """Allowed width/height ratios: ``low`` to ``high`` (equal for an exact ratio)."""

    label: str
    low: float = Field(gt=0)
    high: float = Field(gt=0)

    @classmethod
    def parse(cls, value: Any) -> AspectRange:
        """From ``"9:16"`` (exact) or ``["4:5", "1.91:1"]`` (a range, either order)."""
        if isinstance(value, AspectRange):
            return value
        if isinstance(value, dict):
            return cls.model_validate(value)
        if isinstance(value, list | tuple):
            first, second = (parse_ratio(item) for item in value)
            label = f"{value[0]} to {value[1]}"
            return cls(label=label, low=min(first, second), high=max(first, second))
        ratio = parse_ratio(value)
        return cls(label=str(value), low=ratio, high=ratio)

    def contains(self, ratio: float, tolerance: float) -> bool:
        """True when ``ratio`` is in range, allowing ``tolerance`` (relative)."""
        return self.low * (1 - tolerance) <= ratio <= self.high * (1 + tolerance)


class MediaSpec(Artifact):
    """What one placement (feed image, reel, story, ...) accepts."""

    kind: MediaKind
    containers: tuple[str, ...] = ()
    codecs: tuple[str, ...] = ()
    aspect_ratios: tuple[AspectRange, ...] = ()
    aspect_tolerance: float = Field(default=0.01, ge=0, le=0.2)
    recommended_aspect: str | None = None
    min_width: int | None = None
    min_height: int | None = None
    max_width: int | None = None
    max_height: int | None = None
    max_pixels: int | None = None
    min_duration_s: float | None = None
    max_duration_s: float | None = None
    min_fps: float | None = None
    max_fps: float | None = None
    max_size_mb: float | None = None
    max_items: int | None = None
    max_pages: int | None = None
    source: str
    note: str = ""

    @field_validator("aspect_ratios", mode="before")
    @classmethod
    def _parse_ratios(cls, value: Any) -> tuple[AspectRange, ...]:
        return tuple(AspectRange.parse(item) for item in value or ())

    @property
    def max_size_bytes(self) -> int | None:
        """The size cap in bytes (1 MB = 1,000,000 bytes)."""
        return None if self.max_size_mb is None else int(self.max_size_mb * BYTES_PER_MB)


class PlatformSpec(Artifact):
    """Everything V3 knows about one platform's limits, with sources."""

    name: str
    display_name: str
    kind: Literal["social", "ads", "email"]
    default_field: str
    threads: bool = False
    aliases: tuple[str, ...] = ()
    sources: dict[str, Source]
    text: dict[str, TextLimit]
    hashtags: CountLimit | None = None
    mentions: CountLimit | None = None
    media: dict[str, MediaSpec] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _references_resolve(self) -> PlatformSpec:
        if self.default_field not in self.text:
            raise ValueError(f"default_field {self.default_field!r} is not a text field")
        facts: list[tuple[str, str]] = [(f"text.{k}", v.source) for k, v in self.text.items()]
        facts += [
            (f"text.{k}.recommended", v.recommended_source)
            for k, v in self.text.items()
            if v.recommended_source is not None
        ]
        facts += [(f"media.{k}", v.source) for k, v in self.media.items()]
        facts += [(name, rule.source) for name, rule in self._count_rules()]
        missing = [f"{where} → {key}" for where, key in facts if key not in self.sources]
        if missing:
            raise ValueError(f"unknown source keys: {', '.join(missing)}")
        return self

    def _count_rules(self) -> list[tuple[str, CountLimit]]:
        rules = [("hashtags", self.hashtags), ("mentions", self.mentions)]
        return [(name, rule) for name, rule in rules if rule is not None]

    def source_for(self, key: str) -> Source:
        """The ``Source`` a fact's key names."""
        return self.sources[key]
