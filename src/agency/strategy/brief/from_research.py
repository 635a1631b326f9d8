"""Map a ResearchReport, a BrandProfile and knowledge-base hits onto BriefInputs.

Research statements are phrased for a report ("White space: freshness. …",
"Reached by instagram"); this adapter keeps what the brief needs from them: the
theme, the channel, the sentence, and every citation as a SourceRef.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from agency.core import InputError
from agency.strategy.brief.inputs import (
    AudienceInput,
    BriefInputs,
    CompetitorInput,
    Passage,
    ProductInput,
    SourceRef,
    WhiteSpace,
)
from agency.strategy.brief.kpis import channel_key
from agency.strategy.brief.wording import cap

if TYPE_CHECKING:  # only their public artifacts' attributes are read; no import cost
    from agency.intelligence.brand import BrandProfile
    from agency.intelligence.knowledge import PassageHit
    from agency.intelligence.research import Citation, ResearchReport, Statement

_WHITE_SPACE = re.compile(r"^White space:\s*([^.]+)\.", re.IGNORECASE)
_ONLY_BRAND = re.compile(r"^Only .+? talks about “([^”]+)”")
_CHANNEL = re.compile(r"(?:Reached by|Follows the brand on)\s+(.+)$", re.IGNORECASE)


def source_refs(citations: Sequence[Citation]) -> list[SourceRef]:
    """Research citations as brief sources (a passage without a URL keeps its id)."""
    return [SourceRef(url=c.source, title=c.title, snippet=c.quote) for c in citations]


def white_space_theme(statement: Statement) -> str:
    """The opportunity itself, without the report's framing."""
    for pattern in (_WHITE_SPACE, _ONLY_BRAND):
        match = pattern.match(statement.text)
        if match:
            return cap(match.group(1).strip())
    return statement.text


def _channel(statement: Statement) -> str:
    match = _CHANNEL.search(statement.text.strip().rstrip("."))
    return channel_key(match.group(1)) if match else channel_key(statement.text)


def _texts(statements: Sequence[Statement]) -> list[str]:
    return [s.text.strip() for s in statements if s.text.strip()]


def inputs_from_research(
    report: ResearchReport,
    *,
    profile: BrandProfile,
    passages: Sequence[PassageHit],
    product: str,
    goal: str,
    objective: str,
    budget_total: float,
    channels: Sequence[str],
    start: date,
    days: int = 30,
    currency: str = "USD",
    benefit: str | None = None,
) -> BriefInputs:
    """BriefInputs for ``product`` from research, the brand profile and retrieved passages."""
    if not product.strip():
        raise InputError(
            "Name the product the brief is for.", field="product", fix="e.g. 'Cold Brew'."
        )
    info = next((p for p in profile.products if p.name.lower() == product.strip().lower()), None)
    audiences = [
        AudienceInput(
            name=seg.name,
            who=seg.who.text,
            needs=_texts(seg.needs),
            objections=_texts(seg.objections),
            channels=list(dict.fromkeys(_channel(s) for s in seg.channels)),
            messages=_texts(seg.messages),
            citations=source_refs([c for s in [seg.who, *seg.needs] for c in s.citations]),
        )
        for seg in report.audiences
    ]
    if not audiences:
        raise InputError(
            "The research report has no audience segments.",
            field="audiences",
            fix="Run research with more brand pages or documents so segments can be profiled.",
        )
    competitors = [
        CompetitorInput(
            name=c.name,
            positioning="; ".join(_texts(c.positioning[:2])) or f"{c.name} at {c.url}",
            claims=_texts(c.claims[:4]),
            price=(f"{c.prices[0].amount:.2f} {c.prices[0].currency}" if c.prices else None),
            citations=source_refs([x for s in c.positioning[:2] for x in s.citations]),
        )
        for c in report.market.competitors
    ]
    return BriefInputs(
        brand_name=report.brand_name or profile.name,
        brand_tagline=profile.tagline,
        brand_description=profile.description,
        palette=list(profile.palette),
        product=ProductInput(
            name=info.name if info else product.strip(),
            description=info.description if info else "",
            price=info.price if info else None,
            benefit=benefit,
        ),
        goal=goal,
        objective=objective,
        budget_total=budget_total,
        currency=currency,
        channels=list(channels),
        start=start,
        days=days,
        audiences=audiences[:6],
        competitors=competitors,
        white_space=[
            WhiteSpace(statement=white_space_theme(s), citations=source_refs(s.citations))
            for s in report.market.white_space
        ],
        passages=[
            Passage(id=h.passage_id, text=h.text, source=h.source, title=h.title)
            for h in dict((h.passage_id, h) for h in passages).values()
        ],
    )
