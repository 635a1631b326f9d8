"""The built-in brand-site crawler: robots.txt, sitemaps, same-site links, hard limits."""

from __future__ import annotations

import hashlib
import heapq
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from agency.config.settings import Settings
from agency.core.errors import InputError, PolicyViolation
from agency.intelligence.crawl.assets import fetch_logo, fetch_stylesheets
from agency.intelligence.crawl.fetcher import HTML_TYPES, Fetcher, FetchRefused, FetchResult
from agency.intelligence.crawl.html_parse import parse_page
from agency.intelligence.crawl.links import (
    looks_like_page,
    normalize_url,
    priority,
    same_site,
)
from agency.intelligence.crawl.models import CrawledPage, CrawlResult
from agency.intelligence.crawl.robots import RobotsRules, parse_robots, robots_for_status
from agency.intelligence.crawl.sitemaps import parse_sitemap
from agency.intelligence.crawl.skips import SkipLog
from agency.intelligence.crawl.url_safety import Resolver

Progress = Callable[[str, float], None]

MAX_LINKS_PER_PAGE = 200
MAX_FRONTIER = 2000
MAX_SITEMAPS = 5
MAX_ROBOTS_DELAY_S = 5.0
ROBOTS_MAX_BYTES = 500_000
SITEMAP_MAX_BYTES = 10_000_000


def normalize_start_url(url: str) -> str:
    """Accept 'example.com' as 'https://example.com/'; reject what is not a web address."""
    url = (url or "").strip()
    if not url:
        raise InputError("No URL given.", field="url", fix="Give the brand's website address.")
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(
            f"{url!r} is not a web address.", field="url", fix="Give a URL like https://example.com"
        )
    return normalize_url(url)


class _Crawl:
    """State of one crawl; :func:`crawl_site` drives it."""

    def __init__(
        self,
        settings: Settings,
        fetcher: Fetcher,
        progress: Progress,
        sleep: Callable[[float], None],
    ) -> None:
        self.settings = settings
        self.fetcher = fetcher
        self.progress = progress
        self.sleep = sleep
        self.skips = SkipLog()
        self.pages: list[CrawledPage] = []
        self.seen: set[str] = set()
        self.frontier: list[tuple[int, int, int, str]] = []
        self.counter = 0
        self.bytes = 0
        self.delay = max(0.0, settings.crawl_delay_s)
        self.last_request = 0.0
        self.logo_candidates: list[str] = []
        self.stylesheet_urls: list[str] = []
        self.inline_css: list[tuple[str, str]] = []
        self.sitemap_count = 0
        self.digests: dict[str, str] = {}

    def wait_politely(self) -> None:
        if self.delay > 0 and self.last_request:
            remaining = self.last_request + self.delay - time.monotonic()
            if remaining > 0:
                self.sleep(remaining)
        self.last_request = time.monotonic()

    def remaining_bytes(self) -> int:
        return self.settings.crawl_max_total_bytes - self.bytes

    def fetch(self, url: str, **kwargs: Any) -> FetchResult:
        self.wait_politely()
        result = self.fetcher.fetch(url, **kwargs)
        self.bytes += len(result.body)
        return result

    def enqueue(self, url: str, depth: int, root: str, robots: RobotsRules) -> None:
        url = normalize_url(url)
        if url in self.seen:
            return
        self.seen.add(url)
        if not same_site(url, root):
            self.skips.add(url, "off-site", "link leaves the site")
            return
        if not looks_like_page(url):
            return
        if not robots.allowed(url):
            self.skips.add(url, "robots", "disallowed by robots.txt")
            return
        if len(self.frontier) >= MAX_FRONTIER:
            self.skips.add(url, "limit", f"frontier is full ({MAX_FRONTIER} URLs)")
            return
        self.counter += 1
        heapq.heappush(self.frontier, (min(priority(url), 4), depth, self.counter, url))


