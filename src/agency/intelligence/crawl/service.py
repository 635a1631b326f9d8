"""The brand-site crawl entry point: Firecrawl when configured, the built-in crawler otherwise."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from agency.config.settings import Settings
from agency.intelligence.crawl.crawler import crawl_site
from agency.intelligence.crawl.firecrawl import firecrawl_crawl
from agency.intelligence.crawl.models import CrawlResult
from agency.intelligence.crawl.url_safety import Resolver


def crawl_brand_site(
    url: str,
    *,
    settings: Settings,
    transport: httpx.BaseTransport | None = None,
    on_progress: Callable[[str, float], None] | None = None,
    resolver: Resolver | None = None,
) -> CrawlResult:
    """Crawl a brand's website with Firecrawl if ``FIRECRAWL_API_KEY`` is set, else ourselves."""
    if settings.firecrawl_api_key is not None and settings.firecrawl_api_key.get_secret_value():
        return firecrawl_crawl(
            url, settings=settings, transport=transport, on_progress=on_progress, resolver=resolver
        )
    return crawl_site(
        url, settings=settings, transport=transport, on_progress=on_progress, resolver=resolver
    )
