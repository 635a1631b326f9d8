"""Firecrawl adapter: the v2 crawl API produces the same CrawlResult as the built-in crawler.

Uses Firecrawl's documented REST API over httpx (the official SDK is built on
``requests`` and cannot take an injected transport). Pages come from Firecrawl;
stylesheets and the logo are then fetched by the built-in safe fetcher.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

import httpx

from agency.config.settings import Settings
from agency.core.errors import InputError, ProviderError
from agency.intelligence.crawl.assets import fetch_logo, fetch_stylesheets
from agency.intelligence.crawl.crawler import normalize_start_url
from agency.intelligence.crawl.fetcher import Fetcher, FetchResult
from agency.intelligence.crawl.html_parse import main_text, parse_page
from agency.intelligence.crawl.links import normalize_url
from agency.intelligence.crawl.models import CrawledPage, CrawlResult
from agency.intelligence.crawl.skips import SkipLog
from agency.intelligence.crawl.url_safety import Resolver, UrlPolicy
from agency.providers import RetryPolicy, is_retryable_status, parse_retry_after, with_retries

PROVIDER = "firecrawl"
POLL_INTERVAL_S = 2.0


class FirecrawlClient:
    """The three calls the crawl needs: start a crawl, read its status, read a result page."""

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str,
        timeout_s: float,
        transport: httpx.BaseTransport | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        self.retry = retry or RetryPolicy()
        self.client = httpx.Client(
            base_url=base_url.rstrip("/"),
            transport=transport,
            timeout=httpx.Timeout(timeout_s),
            headers={"Authorization": f"Bearer {api_key}", "Content-Type": "application/json"},
        )

    def close(self) -> None:
        self.client.close()

    def _call(self, method: str, url: str, json: dict[str, Any] | None = None) -> dict[str, Any]:
        def once() -> dict[str, Any]:
            try:
                response = self.client.request(method, url, json=json)
            except httpx.HTTPError as exc:
                raise ProviderError(
                    f"Firecrawl could not be reached ({type(exc).__name__}); check "
                    "AGENCY_FIRECRAWL_BASE_URL and the network.",
                    provider=PROVIDER,
                    retryable=True,
                ) from exc
            if response.status_code >= 400:
                raise _status_error(response)
            try:
                data = response.json()
            except ValueError as exc:
                raise ProviderError(
                    "Firecrawl answered with something that is not JSON.",
                    provider=PROVIDER,
                    status_code=response.status_code,
                    body=response.text[:2000],
                ) from exc
            if not isinstance(data, dict) or data.get("success") is False:
                raise ProviderError(
                    f"Firecrawl reported a failure: {_error_text(data)}",
                    provider=PROVIDER,
                    status_code=response.status_code,
                    body=response.text[:2000],
                )
            return data

        return with_retries(once, policy=self.retry)

    def start_crawl(self, url: str, *, limit: int) -> str:
        body = {
            "url": url,
            "limit": limit,
            "sitemap": "include",
            "scrapeOptions": {"formats": ["markdown", "rawHtml"], "onlyMainContent": False},
        }
        data = self._call("POST", "/v2/crawl", json=body)
        if not data.get("id"):
            raise ProviderError("Firecrawl did not return a crawl id.", provider=PROVIDER)
        return str(data["id"])

    def status(self, crawl_id: str) -> dict[str, Any]:
        return self._call("GET", f"/v2/crawl/{crawl_id}")

    def page(self, next_url: str) -> dict[str, Any]:
        return self._call("GET", next_url)


def _error_text(data: Any) -> str:
    if isinstance(data, dict):
        return str(data.get("error") or data.get("message") or "unknown error")[:500]
    return "unexpected response"


def _status_error(response: httpx.Response) -> ProviderError:
    retryable = is_retryable_status(response.status_code)
    try:
        detail = _error_text(response.json())
    except ValueError:
        detail = response.text[:200]
    hint = "retry later" if retryable else "check FIRECRAWL_API_KEY and the request"
    return ProviderError(
        f"Firecrawl answered HTTP {response.status_code}: {detail} ({hint}).",
        provider=PROVIDER,
        retryable=retryable,
        status_code=response.status_code,
        request_id=response.headers.get("x-request-id"),
        body=response.text[:2000],
        retry_after=parse_retry_after(response.headers) if retryable else None,
    )


def _to_page(document: dict[str, Any], skips: SkipLog) -> CrawledPage | None:
    meta = document.get("metadata") or {}
    url = str(meta.get("sourceURL") or meta.get("url") or "")
    if not url:
        return None
    status = int(meta.get("statusCode") or 200)
    if status >= 400:
        skips.add(url, "http-status", f"HTTP {status}")
        return None
    html = str(document.get("rawHtml") or document.get("html") or "")
    text = str(document.get("markdown") or "") or main_text(html, url=url)
    return CrawledPage(
        url=normalize_url(url),
        status_code=status,
        title=str(meta.get("title") or ""),
        html=html,
        text=text,
    )


def firecrawl_crawl(
    url: str,
    *,
    settings: Settings,
    transport: httpx.BaseTransport | None = None,
    on_progress: Callable[[str, float], None] | None = None,
    resolver: Resolver | None = None,
    sleep: Callable[[float], None] = time.sleep,
    poll_interval_s: float = POLL_INTERVAL_S,
) -> CrawlResult:
    """Crawl ``url`` with Firecrawl (``settings.firecrawl_api_key`` must be set)."""
    if settings.firecrawl_api_key is None:
        raise InputError(
            "Firecrawl needs an API key.",
            field="FIRECRAWL_API_KEY",
            fix="Set FIRECRAWL_API_KEY, or unset it to use the built-in crawler.",
        )
    progress = on_progress or (lambda _m, _f: None)
    start = normalize_start_url(url)
    UrlPolicy(settings.allowlist_entries, resolver=resolver).vet_url(start)
    limit = max(1, settings.crawl_max_pages)
    client = FirecrawlClient(
        api_key=settings.firecrawl_api_key.get_secret_value(),
        base_url=settings.firecrawl_base_url,
        timeout_s=settings.crawl_timeout_s,
        transport=transport,
        retry=RetryPolicy(max_retries=settings.provider_max_retries, sleep=sleep),
    )
    skips = SkipLog()
    documents: list[dict[str, Any]] = []
    try:
        progress("Starting Firecrawl crawl", 0.0)
        crawl_id = client.start_crawl(start, limit=limit)
        max_polls = max(1, math.ceil(settings.crawl_timeout_s * limit / poll_interval_s))
        for _ in range(max_polls):
            status = client.status(crawl_id)
            state = str(status.get("status", ""))
            total = int(status.get("total") or limit)
            progress(f"Firecrawl: {state}", 0.8 * int(status.get("completed") or 0) / max(total, 1))
            if state == "completed":
                documents.extend(status.get("data") or [])
                next_url = status.get("next")
                while next_url and len(documents) < limit:
                    page = client.page(str(next_url))
                    documents.extend(page.get("data") or [])
                    next_url = page.get("next") if page.get("next") != next_url else None
                break
            if state in ("failed", "cancelled"):
                raise ProviderError(f"The Firecrawl crawl {crawl_id} {state}.", provider=PROVIDER)
            sleep(poll_interval_s)
        else:
            raise ProviderError(
                f"The Firecrawl crawl {crawl_id} did not finish in time.",
                provider=PROVIDER,
                retryable=True,
            )
    finally:
        client.close()
    pages = [p for p in (_to_page(d, skips) for d in documents[:limit]) if p is not None]
    for extra in documents[limit:]:
        skips.add(str((extra.get("metadata") or {}).get("sourceURL", "*")), "limit", "page limit")
    if not pages:
        raise InputError(
            f"Firecrawl returned no readable pages for {start}.",
            field="url",
            fix="Check the address, or unset FIRECRAWL_API_KEY to crawl directly.",
        )
    progress("Fetching stylesheets and logo", 0.9)
    return _with_assets(
        start, pages, skips, settings=settings, transport=transport, resolver=resolver
    )


def _with_assets(
    start: str,
    pages: list[CrawledPage],
    skips: SkipLog,
    *,
    settings: Settings,
    transport: httpx.BaseTransport | None,
    resolver: Resolver | None,
) -> CrawlResult:
    sheets: list[str] = []
    inline: list[tuple[str, str]] = []
    logos: list[str] = []
    for page in pages:
        parsed = parse_page(page.html, url=page.url, with_text=False)
        sheets.extend(parsed.stylesheet_urls)
        inline.extend((f"{page.url}#style{i}", css) for i, css in enumerate(parsed.inline_styles))
        logos.extend(parsed.logo_candidates)
    downloaded = 0

    with Fetcher(settings=settings, transport=transport, resolver=resolver) as fetcher:

        def fetch(url: str, **kwargs: Any) -> FetchResult:
            nonlocal downloaded
            result = fetcher.fetch(url, **kwargs)
            downloaded += len(result.body)
            return result

        stylesheets = fetch_stylesheets(
            fetch,
            skips,
            urls=sheets,
            inline=inline,
            root=pages[0].url,
            budget=lambda: settings.crawl_max_total_bytes - downloaded,
        )
        logo = fetch_logo(fetch, skips, candidates=logos)
    return CrawlResult(
        start_url=start,
        final_url=pages[0].url,
        engine="firecrawl",
        pages=pages,
        stylesheets=stylesheets,
        logo=logo,
        logo_candidates=list(dict.fromkeys(logos))[:20],
        skipped=skips.items(),
        bytes_downloaded=downloaded + sum(len(p.html) for p in pages),
    )
