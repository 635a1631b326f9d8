"""Render a ResearchReport as Markdown: each claim line ends with [n] reference markers."""

from __future__ import annotations

from collections.abc import Sequence

from agency.intelligence.research.models import (
    Citation,
    CompetitorProfile,
    ResearchReport,
    Statement,
)

MAX_QUOTE = 160


class _Refs:
    def __init__(self, citations: Sequence[Citation]) -> None:
        self.index = {c.key: i + 1 for i, c in enumerate(citations)}

    def markers(self, citations: Sequence[Citation]) -> str:
        """``[n]`` for each citation; ``[?]`` for one missing from the references."""
        numbers = dict.fromkeys(self.index.get(c.key, "?") for c in citations)
        return "".join(f"[{n}]" for n in numbers)

    def line(self, statement: Statement) -> str:
        return f"- {_clean(statement.text)} {self.markers(statement.citations)}"


def _clean(text: str) -> str:
    return " ".join(text.split()).rstrip(".")


def _block(lines: list[str], title: str, statements: Sequence[Statement], refs: _Refs) -> None:
    if statements:
        lines += ["", title, ""]
        lines += [refs.line(s) for s in statements]


def _site(lines: list[str], site: CompetitorProfile, refs: _Refs, heading: str) -> None:
    lines += ["", f"{heading} {site.name}", "", f"{site.url} · {site.pages} page(s) read"]
    _block(lines, "**Positioning**", site.positioning, refs)
    _block(lines, "**Claims**", site.claims, refs)
    if site.prices:
        lines += ["", "**Price points**", ""]
        for p in site.prices:
            size = f", {p.size}" if p.size else ""
            per = f", ${p.per_oz:.2f}/oz" if p.per_oz is not None else ""
            lines.append(
                f"- {p.label}: ${p.amount:.2f} {p.currency}{size}{per} {refs.markers([p.citation])}"
            )
    _block(lines, "**Tone**", site.tone, refs)


def _reference(n: int, citation: Citation) -> str:
    quote = " ".join(citation.quote.split())
    if len(quote) > MAX_QUOTE:
        quote = quote[: MAX_QUOTE - 1].rsplit(" ", 1)[0] + "…"
    where = citation.url or ""
    if citation.passage_id:
        where = f"passage {citation.passage_id}" + (f" ({citation.url})" if citation.url else "")
    shown = f"“{quote}” — " if quote else ""
    return f"[{n}] {shown}{where}"


def render_markdown(report: ResearchReport) -> str:
    """The report as Markdown with a numbered References section."""
    refs = _Refs(report.citations)
    lines = [
        f"# Research report: {report.brand_name}",
        "",
        f"{report.brand_url} · generated {report.generated_at:%Y-%m-%d %H:%M} UTC. "
        "Every claim ends with [n] markers that point into the references.",
    ]
    _block(lines, "## Brand", report.summary, refs)
    _block(lines, "## Visual identity", report.identity_notes, refs)
    _block(lines, "## Voice", report.voice, refs)
    market = report.market
    lines += ["", "## Market"]
    _site(lines, market.brand, refs, "### The brand:")
    for competitor in market.competitors:
        _site(lines, competitor, refs, "### Competitor:")
    _block(lines, "### Comparison", market.comparison, refs)
    _block(lines, "### White space", market.white_space, refs)
    _block(lines, f"### Online research ({market.research_provider})", market.external, refs)
    if report.audiences:
        lines += ["", "## Audiences"]
    for segment in report.audiences:
        lines += ["", f"### {segment.name}", "", refs.line(segment.who)]
        lines += [refs.line(s) for s in segment.needs]
        lines += [refs.line(s) for s in segment.objections]
        lines += [refs.line(s) for s in segment.channels]
        lines += [
            f"- Message: {_clean(s.text)} {refs.markers(s.citations)}" for s in segment.messages
        ]
    lines += ["", "## References", ""]
    lines += [_reference(i + 1, c) for i, c in enumerate(report.citations)]
    return "\n".join(lines) + "\n"
