"""Plan a campaign: brief inputs from research, budget split, brief, then the calendar.

The brief's three creative territories name the calendar's territories, so the
calendar is built after the brief; the brief is given the budget plan so its
channel strategy shows the split.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from agency.core.artifacts import Artifact
from agency.intelligence.brand import BrandProfile
from agency.intelligence.knowledge import PassageHit
from agency.intelligence.research import ResearchReport
from agency.providers import TextProvider
from agency.strategy.brief import Brief, generate_brief
from agency.strategy.brief.from_research import inputs_from_research
from agency.strategy.budget import BudgetPlan, allocate_budget
from agency.strategy.calendar import CalendarPlan, build_calendar
from agency.strategy.planning.request import CampaignRequest

Search = Callable[[str], list[PassageHit]]


class CampaignPlan(Artifact):
    """The strategy half of a campaign."""

    brief: Brief
    budget: BudgetPlan
    calendar: CalendarPlan


def proof_queries(request: CampaignRequest, report: ResearchReport) -> list[str]:
    """Questions whose answers are the proof points a brief should cite."""
    queries = [
        request.product,
        f"{request.product} ingredients origin process",
        f"why choose {report.brand_name or 'the brand'}",
        request.goal,
        "guarantee shipping subscription",
        "sourcing sustainability farmers",
    ]
    queries += [s.text for s in report.market.white_space[:3]]
    return queries


def plan_campaign(
    request: CampaignRequest,
    *,
    report: ResearchReport,
    profile: BrandProfile,
    search: Search,
    provider: TextProvider,
) -> CampaignPlan:
    """Brief, budget and calendar for ``request`` from the research ``report``."""
    hits: dict[str, PassageHit] = {}
    for query in proof_queries(request, report):
        for hit in search(query):
            hits.setdefault(hit.passage_id, hit)
    passages: Sequence[PassageHit] = list(hits.values())
    inputs = inputs_from_research(
        report,
        profile=profile,
        passages=passages,
        product=request.product,
        goal=request.goal,
        objective=request.objective,
        budget_total=request.budget,
        channels=request.channels,
        start=request.start,
        days=request.days,
        currency=request.currency,
    )
    budget = allocate_budget(
        request.budget,
        objective=request.objective,
        channels=request.channels,
        currency=request.currency,
    )
    brief = generate_brief(inputs, provider=provider, budget_plan=budget)
    calendar = build_calendar(
        start=request.start,
        days=request.days,
        timezone=request.timezone,
        channels=request.channels,
        territories=[t.name for t in brief.territories],
        holidays=request.holidays,
    )
    return CampaignPlan(brief=brief, budget=budget, calendar=calendar)
