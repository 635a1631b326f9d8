"""Research artifacts: cited statements, competitor profiles, market and audience reports."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field, model_validator

from agency.core.artifacts import Artifact
from agency.intelligence.identity.models import VisualIdentity


class Citation(Artifact):
    """Where a statement comes from: a URL or a knowledge-base passage, and the words quoted."""

    url: str | None = None
    passage_id: str | None = None
    title: str = ""
    quote: str = ""

    @model_validator(mode="after")
    def _has_source(self) -> Citation:
        if not self.url and not self.passage_id:
            raise ValueError("a citation needs a url or a passage_id")
        return self

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity for de-duplication in a references list."""
        return (self.url or "", self.passage_id or "", self.quote)

    @property
    def source(self) -> str:
        """What a reader follows: the URL, else ``passage:<id>``."""
        return self.url or f"passage:{self.passage_id}"


class Statement(Artifact):
    """One claim of a report, with at least one citation that backs it."""

    text: str = Field(min_length=1)
    citations: list[Citation] = Field(min_length=1)
    topic: str | None = Field(
        default=None,
        description="What the statement is about, for machines: a theme, phrase or channel.",
    )


class PricePoint(Artifact):
    """A price found on a site, with the pack size when stated."""

    label: str
    amount: float
    currency: str = "USD"
    size: str | None = None
    per_oz: float | None = Field(default=None, description="Price per ounce when size is known.")
    citation: Citation


class CompetitorProfile(Artifact):
    """How one site positions itself: positioning, claims, prices, tone and themes."""

    name: str
    url: str
    pages: int
    positioning: list[Statement] = Field(default_factory=list)
    claims: list[Statement] = Field(default_factory=list)
    prices: list[PricePoint] = Field(default_factory=list)
    tone: list[Statement] = Field(default_factory=list)
    themes: dict[str, int] = Field(
        default_factory=dict, description="Theme → number of passages that speak to it."
    )


class MarketReport(Artifact):
    """The brand among its competitors, and the white space it can own."""

    brand: CompetitorProfile
    competitors: list[CompetitorProfile] = Field(default_factory=list)
    comparison: list[Statement] = Field(default_factory=list)
    white_space: list[Statement] = Field(default_factory=list)
    external: list[Statement] = Field(
        default_factory=list, description="Findings of an online research provider."
    )
    research_provider: str | None = None


class AudienceSegment(Artifact):
    """One audience: who they are, needs, objections, channels and messages, all cited."""

    name: str
    who: Statement
    needs: list[Statement] = Field(default_factory=list)
    objections: list[Statement] = Field(default_factory=list)
    channels: list[Statement] = Field(default_factory=list)
    messages: list[Statement] = Field(default_factory=list)
    evidence: int = Field(default=0, description="How many passages speak to this segment.")


class ResearchReport(Artifact):
    """Everything strategy needs to know before a brief, every claim cited."""

    brand_id: str
    brand_name: str
    brand_url: str
    generated_at: datetime
    summary: list[Statement] = Field(default_factory=list)
    identity: VisualIdentity | None = None
    identity_notes: list[Statement] = Field(default_factory=list)
    voice: list[Statement] = Field(default_factory=list)
    market: MarketReport
    audiences: list[AudienceSegment] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)

    def statements(self) -> list[Statement]:
        """Every statement of the report, in reading order."""
        out = [*self.summary, *self.identity_notes, *self.voice]
        for site in (self.market.brand, *self.market.competitors):
            out += [*site.positioning, *site.claims, *site.tone]
            out += [
                Statement(text=f"{p.label}: {p.amount:.2f} {p.currency}", citations=[p.citation])
                for p in site.prices
            ]
        out += [*self.market.comparison, *self.market.white_space, *self.market.external]
        for seg in self.audiences:
            out += [seg.who, *seg.needs, *seg.objections, *seg.channels, *seg.messages]
        return out

    def to_markdown(self) -> str:
        """The report as Markdown; every claim line ends with [n] markers into References."""
        from agency.intelligence.research.markdown import render_markdown

        return render_markdown(self)
