"""Channels and objectives the allocator knows, with default response curves.

The defaults are ASSUMPTIONS, not measurements: orders of magnitude for a
single-market, 30-day campaign in USD, to be replaced by the account's own
marketing-mix model or platform lift data as soon as there is any (pass
``curves=`` to ``allocate_budget``). Each curve is set by two numbers:

* ``first_dollar``: response bought by the first currency unit, read off
  typical public cost benchmarks (CPM ~ 5-15 USD on Meta/TikTok, ~ 30 USD on
  LinkedIn; CPC ~ 1-2 USD on search and social, ~ 5 USD on LinkedIn; CPA
  ~ 20-40 USD on search/social, higher on upper-funnel video);
* ``half_saturation``: spend at which half the ceiling is reached (Hill) or
  63 % (exponential), i.e. how big the reachable audience is per 30 days.

The ceiling follows: ``first_dollar * half_saturation`` (exact for slope 1
Hill and for the exponential). See docs/adr/0008-budget-and-calendar.md.
"""

from __future__ import annotations

from typing import Literal

from agency.core import InputError
from agency.strategy.budget.curves import ResponseCurve

Objective = Literal["awareness", "consideration", "conversion", "engagement"]

OBJECTIVES: dict[str, str] = {
    "awareness": "people reached",
    "consideration": "site visits",
    "conversion": "conversions",
    "engagement": "engagements",
}
_OBJECTIVE_ALIASES = {
    "reach": "awareness",
    "traffic": "consideration",
    "visits": "consideration",
    "sales": "conversion",
    "conversions": "conversion",
    "leads": "conversion",
}

# channel: (shape, half_saturation USD per 30 days)
_SHAPES: dict[str, tuple[Literal["hill", "exponential"], float]] = {
    "meta_ads": ("hill", 40_000),
    "instagram": ("hill", 25_000),
    "facebook": ("hill", 25_000),
    "tiktok": ("hill", 30_000),
    "youtube": ("hill", 35_000),
    "x": ("hill", 10_000),
    "linkedin": ("hill", 12_000),
    "pinterest": ("hill", 12_000),
    "search": ("exponential", 8_000),  # capped by query volume
    "display": ("hill", 30_000),
    "email": ("exponential", 1_500),  # capped by list size
    "influencer": ("hill", 15_000),
}

# response per first USD: awareness, consideration, conversion, engagement
_FIRST_DOLLAR: dict[str, tuple[float, float, float, float]] = {
    "meta_ads": (60.0, 1.00, 0.030, 4.0),
    "instagram": (55.0, 0.90, 0.028, 5.0),
    "facebook": (60.0, 1.10, 0.030, 3.0),
    "tiktok": (70.0, 1.00, 0.022, 8.0),
    "youtube": (45.0, 0.50, 0.012, 2.5),
    "x": (35.0, 0.60, 0.012, 2.0),
    "linkedin": (8.0, 0.20, 0.010, 0.8),
    "pinterest": (40.0, 1.00, 0.020, 2.5),
    "search": (15.0, 0.70, 0.050, 0.1),
    "display": (80.0, 1.20, 0.012, 0.2),
    "email": (25.0, 3.00, 0.120, 1.0),
    "influencer": (30.0, 0.60, 0.015, 6.0),
}

_CHANNEL_ALIASES = {
    "ig": "instagram",
    "fb": "facebook",
    "meta": "meta_ads",
    "twitter": "x",
    "x_ads": "x",
    "tiktok_ads": "tiktok",
    "youtube_ads": "youtube",
    "linkedin_ads": "linkedin",
    "google_ads": "search",
    "google_search": "search",
    "sem": "search",
    "programmatic": "display",
    "newsletter": "email",
    "creators": "influencer",
}

CHANNELS: tuple[str, ...] = tuple(_SHAPES)


def normalize_objective(objective: str) -> str:
    """Canonical objective name, or an InputError listing the known ones."""
    key = objective.strip().lower()
    key = _OBJECTIVE_ALIASES.get(key, key)
    if key not in OBJECTIVES:
        raise InputError(
            f"Unknown objective {objective!r}.",
            field="objective",
            fix=f"Use one of: {', '.join(OBJECTIVES)}.",
        )
    return key


def normalize_channel(channel: str, *, field: str = "channels") -> str:
    """Canonical channel name, or an InputError listing the known ones."""
    key = channel.strip().lower().replace("-", "_").replace(" ", "_")
    key = _CHANNEL_ALIASES.get(key, key)
    if key not in _SHAPES:
        raise InputError(
            f"Unknown channel {channel!r}.",
            field=field,
            fix=f"Use one of: {', '.join(CHANNELS)} (or pass a curve for it in `curves`).",
        )
    return key


def default_curve(channel: str, objective: str) -> ResponseCurve:
    """The assumed response curve of ``channel`` for ``objective`` (USD, 30 days)."""
    name = normalize_channel(channel)
    goal = normalize_objective(objective)
    kind, half = _SHAPES[name]
    first = _FIRST_DOLLAR[name][list(OBJECTIVES).index(goal)]
    return ResponseCurve(kind=kind, ceiling=first * half, half_saturation=half, slope=1.0)
