"""Campaign phases (tease, launch, sustain): how a window is cut and weighted.

The budget allocator reads ``share`` and ``weight``; the calendar reads
``share`` and ``cadence``. The defaults are a common launch shape, not data:
a short tease (~20 % of the days), a short launch burst, then a longer sustain.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from pydantic import Field

from agency.core import Artifact, InputError


class PhaseSpec(Artifact):
    """One phase of a campaign window."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_-]{0,31}$")
    share: float = Field(gt=0, le=1, description="Fraction of the window's days.")
    weight: float = Field(
        default=1.0, gt=0, description="Relative effect of one currency unit spent in this phase."
    )
    cadence: float = Field(
        default=1.0, gt=0, description="Multiplier on each platform's posting rate."
    )
    intent: str = ""


DEFAULT_PHASES: tuple[PhaseSpec, ...] = (
    PhaseSpec(
        name="tease",
        share=0.20,
        weight=0.8,
        cadence=0.8,
        intent="Build curiosity: hint at what is coming, no full reveal yet.",
    ),
    PhaseSpec(
        name="launch",
        share=0.15,
        weight=1.5,
        cadence=1.5,
        intent="Reveal the product, say why it matters and ask for the action.",
    ),
    PhaseSpec(
        name="sustain",
        share=0.65,
        weight=1.0,
        cadence=1.0,
        intent="Keep it in view: proof, use cases, answers, reminders.",
    ),
)


def validate_phases(phases: Sequence[PhaseSpec]) -> tuple[PhaseSpec, ...]:
    """Check that phases are present, uniquely named and cover the whole window."""
    result = tuple(phases)
    if not result:
        raise InputError(
            "No campaign phases given.", field="phases", fix="Pass at least one phase."
        )
    names = [p.name for p in result]
    if len(set(names)) != len(names):
        raise InputError(
            f"Phase names repeat: {names}.", field="phases", fix="Give each phase a unique name."
        )
    total = sum(p.share for p in result)
    if not math.isclose(total, 1.0, abs_tol=1e-6):
        raise InputError(
            f"Phase shares add up to {total:.4f}, not 1.",
            field="phases",
            fix="Make the phases' `share` values sum to 1 (e.g. 0.2, 0.15, 0.65).",
        )
    return result


def phase_day_counts(days: int, phases: Sequence[PhaseSpec]) -> list[int]:
    """Whole days per phase, in order, summing to ``days``; every phase gets at least one."""
    specs = validate_phases(phases)
    if days < len(specs):
        raise InputError(
            f"A {days}-day window cannot hold {len(specs)} phases.",
            field="days",
            fix=f"Plan at least {len(specs)} days, or pass fewer phases.",
        )
    raw = [p.share * days for p in specs]
    counts = [max(1, math.floor(r)) for r in raw]
    order = sorted(range(len(specs)), key=lambda i: raw[i] - math.floor(raw[i]), reverse=True)
    i = 0
    while sum(counts) < days:
        counts[order[i % len(order)]] += 1
        i += 1
    while sum(counts) > days:
        shrinkable = [k for k in range(len(counts)) if counts[k] > 1]
        largest = max(shrinkable, key=lambda k: counts[k] - raw[k])
        counts[largest] -= 1
    return counts
