"""What the brief generator needs, and nothing more: ``BriefInputs``.

The lead maps a BrandProfile, a research report and knowledge-base hits onto this
model (``inputs_from_research`` does it when the research package is present).
Every claim the brief makes traces back to a ``Passage`` or a ``SourceRef`` here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field, ValidationError, field_validator, model_validator

from agency.core import Artifact, InputError


class SourceRef(Artifact):
    """A cited source behind a research statement (web page, report, review)."""

    url: str = Field(min_length=1)
    title: str = ""
    snippet: str = ""


class Passage(Artifact):
    """A knowledge-base passage that proof points may quote."""

    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    source: str = Field(min_length=1, description="URL (or path) of the document it came from.")
    title: str = ""


class ProductInput(Artifact):
    """The product the campaign is about."""

    name: str = Field(min_length=1)
    description: str = ""
    price: str | None = None
    benefit: str | None = Field(
        default=None, description="The one benefit to lead with, when the client names one."
    )


class AudienceInput(Artifact):
    """One audience segment from research."""

    name: str = Field(min_length=1)
    who: str = Field(min_length=1)
    needs: list[str] = Field(default_factory=list)
    objections: list[str] = Field(default_factory=list)
    channels: list[str] = Field(default_factory=list)
    messages: list[str] = Field(default_factory=list)
    citations: list[SourceRef] = Field(default_factory=list)


class CompetitorInput(Artifact):
    """How one competitor positions itself."""

    name: str = Field(min_length=1)
    positioning: str = Field(min_length=1)
    claims: list[str] = Field(default_factory=list)
    price: str | None = None
    citations: list[SourceRef] = Field(default_factory=list)


class WhiteSpace(Artifact):
    """An opportunity no competitor owns, with the sources that show it."""

    statement: str = Field(min_length=1)
    citations: list[SourceRef] = Field(default_factory=list)


class BriefInputs(Artifact):
    """Everything a strategy brief is computed from."""

    brand_name: str = Field(min_length=1)
    brand_tagline: str = ""
    brand_description: str = ""
    palette: list[str] = Field(default_factory=list, description="Brand hex colours, main first.")
    product: ProductInput
    goal: str = Field(min_length=1, description='The client\'s goal, e.g. "launch our cold brew".')
    objective: str = Field(description="awareness, consideration, conversion or engagement.")
    budget_total: float = Field(gt=0)
    currency: str = Field(default="USD", min_length=3, max_length=3)
    channels: list[str] = Field(min_length=1)
    start: date
    days: int = Field(default=30, ge=1, le=366)
    audiences: list[AudienceInput] = Field(min_length=1, max_length=6)
    competitors: list[CompetitorInput] = Field(default_factory=list)
    white_space: list[WhiteSpace] = Field(default_factory=list)
    passages: list[Passage] = Field(min_length=3)
    baselines: dict[str, float] = Field(
        default_factory=dict, description="Known current values by KPI metric, e.g. reach."
    )

    @field_validator("currency")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.upper()

    @model_validator(mode="after")
    def _unique_passages(self) -> BriefInputs:
        ids = [p.id for p in self.passages]
        if len(set(ids)) != len(ids):
            raise ValueError("passage ids must be unique")
        return self

    @classmethod
    def parse(cls, data: dict[str, Any]) -> BriefInputs:
        """Validated inputs from plain data; the first problem as an InputError naming the field."""
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "inputs"
            raise InputError(
                f"Brief input {where} is invalid: {first['msg']}.",
                field=where,
                fix="Correct that value; see BriefInputs for the expected fields.",
            ) from exc
