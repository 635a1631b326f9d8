"""Check that every claim of a report carries a citation that resolves to its source."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import urlsplit

import httpx
from sqlalchemy import select

from agency.config.settings import Settings
from agency.core.errors import InputError, PolicyViolation
from agency.db.knowledge_models import KbPassage
from agency.db.repository import OrgScope
from agency.intelligence.crawl.fetcher import Fetcher, FetchRefused
from agency.intelligence.crawl.html_parse import main_text
from agency.intelligence.research.models import Citation, ResearchReport

Resolver = Callable[[Citation], str | None]
_MARKERS = re.compile(r"(?:\[(\d+)\])+$")
_NUMBER = re.compile(r"\[(\d+)\]")
SOURCE_MAX_BYTES = 5_000_000


def normalise(text: str) -> str:
    """Lower-case, HTML-unescaped, typographic quotes made plain, all whitespace removed."""
    text = html.unescape(text).lower().replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", "", text)


def _markdown_problems(report: ResearchReport) -> list[str]:
    problems = []
    body = report.to_markdown().split("\n## References\n", 1)[0]
    for line in body.splitlines():
        if not line.startswith("- "):
            continue
        match = _MARKERS.search(line)
        if match is None:
            problems.append(f"claim without a citation marker: {line[:80]!r}")
            continue
        for number in _NUMBER.findall(match.group(0)):
            if not 1 <= int(number) <= len(report.citations):
                problems.append(f"marker [{number}] has no reference: {line[:80]!r}")
    return problems


def validate_citations(report: ResearchReport, *, resolve: Resolver | None = None) -> list[str]:
    """Problems with the report's citations; an empty list means every claim resolves.

    Structural checks always run: every statement is cited, every Markdown claim line
    ends with markers that point into the references, every reference names an
    http(s) URL or a passage. With ``resolve`` (a function returning a source's text,
    or None), each reference must resolve and its quote must appear in the source.
    """
    problems: list[str] = []
    keys = {c.key for c in report.citations}
    for statement in report.statements():
        if not statement.citations:
            problems.append(f"uncited statement: {statement.text[:80]!r}")
        problems += [
            f"citation missing from references: {c.source}"
            for c in statement.citations
            if c.key not in keys
        ]
    problems += _markdown_problems(report)
    for n, citation in enumerate(report.citations, start=1):
        web = citation.url and urlsplit(citation.url).scheme in ("http", "https")
        if not web and not citation.passage_id:
            problems.append(f"[{n}] is neither an http(s) URL nor a passage: {citation.url}")
            continue
        if resolve is None:
            continue
        source = resolve(citation)
        if source is None:
            problems.append(f"[{n}] does not resolve: {citation.source}")
        elif citation.quote and normalise(citation.quote) not in normalise(source):
            problems.append(f"[{n}] quote not found in {citation.source}: {citation.quote[:60]!r}")
    return problems


def page_resolver(settings: Settings, *, transport: httpx.BaseTransport | None = None) -> Resolver:
    """A resolver that fetches cited URLs with the safe fetcher (raw body and main text)."""
    cache: dict[str, str | None] = {}

    def resolve(citation: Citation) -> str | None:
        if not citation.url:
            return None
        url = citation.url.split("#", 1)[0]
        if url not in cache:
            try:
                with Fetcher(settings=settings, transport=transport) as fetcher:
                    result = fetcher.fetch(url, max_bytes=SOURCE_MAX_BYTES)
            except (FetchRefused, PolicyViolation, InputError):
                cache[url] = None
            else:
                if result.content_type.startswith("image/"):
                    cache[url] = ""
                else:
                    raw = result.text()
                    cache[url] = raw + "\n" + (main_text(raw, url=url) if "html" in (
                        result.content_type
                    ) else "")  # fmt: skip
        return cache[url]

    return resolve


def passage_resolver(scope: OrgScope, *, fallback: Resolver | None = None) -> Resolver:
    """A resolver that reads cited knowledge-base passages of the scope's organization."""

    def resolve(citation: Citation) -> str | None:
        if citation.passage_id:
            row = scope.session.scalars(
                select(KbPassage).where(
                    KbPassage.id == citation.passage_id, KbPassage.org_id == scope.org_id
                )
            ).first()
            return row.text if row is not None else None
        return fallback(citation) if fallback is not None else None

    return resolve
