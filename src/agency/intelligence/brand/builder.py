"""Turn a crawl into a BrandProfile: identity, products, contact, palette and fonts."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from agency.core.errors import InputError
from agency.intelligence.brand.contact import contact_info, social_links
from agency.intelligence.brand.css import Declaration, iter_declarations
from agency.intelligence.brand.document import parse_document
from agency.intelligence.brand.fonts import extract_fonts
from agency.intelligence.brand.identity import brand_name, description, logo_url, tagline
from agency.intelligence.brand.palette import build_palette
from agency.intelligence.brand.products import extract_products
from agency.intelligence.brand.profile import BrandProfile, PageText
from agency.intelligence.crawl.html_parse import parse_html
from agency.intelligence.crawl.models import CrawlResult

_STYLE_ATTR_LIMIT = 2000


def _style_attributes(html: str) -> str:
    """Inline ``style=""`` attributes of a page as one stylesheet."""
    root = parse_html(html)
    if root is None:
        return ""
    styles = root.xpath("//@style")[:_STYLE_ATTR_LIMIT]
    return "\n".join(f"x{{{s}}}" for s in styles)


def _declarations(crawl: CrawlResult) -> list[Declaration]:
    texts = [sheet.text for sheet in crawl.stylesheets]
    texts.extend(_style_attributes(page.html) for page in crawl.pages[:5])
    return list(iter_declarations(texts))


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def build_brand_profile(crawl: CrawlResult) -> BrandProfile:
    """Extract a BrandProfile from ``crawl``; the home page is ``crawl.pages[0]``."""
    if not crawl.pages:
        raise InputError(
            f"No pages could be read from {crawl.start_url}.",
            field="url",
            fix="Check that the address is the brand's website and that it serves HTML pages.",
        )
    docs = [parse_document(page) for page in crawl.pages]
    texts = [page.text for page in crawl.pages]
    domain = (urlsplit(crawl.final_url).hostname or "").removeprefix("www.")
    name = brand_name(docs, domain=domain)
    declarations = _declarations(crawl)
    logo_data = (crawl.logo.data, crawl.logo.content_type) if crawl.logo else None
    palette = build_palette(declarations, logo=logo_data)
    html_texts = [page.html[:200_000] for page in crawl.pages]
    html_texts.extend(sheet.text for sheet in crawl.stylesheets)
    return BrandProfile(
        name=name,
        tagline=tagline(docs, name=name),
        description=description(docs),
        url=crawl.final_url,
        domain=domain,
        products=extract_products(docs, texts),
        palette=[color.hex for color in palette],
        palette_details=palette,
        fonts=extract_fonts(declarations, html_texts=html_texts),
        logo=logo_url(
            docs,
            fetched=crawl.logo.url if crawl.logo else None,
            candidates=crawl.logo_candidates,
        ),
        social_links=social_links(docs),
        contact=contact_info(docs, texts),
        pages_crawled=len(crawl.pages),
        skipped=list(crawl.skipped),
        pages=[
            PageText(url=p.url, title=p.title, text=p.text, word_count=_word_count(p.text))
            for p in crawl.pages
        ],
        engine=crawl.engine,
    )
