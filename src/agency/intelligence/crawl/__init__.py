"""Crawling a brand's website safely: URL safety, robots.txt, sitemaps, limits, Firecrawl."""

from agency.intelligence.crawl.crawler import crawl_site, normalize_start_url
from agency.intelligence.crawl.fetcher import Fetcher, FetchRefused, FetchResult
from agency.intelligence.crawl.firecrawl import firecrawl_crawl
from agency.intelligence.crawl.models import (
    CrawledPage,
    CrawlResult,
    LogoImage,
    SkippedItem,
    Stylesheet,
)
from agency.intelligence.crawl.robots import RobotsRules, parse_robots
from agency.intelligence.crawl.service import crawl_brand_site
from agency.intelligence.crawl.sitemaps import SitemapEntries, parse_sitemap
from agency.intelligence.crawl.url_safety import PinnedTransport, UrlPolicy, is_public_address

__all__ = [
    "CrawlResult",
    "CrawledPage",
    "FetchRefused",
    "FetchResult",
    "Fetcher",
    "LogoImage",
    "PinnedTransport",
    "RobotsRules",
    "SitemapEntries",
    "SkippedItem",
    "Stylesheet",
    "UrlPolicy",
    "crawl_brand_site",
    "crawl_site",
    "firecrawl_crawl",
    "is_public_address",
    "normalize_start_url",
    "parse_robots",
    "parse_sitemap",
]
