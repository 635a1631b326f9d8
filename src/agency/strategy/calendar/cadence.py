"""Per-platform posting cadence: how often, which days, which hours, which formats.

Defaults live in ``data/cadence.yaml`` with their sources (Sprout Social,
Hootsuite, Buffer, vendor email studies). They describe other accounts, so
they are starting points: ``cadence_overrides`` replaces any field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any, Literal, get_args

import yaml
from pydantic import Field, ValidationError, field_validator, model_validator

from agency.core import Artifact, InputError

Format = Literal["post", "carousel", "reel", "short", "story", "thread", "article", "email", "ad"]
FORMATS: tuple[str, ...] = get_args(Format)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

_ALIASES = {
    "ig": "instagram",
    "fb": "facebook",
    "twitter": "x",
    "newsletter": "email",
    "youtube_shorts": "youtube",
    "shorts": "youtube",
    **{
        paid: "ads"
        for paid in (
            "meta_ads",
            "google_ads",
            "search",
            "display",
            "tiktok_ads",
            "linkedin_ads",
            "x_ads",
            "youtube_ads",
            "paid",
        )
    },
}


class Cadence(Artifact):
    """How one platform is scheduled."""

    platform: str
    posts_per_week: float = Field(ge=0, le=70)
    day_weights: dict[str, float]
    best_hours: list[str] = Field(min_length=1)
    min_spacing_hours: float = Field(ge=0, le=24)
    max_per_day: int = Field(ge=1, le=10)
    formats: dict[Format, float] = Field(min_length=1)
    duration_minutes: int = Field(default=15, ge=1, le=24 * 60)
    source: str = ""

    @field_validator("day_weights")
    @classmethod
    def _days(cls, value: dict[str, float]) -> dict[str, float]:
        if set(value) != set(WEEKDAYS) or any(w < 0 for w in value.values()):
            raise ValueError(f"give a non-negative weight for each of {', '.join(WEEKDAYS)}")
        return {d: float(value[d]) for d in WEEKDAYS}

    @field_validator("best_hours")
    @classmethod
    def _hours(cls, value: list[str]) -> list[str]:
        for hour in value:
            if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", hour):
                raise ValueError(f"{hour!r} is not a 24-hour HH:MM time")
        return value

    @model_validator(mode="after")
    def _fits_in_a_day(self) -> Cadence:
        if (self.max_per_day - 1) * self.min_spacing_hours > 14:
            raise ValueError("max_per_day posts at min_spacing_hours apart do not fit in a day")
        if sum(self.formats.values()) <= 0 or any(w < 0 for w in self.formats.values()):
            raise ValueError("format weights must be non-negative and not all zero")
        if max(self.day_weights.values()) <= 0:
            raise ValueError("at least one weekday needs a positive weight")
        return self

    def weekday_weight(self, weekday: int) -> float:
        """Preference for a weekday (0 = Monday)."""
        return self.day_weights[WEEKDAYS[weekday]]


@cache
def _defaults() -> dict[str, Cadence]:
    text = resources.files("agency.strategy.calendar").joinpath("data/cadence.yaml").read_text()
    data = yaml.safe_load(text)["platforms"]
    return {name: Cadence(platform=name, **spec) for name, spec in data.items()}


def platforms() -> tuple[str, ...]:
    """Platforms with a default cadence."""
    return tuple(_defaults())


def normalize_platform(name: str, *, field: str = "channels") -> str:
    """Canonical platform name, or an InputError listing the known ones."""
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    key = _ALIASES.get(key, key)
    if key not in _defaults():
        raise InputError(
            f"No calendar cadence for channel {name!r}.",
            field=field,
            fix=f"Use one of: {', '.join(platforms())}.",
        )
    return key


def default_cadence(platform: str) -> Cadence:
    """The published-best-practice default for ``platform``."""
    return _defaults()[normalize_platform(platform)]


def resolve_cadence(platform: str, override: Mapping[str, Any] | Cadence | None) -> Cadence:
    """The default cadence of ``platform`` with the fields of ``override`` replaced."""
    base = default_cadence(platform)
    if override is None:
        return base
    changes = override.model_dump() if isinstance(override, Cadence) else dict(override)
    changes.pop("platform", None)
    if isinstance(changes.get("day_weights"), Mapping):
        changes["day_weights"] = {**base.day_weights, **changes["day_weights"]}
    try:
        return Cadence.model_validate({**base.model_dump(), **changes})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(
            f"Cadence override for {platform} is invalid: {where} {first['msg']}.",
            field=f"cadence_overrides.{platform}",
            fix="Correct that value, e.g. {'posts_per_week': 3, 'best_hours': ['10:00']}.",
        ) from exc
