"""The measurement plan and the risk register, both computed from the plan's own numbers."""

from __future__ import annotations

from agency.strategy.brief.channels import ChannelDraft
from agency.strategy.brief.inputs import BriefInputs
from agency.strategy.brief.models import KPI, MeasurementItem, Risk
from agency.strategy.brief.wording import join_list, uncap

_SOURCES = {
    "reach": ("Platform ads managers and page insights", "Each platform's native analytics"),
    "clicks": ("UTM-tagged sessions on the product page", "Web analytics (e.g. GA4, Plausible)"),
    "conversions": ("Orders and sign-ups carrying campaign UTMs", "Shop or CRM reports"),
    "engagements": ("Likes, comments, shares and saves per post", "Platform insights export"),
    "cost_per_conversion": ("Spend from ads managers ÷ attributed conversions", "Spreadsheet"),
}
LEARNING_EVENTS = 50  # Meta's learning phase wants ~50 optimisation events in 7 days
THIN_CHANNEL_SPEND = 300.0  # below this a paid channel rarely leaves the learning phase


def plan_measurement(kpis: list[KPI], *, days: int) -> list[MeasurementItem]:
    """Where each KPI's number comes from, how often it is read, and what we do with it."""
    items = []
    for kpi in kpis:
        source, tool = _SOURCES.get(kpi.metric, ("Platform analytics", "Platform analytics"))
        if kpi.primary:
            cadence = "Daily in launch week, then weekly" if days > 7 else "Daily"
            rule = (
                "Below 70 % of the pro-rata target after the first week: shift spend to the "
                "channel with the best cost per result and refresh the weakest territory."
            )
        elif kpi.metric == "cost_per_conversion":
            cadence = "Weekly"
            rule = "Above the ceiling for two weeks running: pause the costliest ad sets."
        else:
            cadence = "Weekly"
            rule = "Compare territories; put more of the next week's slots behind the leader."
        items.append(
            MeasurementItem(
                kpi=kpi.name, source=source, cadence=cadence, tool=tool, decision_rule=rule
            )
        )
    return items


def assess_risks(
    inputs: BriefInputs, *, kpis: list[KPI], channels: list[ChannelDraft]
) -> list[Risk]:
    """The risks this plan actually runs, each with a mitigation."""
    risks = [
        Risk(
            risk="KPI targets rest on benchmark CPM, CTR and conversion rates, not this "
            "brand's own history.",
            likelihood="high" if not inputs.baselines else "medium",
            impact="medium",
            mitigation="Re-baseline every target from the first seven days of data and agree "
            "the revised numbers with the client.",
        ),
        Risk(
            risk="A claim in the creative goes beyond what the brand can substantiate.",
            likelihood="medium",
            impact="high",
            mitigation="Every proof point quotes a cited passage; the quality gate checks "
            "numbers and superlatives against these sources before anything is published.",
        ),
    ]
    thin = [
        c.channel for c in channels if c.channel != "email" and 0 < c.budget < THIN_CHANNEL_SPEND
    ]
    if thin:
        risks.append(
            Risk(
                risk=f"Spend on {join_list(thin)} is too thin to leave the platforms' learning "
                f"phase (about {LEARNING_EVENTS} optimisation events a week).",
                likelihood="high",
                impact="medium",
                mitigation="Concentrate paid spend on fewer channels or optimise for an "
                "upper-funnel event that occurs more often; keep the thin channels organic.",
            )
        )
    if inputs.days < 14:
        risks.append(
            Risk(
                risk=f"A {inputs.days}-day window leaves little time to learn and reallocate.",
                likelihood="medium",
                impact="medium",
                mitigation="Launch all three territories in the first days and decide by day 4.",
            )
        )
    for competitor in inputs.competitors[:2]:
        risks.append(
            Risk(
                risk=f"{competitor.name} ({uncap(competitor.positioning)}) answers with a "
                "louder or cheaper offer during the campaign.",
                likelihood="medium",
                impact="medium",
                mitigation="Hold the proposition rather than the price; keep a reserve of 10 % "
                "of the budget for the territory that proves most distinctive.",
            )
        )
    objections = [o for a in inputs.audiences for o in a.objections[:1]]
    if objections:
        risks.append(
            Risk(
                risk=f"The audience's main objection stays unanswered: "
                f"{uncap(objections[0].rstrip('.'))}.",
                likelihood="medium",
                impact="high",
                mitigation="Answer it in the first week's content with the matching proof point "
                "and track it in comment themes.",
            )
        )
    primary = next((k for k in kpis if k.primary), kpis[0])
    if primary.target <= 0:
        risks.append(
            Risk(
                risk=f"The plan's channels cannot move the primary KPI ({primary.name}).",
                likelihood="high",
                impact="high",
                mitigation="Add a paid channel that buys that result, or change the objective.",
            )
        )
    return risks