def _load_robots(crawl: _Crawl, root: str) -> RobotsRules:
    robots_url = urljoin(root, "/robots.txt")
    agent = crawl.settings.crawl_user_agent
    try:
        result = crawl.fetcher.fetch(robots_url, max_bytes=ROBOTS_MAX_BYTES)
    except FetchRefused as exc:
        if exc.reason == "http-status":
            code = int(exc.detail.split()[-1])
            return robots_for_status(code, user_agent=agent)
        if exc.reason == "error":
            raise InputError(
                f"The site {root} could not be reached: {exc.detail}.",
                field="url",
                fix="Check the address and that the site is online, then try again.",
            ) from exc
        return robots_for_status(404, user_agent=agent)
    crawl.bytes += len(result.body)
    crawl.last_request = time.monotonic()
    rules = parse_robots(result.text(), user_agent=agent)
    site_delay = rules.crawl_delay()
    if site_delay:
        crawl.delay = max(crawl.delay, min(site_delay, MAX_ROBOTS_DELAY_S))
    return rules


def _fetch_start(crawl: _Crawl, start: str, robots: RobotsRules) -> tuple[str, str, bool]:
    if not robots.allowed(start):
        raise PolicyViolation(
            f"The site's robots.txt does not allow {crawl.settings.crawl_user_agent.split()[0]} "
            f"to crawl {start}.",
            url=start,
            fix="Ask the site owner to allow the crawler, or enter the brand's details by hand.",
        )
    max_bytes = min(crawl.settings.crawl_max_bytes, crawl.remaining_bytes())
    try:
        result = crawl.fetch(start, max_bytes=max_bytes, accept=lambda t: t in HTML_TYPES)
    except FetchRefused as exc:
        if exc.reason == "non-html":
            raise InputError(
                f"{start} is not an HTML web page ({exc.detail}).",
                field="url",
                fix="Give the address of the brand's website home page.",
            ) from exc
        raise InputError(
            f"The site {start} could not be crawled: {exc.detail}.",
            field="url",
            fix="Check the address and that the site is online, then try again.",
        ) from exc
    final = normalize_url(result.final_url)
    if result.truncated:
        crawl.skips.add(final, "too-large", f"page cut at {max_bytes} bytes")
    return final, result.text(), bool(result.truncated)


def _add_sitemaps(crawl: _Crawl, root: str, robots: RobotsRules) -> None:
    queue = list(dict.fromkeys([*robots.sitemaps, urljoin(root, "/sitemap.xml")]))
    fetched = 0
    while queue and fetched < MAX_SITEMAPS:
        url = queue.pop(0)
        fetched += 1
        try:
            result = crawl.fetch(url, max_bytes=min(SITEMAP_MAX_BYTES, crawl.remaining_bytes()))
        except FetchRefused:
            continue
        except (PolicyViolation, InputError) as exc:
            crawl.skips.add(
                url, "unsafe" if isinstance(exc, PolicyViolation) else "error", exc.message
            )
            continue
        entries = parse_sitemap(result.body, base_url=url)
        crawl.sitemap_count += len(entries.urls)
        queue.extend(s for s in entries.sitemaps if same_site(s, root))
        for page_url in entries.urls:
            crawl.enqueue(page_url, 1, root, robots)
        if entries.truncated:
            crawl.skips.add(url, "limit", "sitemap has more URLs than the crawler reads")


def _visit(
    crawl: _Crawl, url: str, html: str, truncated: bool, depth: int, root: str, robots: RobotsRules
) -> None:
    digest = hashlib.sha1(html.encode("utf-8", errors="replace")).hexdigest()
    if digest in crawl.digests:
        crawl.skips.add(url, "duplicate", f"same content as {crawl.digests[digest]}")
        return
    crawl.digests[digest] = url
    parsed = parse_page(html, url=url)
    crawl.pages.append(
        CrawledPage(url=url, title=parsed.title, html=html, text=parsed.text, truncated=truncated)
    )
    crawl.logo_candidates.extend(parsed.logo_candidates)
    crawl.stylesheet_urls.extend(parsed.stylesheet_urls)
    crawl.inline_css.extend((f"{url}#style{i}", css) for i, css in enumerate(parsed.inline_styles))
    if parsed.noindex_nofollow:
        return
    links = list(dict.fromkeys(parsed.links))
    for link in links[:MAX_LINKS_PER_PAGE]:
        crawl.enqueue(link, depth + 1, root, robots)
    if len(links) > MAX_LINKS_PER_PAGE:
        crawl.skips.add(
            url,
            "limit",
            f"{len(links) - MAX_LINKS_PER_PAGE} links beyond the per-page cap "
            f"of {MAX_LINKS_PER_PAGE} were not followed",
        )


