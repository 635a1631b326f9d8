"""The strategy Brief artifact and its parts.

Citation numbers (``ref``) index ``Brief.citations``; prose may cite them as
``[n]`` markers, which the renderers turn into a references list.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from agency.core import Artifact

Level = Literal["low", "medium", "high"]


class BriefCitation(Artifact):
    """One numbered source: a knowledge-base passage or a research source."""

    ref: int = Field(ge=1)
    kind: Literal["passage", "research"]
    id: str
    url: str
    title: str = ""
    quote: str = ""


class KPI(Artifact):
    """A measurable objective with a target, a deadline and how it is measured."""

    name: str
    metric: str
    baseline: float | None = None
    target: float = Field(ge=0)
    unit: str
    deadline: date
    how_measured: str
    basis: str = Field(description="How the target was computed, assumptions named.")
    primary: bool = False


class AudienceInsight(Artifact):
    """An audience segment with the insight the campaign plays on."""

    name: str
    who: str
    insight: str
    needs: list[str] = Field(default_factory=list)
    objections: list[str] = Field(default_factory=list)
    channels: list[str] = Field(default_factory=list)
    citations: list[int] = Field(default_factory=list)


class ProofPoint(Artifact):
    """A sentence quoted verbatim from a supplied passage."""

    text: str
    passage_id: str
    source: str
    ref: int = Field(ge=1)


class Pillar(Artifact):
    """One pillar of the message house, held up by proof points."""

    name: str
    message: str
    theme: str = Field(description="The research statement the pillar was built around.")
    proof_points: list[ProofPoint] = Field(min_length=1)


class MessageHouse(Artifact):
    """Umbrella message over exactly three pillars."""

    umbrella: str
    pillars: list[Pillar] = Field(min_length=3, max_length=3)


class Territory(Artifact):
    """A creative territory: one idea with its tone, look and example headlines."""

    name: str
    anchor: str = Field(description="What the territory grows from: product, audience, category.")
    idea: str
    tone: str
    visual_direction: str
    headlines: list[str] = Field(min_length=3, max_length=3)


class ChannelPlan(Artifact):
    """Why a platform is in the plan, what runs there, how often and for how much."""

    channel: str
    role: str
    why: str
    formats: list[str]
    cadence: str
    posts_per_week: float | None = None
    budget: float | None = None
    share: float | None = None
    audiences: list[str] = Field(default_factory=list)
    source: str = ""


class MeasurementItem(Artifact):
    """How one KPI is tracked: where the number comes from, how often, with what."""

    kpi: str
    source: str
    cadence: str
    tool: str
    decision_rule: str


class Risk(Artifact):
    """A risk to the plan, how likely and bad it is, and what we do about it."""

    risk: str
    likelihood: Level
    impact: Level
    mitigation: str


class Brief(Artifact):
    """A strategy brief: computed structure, provider-written prose, cited evidence."""

    brand: str
    product: str
    goal: str
    objective: str
    budget_total: float
    currency: str
    start: date
    end: date
    situation: str
    complication: str
    resolution: str
    objectives: list[KPI] = Field(min_length=1)
    audiences: list[AudienceInsight] = Field(min_length=1)
    proposition: str
    message_house: MessageHouse
    territories: list[Territory] = Field(min_length=3, max_length=3)
    channels: list[ChannelPlan] = Field(min_length=1)
    measurement: list[MeasurementItem] = Field(min_length=1)
    risks: list[Risk] = Field(min_length=1)
    assumptions: list[str] = Field(default_factory=list)
    citations: list[BriefCitation] = Field(default_factory=list)
    providers: list[str] = Field(default_factory=list, description="Text providers that wrote it.")

    def citation(self, ref: int) -> BriefCitation | None:
        """The citation numbered ``ref``, if any."""
        return next((c for c in self.citations if c.ref == ref), None)
