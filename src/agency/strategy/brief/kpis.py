"""Objectives as measurable KPIs, computed from the budget, the channels and stated benchmarks.

Targets come from the budget plan when one is given (its response curves), else
from spend ÷ CPM × CTR × conversion-rate benchmarks. The benchmarks are
ASSUMPTIONS (typical public ranges for paid media in USD), named in the brief so
the client can replace them with their own numbers after the first week.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from agency.core import InputError
from agency.strategy.brief.inputs import BriefInputs
from agency.strategy.brief.models import KPI
from agency.strategy.budget import BudgetPlan, normalize_channel, normalize_objective

FREQUENCY = 3.0  # average impressions per person reached over a campaign


@dataclass(frozen=True)
class Benchmark:
    """Assumed cost and rates for one channel."""

    cpm: float  # cost per 1,000 impressions (USD)
    ctr: float  # clicks per impression
    cvr: float  # conversions per click
    er: float  # engagements per impression


BENCHMARKS: dict[str, Benchmark] = {
    "meta_ads": Benchmark(10.0, 0.009, 0.020, 0.010),
    "instagram": Benchmark(9.0, 0.008, 0.015, 0.015),
    "facebook": Benchmark(8.0, 0.009, 0.018, 0.008),
    "tiktok": Benchmark(7.0, 0.008, 0.010, 0.030),
    "youtube": Benchmark(12.0, 0.005, 0.010, 0.010),
    "x": Benchmark(6.0, 0.006, 0.008, 0.005),
    "linkedin": Benchmark(30.0, 0.005, 0.025, 0.005),
    "pinterest": Benchmark(6.0, 0.004, 0.010, 0.005),
    "search": Benchmark(40.0, 0.030, 0.035, 0.000),
    "display": Benchmark(3.0, 0.001, 0.008, 0.000),
    "email": Benchmark(40.0, 0.020, 0.025, 0.020),  # per 1,000 sends, list growth included
    "influencer": Benchmark(15.0, 0.006, 0.012, 0.030),
}
DEFAULT_BENCHMARK = Benchmark(10.0, 0.007, 0.015, 0.010)
BENCHMARK_SOURCE = (
    "typical public paid-media ranges (CPM 5-15 USD on social, ~30 USD on LinkedIn; "
    "CTR 0.5-1 % social, ~3 % search; conversion 1-3 % of visits)"
)

PRIMARY_METRIC = {
    "awareness": "reach",
    "consideration": "clicks",
    "conversion": "conversions",
    "engagement": "engagements",
}
_HOW = {
    "reach": "Unique people reached, summed from each platform's ads manager (deduplicated "
    "where the platform allows).",
    "clicks": "UTM-tagged sessions landing on the product page, in web analytics.",
    "conversions": "Orders or sign-ups attributed to campaign UTMs in the shop or CRM.",
    "engagements": "Likes, comments, shares and saves from platform insights.",
    "cost_per_conversion": "Media spend ÷ attributed conversions.",
}


def channel_key(channel: str) -> str:
    """The budget module's channel name, or the cleaned name when it does not know it."""
    try:
        return normalize_channel(channel)
    except InputError:
        return channel.strip().lower().replace(" ", "_")


def round_target(value: float) -> float:
    """``value`` to two significant figures (targets are estimates, not promises)."""
    if value <= 0:
        return 0.0
    digits = 1 - math.floor(math.log10(value))
    return float(round(value, digits))


def channel_spend(inputs: BriefInputs, plan: BudgetPlan | None) -> dict[str, float]:
    """Spend per channel: the budget plan's split, or an even split without one."""
    keys = [channel_key(c) for c in inputs.channels]
    if plan is not None:
        return {k: plan.amount_for(k) for k in keys}
    return {k: inputs.budget_total / len(keys) for k in keys}


def compute_kpis(inputs: BriefInputs, plan: BudgetPlan | None) -> tuple[list[KPI], list[str]]:
    """KPIs (primary first) and the assumptions behind their targets."""
    objective = normalize_objective(inputs.objective)
    spend = channel_spend(inputs, plan)
    totals = {"reach": 0.0, "clicks": 0.0, "conversions": 0.0, "engagements": 0.0}
    assumptions = []
    for key, amount in spend.items():
        b = BENCHMARKS.get(key, DEFAULT_BENCHMARK)
        impressions = amount / b.cpm * 1000
        totals["reach"] += impressions / FREQUENCY
        totals["clicks"] += impressions * b.ctr
        totals["conversions"] += impressions * b.ctr * b.cvr
        totals["engagements"] += impressions * b.er
        assumptions.append(
            f"{key}: CPM {b.cpm:g} USD, CTR {b.ctr * 100:g} %, conversion {b.cvr * 100:g} % "
            f"of visits, engagement {b.er * 100:g} % of impressions"
        )
    assumptions.append(f"Average frequency {FREQUENCY:g} impressions per person reached.")
    assumptions.append(f"Benchmarks: {BENCHMARK_SOURCE}.")
    if inputs.currency != "USD":
        assumptions.append(f"Benchmarks in USD are applied 1:1 to {inputs.currency}.")
    bench_basis = "spend per channel ÷ CPM × rates in the assumptions"
    primary = PRIMARY_METRIC[objective]
    if plan is not None and normalize_objective(plan.objective) == objective:
        totals[primary] = plan.expected_response
        assumptions.append(
            f"The {primary} target is the budget plan's expected response ({plan.response_unit}) "
            "from its response curves."
        )
    deadline = inputs.start + timedelta(days=inputs.days - 1)
    units = {
        "reach": ("Reach", "people"),
        "clicks": ("Site visits", "visits"),
        "conversions": ("Conversions", "conversions"),
        "engagements": ("Engagements", "engagements"),
    }
    drafts = []
    for metric, (name, unit) in units.items():
        from_plan = metric == primary and plan is not None
        drafts.append(
            KPI(
                name=name,
                metric=metric,
                target=round_target(totals[metric]),
                unit=unit,
                basis="budget plan response curves" if from_plan else bench_basis,
                primary=metric == primary,
                deadline=deadline,
                how_measured=_HOW[metric],
                baseline=inputs.baselines.get(metric),
            )
        )
    conversions = totals["conversions"]
    if conversions > 0:
        drafts.append(
            KPI(
                name="Cost per conversion (ceiling)",
                metric="cost_per_conversion",
                target=round_target(inputs.budget_total / conversions),
                unit=inputs.currency,
                basis="budget ÷ expected conversions",
                primary=False,
                deadline=deadline,
                how_measured=_HOW["cost_per_conversion"],
                baseline=inputs.baselines.get("cost_per_conversion"),
            )
        )
    drafts.sort(key=lambda d: not d.primary)
    return drafts, assumptions


def format_number(value: float) -> str:
    """``12000`` → ``12,000``; ``4.5`` → ``4.5``."""
    return f"{value:,.0f}" if value >= 100 or value == int(value) else f"{value:,.2f}"
