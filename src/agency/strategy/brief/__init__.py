"""Strategy brief: computed structure, provider-written prose, cited proof; JSON, Markdown, PDF."""

from agency.strategy.brief.from_research import inputs_from_research
from agency.strategy.brief.inputs import (
    AudienceInput,
    BriefInputs,
    CompetitorInput,
    Passage,
    ProductInput,
    SourceRef,
    WhiteSpace,
)
from agency.strategy.brief.markdown import brief_to_markdown
from agency.strategy.brief.models import (
    KPI,
    AudienceInsight,
    Brief,
    BriefCitation,
    ChannelPlan,
    MeasurementItem,
    MessageHouse,
    Pillar,
    ProofPoint,
    Risk,
    Territory,
)
from agency.strategy.brief.pdf import brief_to_html, brief_to_pdf
from agency.strategy.brief.service import generate_brief
from agency.strategy.brief.territories import MAX_OVERLAP, territory_overlap

__all__ = [
    "KPI",
    "MAX_OVERLAP",
    "AudienceInput",
    "AudienceInsight",
    "Brief",
    "BriefCitation",
    "BriefInputs",
    "ChannelPlan",
    "CompetitorInput",
    "MeasurementItem",
    "MessageHouse",
    "Passage",
    "Pillar",
    "ProductInput",
    "ProofPoint",
    "Risk",
    "SourceRef",
    "Territory",
    "WhiteSpace",
    "brief_to_html",
    "brief_to_markdown",
    "brief_to_pdf",
    "generate_brief",
    "inputs_from_research",
    "territory_overlap",
]
