"""One safe HTTP fetch: pinned to vetted addresses, redirects checked hop by hop,
bodies streamed under a byte cap, content types checked before reading."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from agency.config.settings import Settings
from agency.intelligence.crawl.links import same_site
from agency.intelligence.crawl.models import SkipReason
from agency.intelligence.crawl.url_safety import PinnedTransport, Resolver, UrlPolicy

HTML_TYPES = ("text/html", "application/xhtml+xml")
REDIRECT_CODES = {301, 302, 303, 307, 308}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


class FetchRefused(Exception):
    """The URL was not (fully) fetched; ``reason`` is a crawl skip reason."""

    def __init__(self, url: str, reason: SkipReason, detail: str) -> None:
        super().__init__(f"{url}: {reason} ({detail})")
        self.url = url
        self.reason: SkipReason = reason
        self.detail = detail


@dataclass
class FetchResult:
    """A fetched body (possibly cut at the byte cap) and where it finally came from."""

    url: str
    final_url: str
    status_code: int
    content_type: str
    body: bytes
    truncated: bool
    redirects: list[str]

    @property
    def is_html(self) -> bool:
        return self.content_type in HTML_TYPES

    charset: str | None = None

    def text(self) -> str:
        """The body decoded (charset from headers or the page, UTF-8 by default)."""
        charset = self.charset
        if charset is None:
            match = _META_CHARSET.search(self.body[:4096])
            charset = match.group(1).decode("ascii") if match else "utf-8"
        try:
            return self.body.decode(charset, errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")


def media_type(header: str) -> str:
    return header.split(";", 1)[0].strip().lower()


class Fetcher:
    """An httpx client that only ever talks to vetted addresses."""

    def __init__(
        self,
        *,
        settings: Settings,
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver | None = None,
        max_redirects: int = 5,
    ) -> None:
        self.policy = UrlPolicy(settings.allowlist_entries, resolver=resolver)
        self.timeout_s = settings.crawl_timeout_s
        self.max_redirects = max_redirects
        self.client = httpx.Client(
            transport=PinnedTransport(self.policy, inner=transport),
            timeout=httpx.Timeout(settings.crawl_timeout_s),
            follow_redirects=False,
            headers={"User-Agent": settings.crawl_user_agent, "Accept": "*/*"},
            trust_env=False,  # no env proxies or .netrc: every request goes through the pin
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(
        self,
        url: str,
        *,
        max_bytes: int,
        accept: Callable[[str], bool] | None = None,
        site_root: str | None = None,
    ) -> FetchResult:
        """GET ``url``; follow up to ``max_redirects`` redirects, each one re-vetted.

        ``accept`` decides from the media type whether to read the body; ``site_root``
        refuses redirects that leave the site. The body stops at ``max_bytes``
        (``truncated`` is then true). PolicyViolation propagates: it is never a skip.
        """
        current = url
        hops: list[str] = []
        for _ in range(self.max_redirects + 1):
            scheme = urlsplit(current).scheme
            if scheme not in ("http", "https"):
                raise FetchRefused(current, "unsafe", f"scheme {scheme!r} is not http(s)")
            if site_root is not None and hops and not same_site(current, site_root):
                raise FetchRefused(url, "off-site", f"redirects to {current}")
            try:
                result = self._get_once(current, max_bytes=max_bytes, accept=accept)
            except httpx.TimeoutException as exc:
                raise FetchRefused(current, "error", f"timed out ({type(exc).__name__})") from exc
            except httpx.HTTPError as exc:
                raise FetchRefused(current, "error", f"{type(exc).__name__}: {exc}") from exc
            except httpx.InvalidURL as exc:  # e.g. a Location header httpx cannot parse
                raise FetchRefused(current, "error", f"invalid URL or redirect: {exc}") from exc
            if isinstance(result, str):
                hops.append(current)
                current = result
                continue
            result.url, result.redirects = url, hops
            return result
        raise FetchRefused(url, "error", f"more than {self.max_redirects} redirects")

    def _get_once(
        self, url: str, *, max_bytes: int, accept: Callable[[str], bool] | None
    ) -> FetchResult | str:
        deadline = time.monotonic() + 2 * self.timeout_s
        with self.client.stream("GET", url) as response:
            if response.status_code in REDIRECT_CODES and "location" in response.headers:
                return urljoin(url, response.headers["location"])
            ctype = media_type(response.headers.get("content-type", ""))
            if response.status_code >= 400:
                raise FetchRefused(url, "http-status", f"HTTP {response.status_code}")
            if accept is not None and not accept(ctype):
                raise FetchRefused(url, "non-html", f"content type {ctype or 'unknown'!r}")
            body = bytearray()
            truncated = False
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > max_bytes:
                    del body[max_bytes:]
                    truncated = True
                    break
                if time.monotonic() > deadline:
                    truncated = True
                    break
            return FetchResult(
                url=url,
                final_url=url,
                status_code=response.status_code,
                content_type=ctype,
                body=bytes(body),
                truncated=truncated,
                redirects=[],
                charset=response.charset_encoding,
            )
