"""The budget plan artifact: spend per channel and phase, with the reasoning."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from agency.core import Artifact
from agency.strategy.budget.curves import ResponseCurve

Binding = Literal["minimum", "cap", "none"]


class ChannelAllocation(Artifact):
    """Spend on one channel, split by phase, and what it is expected to buy."""

    channel: str
    amount: float = Field(ge=0)
    share: float = Field(ge=0, le=1, description="Fraction of the total budget.")
    by_phase: dict[str, float]
    expected_response: float = Field(ge=0)
    marginal_return: float = Field(
        ge=0, description="Response bought by one more currency unit at this allocation."
    )
    binding: Binding = "none"
    minimum: float | None = None
    cap: float | None = None
    curve: ResponseCurve


class PhaseAllocation(Artifact):
    """Spend in one phase across all channels."""

    phase: str
    amount: float = Field(ge=0)
    share: float = Field(ge=0, le=1)
    days_share: float
    weight: float


class BudgetPlan(Artifact):
    """How a campaign budget is split across channels and phases, and why."""

    total: float = Field(gt=0)
    currency: str
    objective: str
    response_unit: str
    channels: list[ChannelAllocation]
    phases: list[PhaseAllocation]
    expected_response: float = Field(ge=0)
    marginal_return: float = Field(
        ge=0, description="Marginal return shared by every channel not held by a constraint."
    )
    reasoning: list[str]
    assumptions: list[str]

    def amount_for(self, channel: str) -> float:
        """Spend on ``channel`` (0 when it is not in the plan)."""
        return next((c.amount for c in self.channels if c.channel == channel), 0.0)
