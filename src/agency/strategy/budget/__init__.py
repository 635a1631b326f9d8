"""Budget allocation: diminishing-returns curves, optimised across channels and phases."""

from agency.strategy.budget.allocator import allocate_budget
from agency.strategy.budget.channels import (
    CHANNELS,
    OBJECTIVES,
    default_curve,
    normalize_channel,
    normalize_objective,
)
from agency.strategy.budget.curves import ResponseCurve
from agency.strategy.budget.models import BudgetPlan, ChannelAllocation, PhaseAllocation
from agency.strategy.calendar.phases import DEFAULT_PHASES, PhaseSpec

__all__ = [
    "CHANNELS",
    "DEFAULT_PHASES",
    "OBJECTIVES",
    "BudgetPlan",
    "ChannelAllocation",
    "PhaseAllocation",
    "PhaseSpec",
    "ResponseCurve",
    "allocate_budget",
    "default_curve",
    "normalize_channel",
    "normalize_objective",
]
