"""Market and audience research: competitors, white space and segments, every claim cited.

``run_research(scope, brand_id, *, settings, competitor_urls)`` crawls the brand
and its competitors with the safe crawler, compares positioning, claims, prices
and tone, finds the white space, profiles 2–4 audience segments from the brand's
own passages and returns a ResearchReport whose ``to_markdown()`` ends every claim
with [n] markers into a references list; ``validate_citations`` checks them.
"""

from agency.intelligence.research.audience import profile_audiences
from agency.intelligence.research.citations import (
    normalise,
    page_resolver,
    passage_resolver,
    validate_citations,
)
from agency.intelligence.research.competitors import SiteAnalysis, analyse_site
from agency.intelligence.research.market import build_market_report
from agency.intelligence.research.models import (
    AudienceSegment,
    Citation,
    CompetitorProfile,
    MarketReport,
    PricePoint,
    ResearchReport,
    Statement,
)
from agency.intelligence.research.online import online_findings, statements_from_answer
from agency.intelligence.research.service import competitor_list, run_research

__all__ = [
    "AudienceSegment",
    "Citation",
    "CompetitorProfile",
    "MarketReport",
    "PricePoint",
    "ResearchReport",
    "SiteAnalysis",
    "Statement",
    "analyse_site",
    "build_market_report",
    "competitor_list",
    "normalise",
    "online_findings",
    "page_resolver",
    "passage_resolver",
    "profile_audiences",
    "run_research",
    "statements_from_answer",
    "validate_citations",
]
