"""The channel strategy's structure: role, formats, cadence, budget and audiences per platform.

Cadence and formats come from the calendar (or its published defaults), money
from the budget plan (or an even split); the ``why`` is drafted from these facts
and rewritten by the text provider.
"""

from __future__ import annotations

from dataclasses import dataclass

from agency.core import InputError
from agency.strategy.brief.inputs import BriefInputs
from agency.strategy.brief.kpis import (
    BENCHMARKS,
    DEFAULT_BENCHMARK,
    FREQUENCY,
    channel_key,
    format_number,
    round_target,
)
from agency.strategy.brief.wording import cap, join_list
from agency.strategy.budget import BudgetPlan
from agency.strategy.calendar import Cadence, CalendarPlan, default_cadence, normalize_platform

ROLES = {
    "instagram": "discovery and visual storytelling",
    "facebook": "broad reach and community",
    "meta_ads": "paid reach and retargeting across Facebook and Instagram",
    "tiktok": "discovery through short video",
    "youtube": "demonstration and longer video",
    "x": "conversation and timely news",
    "linkedin": "professional credibility",
    "pinterest": "planning and inspiration",
    "search": "capturing people already looking",
    "display": "low-cost reach and retargeting",
    "email": "converting and keeping people who already know the brand",
    "influencer": "borrowed trust from creators",
}
_WEEKDAYS = {"mon": "Mon", "tue": "Tue", "wed": "Wed", "thu": "Thu", "fri": "Fri", "sat": "Sat"}
_WEEKDAYS["sun"] = "Sun"


@dataclass
class ChannelDraft:
    """One channel's computed facts and the drafted rationale."""

    channel: str
    role: str
    formats: list[str]
    cadence: str
    posts_per_week: float | None
    budget: float
    share: float
    audiences: list[str]
    source: str
    draft_why: str


def _cadence(channel: str, calendar: CalendarPlan | None) -> Cadence | None:
    try:
        platform = normalize_platform(channel)
    except InputError:
        return None
    if calendar is not None:
        found = next((c for c in calendar.cadences if c.platform == platform), None)
        if found is not None:
            return found
    return default_cadence(platform)


def _cadence_text(cadence: Cadence | None) -> str:
    if cadence is None:
        return "always on while budget lasts"
    days = sorted(cadence.day_weights, key=lambda d: -cadence.day_weights[d])[:3]
    return (
        f"{cadence.posts_per_week:g} per week, best {join_list(_WEEKDAYS[d] for d in days)} "
        f"at {join_list(cadence.best_hours[:2], 'or')}"
    )


def plan_channels(
    inputs: BriefInputs, *, plan: BudgetPlan | None, calendar: CalendarPlan | None
) -> list[ChannelDraft]:
    """One draft per requested channel, in the order the client listed them."""
    drafts = []
    n = len(inputs.channels)
    for channel in inputs.channels:
        key = channel_key(channel)
        cadence = _cadence(channel, calendar)
        if plan is not None:
            amount = plan.amount_for(key)
            share = amount / plan.total if plan.total else 0.0
        else:
            amount, share = inputs.budget_total / n, 1 / n
        audiences = [
            a.name for a in inputs.audiences if key in {channel_key(c) for c in a.channels}
        ]
        formats = (
            sorted(cadence.formats, key=lambda f: -cadence.formats[f])  # type: ignore[index]
            if cadence
            else ["ad"]
        )
        role = ROLES.get(key, "reach")
        bench = BENCHMARKS.get(key, DEFAULT_BENCHMARK)
        reach = round_target(amount / bench.cpm * 1000 / FREQUENCY)
        parts = [f"{cap(role)}"]
        if audiences:
            parts.append(f"{join_list(audiences)} use it")
        parts.append(
            f"{share * 100:.0f} % of the budget ({format_number(amount)} {inputs.currency}) "
            f"reaches about {format_number(reach)} people at the assumed CPM"
        )
        drafts.append(
            ChannelDraft(
                channel=key,
                role=role,
                formats=list(formats),
                cadence=_cadence_text(cadence),
                posts_per_week=cadence.posts_per_week if cadence else None,
                budget=round(amount, 2),
                share=round(share, 4),
                audiences=audiences,
                source=cadence.source if cadence else "",
                draft_why="; ".join(parts) + ".",
            )
        )
    return drafts
