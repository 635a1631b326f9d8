"""Analyse one crawled site (a competitor, or the brand itself) for the market report."""

from __future__ import annotations

from dataclasses import dataclass, field

from agency.intelligence.brand.document import parse_document
from agency.intelligence.brand.profile import BrandProfile
from agency.intelligence.crawl.models import CrawlResult
from agency.intelligence.research.claims import find_claims
from agency.intelligence.research.models import Citation, CompetitorProfile, Statement
from agency.intelligence.research.prices import price_points
from agency.intelligence.research.sources import Passage, Sentence, sentences_of
from agency.intelligence.research.themes import theme_hits
from agency.intelligence.research.tone import tone_statements


@dataclass
class SiteAnalysis:
    """A site's profile for the report plus the sentences and theme hits behind it."""

    profile: CompetitorProfile
    sentences: list[Sentence]
    hits: dict[str, list[Sentence]] = field(default_factory=dict)


def site_passages(crawl: CrawlResult) -> list[Passage]:
    """Each crawled page's main text as a passage citing its URL."""
    return [Passage(text=p.text, url=p.url, title=p.title) for p in crawl.pages if p.text.strip()]


def _positioning(brand: BrandProfile, crawl: CrawlResult) -> list[Statement]:
    home = crawl.pages[0]
    out: list[Statement] = []
    seen: set[str] = set()

    def add(label: str, quote: str) -> None:
        quote = " ".join(quote.split())
        if quote and quote.casefold() not in seen and quote.casefold() != brand.name.casefold():
            seen.add(quote.casefold())
            out.append(
                Statement(
                    text=f"{brand.name} {label}: “{quote}”",
                    citations=[Citation(url=home.url, title=home.title, quote=quote)],
                )
            )

    add("positions itself with the line", brand.tagline)
    doc = parse_document(home)
    for heading in doc.h1[:1]:
        add("leads its home page with", heading)
    add("describes itself as", brand.description)
    return out


def analyse_site(crawl: CrawlResult, brand: BrandProfile) -> SiteAnalysis:
    """Positioning, claims, price points, tone and themes of one crawled site."""
    sentences = sentences_of(site_passages(crawl))
    hits = theme_hits(sentences)
    profile = CompetitorProfile(
        name=brand.name,
        url=crawl.final_url,
        pages=len(crawl.pages),
        positioning=_positioning(brand, crawl) if crawl.pages else [],
        claims=find_claims(sentences),
        prices=price_points(brand.products, sentences),
        tone=tone_statements(brand.name, sentences),
        themes={key: len(found) for key, found in sorted(hits.items(), key=lambda kv: -len(kv[1]))},
    )
    return SiteAnalysis(profile=profile, sentences=sentences, hits=hits)