def crawl_site(
    url: str,
    *,
    settings: Settings,
    transport: httpx.BaseTransport | None = None,
    on_progress: Progress | None = None,
    resolver: Resolver | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> CrawlResult:
    """Crawl a brand's website within the limits in ``settings``.

    Raises InputError when the site cannot be crawled at all (unreachable, not HTML)
    and PolicyViolation when URL safety or robots.txt forbids it; otherwise returns a
    possibly partial result whose ``skipped`` says what was left out and why.
    """
    progress = on_progress or (lambda _msg, _frac: None)
    start = normalize_start_url(url)
    max_pages = max(1, settings.crawl_max_pages)
    with Fetcher(settings=settings, transport=transport, resolver=resolver) as fetcher:
        crawl = _Crawl(settings, fetcher, progress, sleep)
        progress("Reading robots.txt", 0.0)
        robots = _load_robots(crawl, start)
        final, html, truncated = _fetch_start(crawl, start, robots)
        if urlsplit(final).netloc != urlsplit(start).netloc:
            robots = _load_robots(crawl, final)
            if not robots.allowed(final):
                raise PolicyViolation(
                    f"The robots.txt of {urlsplit(final).netloc} does not allow crawling {final}.",
                    url=final,
                    fix="Ask the site owner to allow the crawler, or enter the details by hand.",
                )
        root = final
        crawl.seen.update({start, final})
        progress("Reading sitemaps", 0.05)
        _visit(crawl, final, html, truncated, 0, root, robots)
        _add_sitemaps(crawl, root, robots)
        while crawl.frontier and len(crawl.pages) < max_pages:
            _, depth, _, page_url = heapq.heappop(crawl.frontier)
            if crawl.remaining_bytes() <= 0:
                crawl.skips.add(page_url, "limit", "total byte budget used up")
                break
            progress(f"Crawling {page_url}", 0.1 + 0.8 * len(crawl.pages) / max_pages)
            max_bytes = min(settings.crawl_max_bytes, crawl.remaining_bytes())
            try:
                result = crawl.fetch(
                    page_url, max_bytes=max_bytes, accept=lambda t: t in HTML_TYPES, site_root=root
                )
            except FetchRefused as exc:
                crawl.skips.add(page_url, exc.reason, exc.detail)
                continue
            except (PolicyViolation, InputError) as exc:
                crawl.skips.add(
                    page_url, "unsafe" if isinstance(exc, PolicyViolation) else "error", exc.message
                )
                continue
            if result.truncated:
                crawl.skips.add(page_url, "too-large", f"page cut at {max_bytes} bytes")
            final_url = normalize_url(result.final_url)
            crawl.seen.add(final_url)
            _visit(crawl, final_url, result.text(), result.truncated, depth, root, robots)
        for _, _, _, left in crawl.frontier:
            crawl.skips.add(left, "limit", f"page limit of {max_pages} reached")
        progress("Fetching stylesheets and logo", 0.9)
        stylesheets = fetch_stylesheets(
            crawl.fetch,
            crawl.skips,
            urls=crawl.stylesheet_urls,
            inline=crawl.inline_css,
            root=root,
            budget=crawl.remaining_bytes,
        )
        logo = fetch_logo(crawl.fetch, crawl.skips, candidates=crawl.logo_candidates)
    progress("Crawl finished", 1.0)
    return CrawlResult(
        start_url=start,
        final_url=root,
        engine="builtin",
        pages=crawl.pages,
        stylesheets=stylesheets,
        logo=logo,
        logo_candidates=list(dict.fromkeys(crawl.logo_candidates))[:20],
        skipped=crawl.skips.items(),
        sitemap_urls=crawl.sitemap_count,
        bytes_downloaded=crawl.bytes,
    )
