"""Sitemap parsing: ``urlset``, ``sitemapindex``, gzip and plain-text sitemaps, with limits."""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree

MAX_DECOMPRESSED_BYTES = 50_000_000


@dataclass
class SitemapEntries:
    """Page URLs and nested sitemap URLs found in one sitemap document."""

    urls: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    truncated: bool = False


def _gunzip(data: bytes, limit: int) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
        out = handle.read(limit + 1)
    return out[:limit]


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def parse_sitemap(
    data: bytes, *, base_url: str, max_urls: int = 5000, max_bytes: int = MAX_DECOMPRESSED_BYTES
) -> SitemapEntries:
    """Parse one sitemap document (any supported format) into absolute URLs.

    Gzip is detected by its magic bytes, so ``.xml.gz`` served with any content type works.
    At most ``max_urls`` URLs are kept; ``truncated`` says when more were present.
    """
    if data[:2] == b"\x1f\x8b":
        try:
            data = _gunzip(data, max_bytes)
        except (OSError, EOFError, zlib.error):
            return SitemapEntries(truncated=True)
    entries = SitemapEntries()
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped.startswith(b"<"):
        return _parse_text(stripped, base_url=base_url, max_urls=max_urls)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(stripped, parser=parser)
    except etree.XMLSyntaxError:
        return entries
    if root is None:
        return entries
    kind = _local(root.tag)
    for element in root.iter():
        tag = _local(element.tag)
        text = (element.text or "").strip()
        if tag in ("sitemap", "url") and text and len(element) == 0:
            loc_text, parent_kind = text, tag  # lenient: <sitemap>URL</sitemap> without <loc>
        elif tag == "loc" and text:
            parent = element.getparent()
            loc_text, parent_kind = text, (_local(parent.tag) if parent is not None else "")
        else:
            continue
        url = urljoin(base_url, loc_text)
        target = entries.sitemaps if kind == "sitemapindex" or parent_kind == "sitemap" else None
        if target is None:
            if parent_kind != "url":
                continue
            target = entries.urls
        if len(entries.urls) + len(entries.sitemaps) >= max_urls:
            entries.truncated = True
            break
        target.append(url)
    return entries


def _parse_text(data: bytes, *, base_url: str, max_urls: int) -> SitemapEntries:
    entries = SitemapEntries()
    for line in data.decode("utf-8", errors="replace").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if len(entries.urls) >= max_urls:
            entries.truncated = True
            break
        entries.urls.append(urljoin(base_url, line))
    return entries
