"""What a user asks for when they create a campaign, validated once at the door."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator

from agency.core.artifacts import Artifact
from agency.core.clock import utcnow

OBJECTIVES = ("awareness", "consideration", "conversion", "engagement")
DEFAULT_CHANNELS = ("instagram", "tiktok", "facebook", "linkedin", "x", "email", "meta_ads")


def _tomorrow() -> date:
    return utcnow().date() + timedelta(days=1)


class CampaignRequest(Artifact):
    """The goal, product, money, channels and dates of one campaign."""

    goal: str = Field(min_length=3, max_length=500)
    product: str = Field(min_length=1, description="Product name as on the brand's site.")
    objective: str = "awareness"
    budget: float = Field(default=5000.0, gt=0)
    currency: str = Field(default="USD", min_length=3, max_length=3)
    channels: list[str] = Field(default_factory=lambda: list(DEFAULT_CHANNELS), min_length=1)
    start: date = Field(default_factory=_tomorrow)
    days: int = Field(default=30, ge=1, le=366)
    timezone: str = "UTC"
    holidays: str | None = Field(default="US", description="Country code for holidays, or none.")
    competitors: list[str] = Field(default_factory=list)
    cta: str = "Shop now"

    @field_validator("objective")
    @classmethod
    def _objective(cls, value: str) -> str:
        value = value.strip().lower()
        if value not in OBJECTIVES:
            raise ValueError(f"objective must be one of {', '.join(OBJECTIVES)}")
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}; use an IANA name") from exc
        return value

    @field_validator("channels")
    @classmethod
    def _channels(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(c.strip().lower() for c in value if c.strip()))
