"""``run_research``: crawl the brand and its competitors, profile the audience, cite it all."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

import httpx
from sqlalchemy import select

from agency.config.settings import Settings
from agency.core.clock import utcnow
from agency.core.errors import InputError, PolicyViolation
from agency.db.knowledge_models import KbPassage
from agency.db.models import Brand, BrandPage
from agency.db.repository import OrgScope
from agency.intelligence.brand import build_brand_profile
from agency.intelligence.crawl import CrawlResult, crawl_brand_site, normalize_start_url
from agency.intelligence.identity import build_visual_identity
from agency.intelligence.knowledge import Embedder, search
from agency.intelligence.research.audience import Retriever, profile_audiences
from agency.intelligence.research.competitors import analyse_site
from agency.intelligence.research.market import build_market_report
from agency.intelligence.research.models import Citation, ResearchReport
from agency.intelligence.research.online import online_findings
from agency.intelligence.research.report import (
    assemble_report,
    summary_statements,
    voice_statements,
)
from agency.intelligence.research.sources import Passage, sentences_of
from agency.providers import build_research_provider, build_text_provider
from agency.providers.base import ResearchProvider, TextProvider

MAX_COMPETITORS = 5
OFFLINE_RESEARCH = "passages"
Progress = Callable[[str, float], None]


def competitor_list(urls: Sequence[str], *, brand_url: str) -> list[str]:
    """Normalised, de-duplicated competitor URLs (not the brand's own site), at most five."""
    brand_host = (urlsplit(brand_url).hostname or "", urlsplit(brand_url).port)
    out: list[str] = []
    for raw in urls:
        try:
            url = normalize_start_url(raw)
        except InputError as exc:
            raise InputError(
                exc.message, field="competitor_urls", fix="Give each competitor's web address."
            ) from exc
        parts = urlsplit(url)
        if (parts.hostname or "", parts.port) == brand_host:
            raise InputError(
                f"{raw} is the brand's own site.",
                field="competitor_urls",
                fix="List competitors' sites, not the brand's.",
            )
        if url not in out:
            out.append(url)
    if len(out) > MAX_COMPETITORS:
        raise InputError(
            f"{len(out)} competitors given; at most {MAX_COMPETITORS} are compared.",
            field="competitor_urls",
            fix=f"Pick the {MAX_COMPETITORS} closest competitors.",
        )
    return out


def _passage(source: str, passage_id: str, title: str, text: str) -> Passage:
    url = source if source.startswith(("http://", "https://")) else None
    return Passage(text=text, passage_id=passage_id, url=url, title=title)


def kb_retriever(scope: OrgScope, brand_id: str, embedder: Embedder, *, k: int = 3) -> Retriever:
    """Semantic search over the brand's knowledge base, as cited passages."""

    def retrieve(query: str) -> list[Passage]:
        hits = search(scope, brand_id, query, embedder=embedder, k=k)
        return [_passage(h.source, h.passage_id, h.title, h.text) for h in hits]

    return retrieve


def brand_passages(scope: OrgScope, brand_id: str) -> list[Passage]:
    """The brand's knowledge-base passages (cited by id), else its crawled page texts."""
    rows = scope.session.scalars(
        select(KbPassage)
        .where(KbPassage.org_id == scope.org_id, KbPassage.brand_id == brand_id)
        .order_by(KbPassage.source, KbPassage.ordinal)
    ).all()
    if rows:
        return [_passage(r.source, r.id, r.title, r.text) for r in rows]
    pages = scope.list(BrandPage, BrandPage.brand_id == brand_id, order_by=BrandPage.url, limit=500)
    return [Passage(text=p.text, url=p.url, title=p.title) for p in pages if p.text.strip()]


def _crawl_competitor(
    url: str, *, settings: Settings, transport: httpx.BaseTransport | None
) -> CrawlResult:
    try:
        return crawl_brand_site(url, settings=settings, transport=transport)
    except (InputError, PolicyViolation) as exc:
        raise InputError(
            f"The competitor site {url} could not be crawled: {exc.message}",
            field="competitor_urls",
            fix="Check the address, or leave that competitor out.",
        ) from exc


def run_research(
    scope: OrgScope,
    brand_id: str,
    *,
    settings: Settings,
    competitor_urls: Sequence[str] = (),
    embedder: Embedder | None = None,
    text_provider: TextProvider | None = None,
    research_provider: ResearchProvider | None = None,
    transport: httpx.BaseTransport | None = None,
    on_progress: Progress | None = None,
    brand_crawl: CrawlResult | None = None,
) -> ResearchReport:
    """Research a stored brand: identity, voice, market (offline and online) and audiences.

    The brand's site and each competitor URL are crawled with the safe crawler; with a
    vendor research provider (``PERPLEXITY_API_KEY``) its cited findings are added.
    Audience segments come from the brand's knowledge-base passages or page texts.
    ``brand_crawl`` reuses a crawl of the brand's site (e.g. onboarding's) instead of
    crawling it again. With ``embedder`` (the knowledge base's), segments also get
    needs found by semantic search of the brand's passages.
    """
    progress = on_progress or (lambda _msg, _frac: None)
    brand = scope.get(Brand, brand_id)
    urls = competitor_list(competitor_urls, brand_url=brand.url)
    text_provider = text_provider or build_text_provider(settings)
    research_provider = research_provider or build_research_provider(settings)

    progress(f"Crawling {brand.url}", 0.0)
    crawl = brand_crawl or crawl_brand_site(brand.url, settings=settings, transport=transport)
    profile = build_brand_profile(crawl)
    identity = build_visual_identity(profile, crawl, settings=settings, transport=transport)
    site = analyse_site(crawl, profile)
    competitors = []
    for i, url in enumerate(urls):
        progress(f"Crawling competitor {url}", 0.2 + 0.5 * i / max(1, len(urls)))
        competitor_crawl = _crawl_competitor(url, settings=settings, transport=transport)
        competitors.append(analyse_site(competitor_crawl, build_brand_profile(competitor_crawl)))

    external = []
    online = research_provider.name != OFFLINE_RESEARCH
    if online:
        progress(f"Asking {research_provider.name}", 0.75)
        external = online_findings(
            research_provider,
            brand=profile.name,
            description=profile.description,
            competitor_urls=urls,
        )
    market = build_market_report(
        site,
        competitors,
        external=external,
        research_provider=research_provider.name if online else None,
    )

    progress("Profiling audiences", 0.85)
    passages = brand_passages(scope, brand_id)
    sentences = sentences_of(passages) or site.sentences
    has_kb = any(p.passage_id for p in passages)
    retrieve = kb_retriever(scope, brand_id, embedder) if embedder and has_kb else None
    home = Citation(url=crawl.pages[0].url, title=crawl.pages[0].title, quote="")
    audiences = profile_audiences(
        sentences,
        brand=profile.name,
        text_provider=text_provider,
        social_links=profile.social_links,
        home=home,
        retrieve=retrieve,
    )
    progress("Research finished", 1.0)
    return assemble_report(
        brand_id=brand.id,
        brand_name=profile.name,
        brand_url=crawl.final_url,
        generated_at=utcnow(),
        summary=summary_statements(site),
        identity=identity,
        voice=voice_statements(profile.name, sentences),
        market=market,
        audiences=audiences,
    )
