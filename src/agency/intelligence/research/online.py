"""Market findings from an online research provider (Perplexity), its citations kept."""

from __future__ import annotations

import re
from collections.abc import Sequence

from agency.intelligence.research.models import Citation, Statement
from agency.providers.base import ResearchProvider, ResearchRequest, ResearchResult

_MARKER = re.compile(r"\[(\d{1,2})\]")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def market_questions(brand: str, description: str, competitor_urls: Sequence[str]) -> list[str]:
    """The questions asked of the research provider."""
    about = f"{brand} ({description})" if description else brand
    named = f" Include these sites: {', '.join(competitor_urls)}." if competitor_urls else ""
    return [
        f"Who are the main competitors of {about}? For each, describe their positioning, "
        f"key claims, price points and tone of voice.{named}",
        f"Which customer needs or themes do {brand}'s competitors leave unaddressed, "
        "that is, what white space could it own?",
    ]


def statements_from_answer(result: ResearchResult) -> list[Statement]:
    """One statement per answer sentence, citing the sources its [n] markers name.

    A sentence without markers cites all of the answer's sources; an answer with no
    sources gives no statements (nothing uncited enters a report).
    """
    cites = [
        Citation(url=c.url, title=c.title, quote=" ".join(c.snippet.split()))
        for c in result.citations
    ]
    if not cites:
        return []
    out = []
    for raw in _SENTENCE.split(result.answer):
        sentence = " ".join(raw.strip().lstrip("-*• ").split())
        if len(sentence) < 15:
            continue
        numbers = [int(n) for n in _MARKER.findall(sentence)]
        named = [cites[n - 1] for n in dict.fromkeys(numbers) if 1 <= n <= len(cites)]
        text = _MARKER.sub("", sentence).replace(" .", ".").strip()
        if text:
            out.append(Statement(text=text, citations=named or cites))
    return out


def online_findings(
    provider: ResearchProvider,
    *,
    brand: str,
    description: str = "",
    competitor_urls: Sequence[str] = (),
) -> list[Statement]:
    """Ask the provider about the market; every statement keeps the provider's citations."""
    found: list[Statement] = []
    for question in market_questions(brand, description, competitor_urls):
        result = provider.research(ResearchRequest(question=question, max_citations=10))
        found.extend(statements_from_answer(result))
    return found
