"""Build a VisualIdentity from a BrandProfile and the crawl it came from."""

from __future__ import annotations

import httpx

from agency.config.settings import Settings
from agency.core.errors import InputError, PolicyViolation
from agency.intelligence.brand.document import parse_document
from agency.intelligence.brand.profile import BrandProfile
from agency.intelligence.crawl.fetcher import Fetcher, FetchRefused
from agency.intelligence.crawl.models import CrawlResult
from agency.intelligence.identity.css_rules import rule_declarations
from agency.intelligence.identity.image_style import image_style
from agency.intelligence.identity.logos import logo_variants, photo_urls
from agency.intelligence.identity.models import VisualIdentity
from agency.intelligence.identity.roles import assign_roles, contrast_pairs
from agency.intelligence.identity.typography import font_roles

IMAGE_MAX_BYTES = 3_000_000
MAX_PHOTOS = 8


def fetch_images(
    urls: list[str], *, settings: Settings, transport: httpx.BaseTransport | None = None
) -> list[tuple[str, bytes]]:
    """Fetch images with the safe fetcher; refused, unsafe or oversized ones are left out."""
    out: list[tuple[str, bytes]] = []
    if not urls:
        return out
    with Fetcher(settings=settings, transport=transport) as fetcher:
        for url in urls:
            try:
                result = fetcher.fetch(
                    url, max_bytes=IMAGE_MAX_BYTES, accept=lambda t: t.startswith("image/")
                )
            except (FetchRefused, PolicyViolation, InputError):
                continue
            if not result.truncated:
                out.append((url, result.body))
    return out


def build_visual_identity(
    profile: BrandProfile,
    crawl: CrawlResult,
    *,
    settings: Settings,
    transport: httpx.BaseTransport | None = None,
    fetch_photos: bool = True,
) -> VisualIdentity:
    """Logos and variants, palette roles with WCAG contrast, font roles and photo style."""
    docs = [parse_document(page) for page in crawl.pages]
    decls = rule_declarations(crawl.stylesheets)
    logos = logo_variants(docs, fetched=crawl.logo.url if crawl.logo else None)
    roles = assign_roles(profile.palette_details, decls)
    style = None
    if fetch_photos:
        exclude = {logo.url for logo in logos}
        urls = photo_urls(docs, exclude=exclude, limit=MAX_PHOTOS)
        style = image_style(fetch_images(urls, settings=settings, transport=transport))
    return VisualIdentity(
        logos=logos,
        palette=roles,
        contrast=contrast_pairs(roles),
        fonts=font_roles(decls, brand_fonts=profile.fonts),
        image_style=style,
    )
