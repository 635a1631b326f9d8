"""Human-readable lines that explain a budget plan."""

from __future__ import annotations

from collections.abc import Sequence

from agency.strategy.budget.models import ChannelAllocation, PhaseAllocation


def money(amount: float, currency: str, decimals: int = 2) -> str:
    """``12,345.60 USD``."""
    return f"{amount:,.{decimals}f} {currency}"


def explain(
    *,
    total: float,
    currency: str,
    decimals: int,
    objective: str,
    unit: str,
    channels: Sequence[ChannelAllocation],
    phases: Sequence[PhaseAllocation],
    expected: float,
    marginal: float,
) -> list[str]:
    """Why each channel and phase got what it got, in plain words."""
    per_k = 1000.0
    lines = [
        f"Goal: maximise expected {unit} ({objective}) from {money(total, currency, decimals)} "
        "using diminishing-returns response curves for each channel.",
        "Rule: keep moving money to the channel where the next unit buys the most until "
        "every unconstrained channel buys the same; minimums and caps override that.",
    ]
    funded = min((c.marginal_return for c in channels if c.amount > 0), default=0.0)
    for ch in sorted(channels, key=lambda c: -c.amount):
        head = (
            f"{ch.channel}: {money(ch.amount, currency, decimals)} ({ch.share:.0%}), "
            f"expected {ch.expected_response:,.0f} {unit}; the next {per_k:,.0f} {currency} "
            f"would add ~{ch.marginal_return * per_k:,.1f}."
        )
        if ch.binding == "minimum":
            head += (
                f" Held at its minimum of {money(ch.minimum or 0.0, currency, decimals)}: "
                "on the curves alone it would get less."
            )
        elif ch.binding == "cap":
            head += (
                f" Stopped by its cap of {money(ch.cap or 0.0, currency, decimals)}: it still "
                "returns more than the others at the margin, so raising the cap would help."
            )
        elif ch.amount == 0 and ch.marginal_return > funded * 1.001:
            head += " Gets nothing: other channels' minimums use up the whole budget."
        elif ch.amount == 0:
            head += " Gets nothing: even its first unit returns less than the others' last."
        else:
            head += " Its marginal return matches the plan's, so the split is balanced."
        lines.append(head)
    for ph in phases:
        if ph.amount == 0:
            lines.append(
                f"Phase {ph.phase}: nothing. At this budget every unit does more in the "
                "heavier-weighted phases; bring the phase weights closer to spread spend."
            )
            continue
        lines.append(
            f"Phase {ph.phase}: {money(ph.amount, currency, decimals)} ({ph.share:.0%}) over "
            f"{ph.days_share:.0%} of the days, weight {ph.weight:g}; spend squeezed into "
            "fewer days saturates sooner, so heavier phases get more but not all."
        )
    lines.append(
        f"Expected total: {expected:,.0f} {unit}. At the optimum one more "
        f"{per_k:,.0f} {currency} would add about {marginal * per_k:,.1f} {unit}: "
        "returns are diminishing."
    )
    return lines
