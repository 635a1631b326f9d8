"""What a crawl produces: pages, stylesheets, the logo and what was left out.

:class:`CrawlResult` is a durable workflow step output, so everything here
serializes to JSON and back (binary data travels as base64).
"""

from __future__ import annotations

import base64
from typing import Literal

from pydantic import Field

from agency.core.artifacts import Artifact

SkipReason = Literal[
    "robots",
    "limit",
    "non-html",
    "too-large",
    "off-site",
    "error",
    "unsafe",
    "duplicate",
    "http-status",
]


class SkippedItem(Artifact):
    """A URL the crawl did not (fully) use, and why."""

    url: str
    reason: SkipReason
    detail: str = ""


class CrawledPage(Artifact):
    """One HTML page: its raw HTML (possibly truncated) and extracted main text."""

    url: str
    status_code: int = 200
    title: str = ""
    html: str = ""
    text: str = ""
    truncated: bool = False


class Stylesheet(Artifact):
    """The text of one stylesheet (linked file or inline ``<style>`` block)."""

    url: str
    text: str


class LogoImage(Artifact):
    """The brand's logo as fetched: absolute URL, media type and bytes (base64)."""

    url: str
    content_type: str
    data_b64: str = ""

    @classmethod
    def from_bytes(cls, url: str, content_type: str, data: bytes) -> LogoImage:
        return cls(url=url, content_type=content_type, data_b64=base64.b64encode(data).decode())

    @property
    def data(self) -> bytes:
        return base64.b64decode(self.data_b64)


class CrawlResult(Artifact):
    """Everything a brand-site crawl collected, whichever engine ran it."""

    start_url: str
    final_url: str
    engine: Literal["builtin", "firecrawl"] = "builtin"
    pages: list[CrawledPage] = Field(default_factory=list)
    stylesheets: list[Stylesheet] = Field(default_factory=list)
    logo: LogoImage | None = None
    logo_candidates: list[str] = Field(default_factory=list)
    skipped: list[SkippedItem] = Field(default_factory=list)
    sitemap_urls: int = 0
    bytes_downloaded: int = 0
