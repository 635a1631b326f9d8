"""One crawled page parsed once: meta tags, Open Graph, JSON-LD items, headings."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from agency.intelligence.crawl.html_parse import parse_html
from agency.intelligence.crawl.models import CrawledPage


@dataclass
class PageDoc:
    """Structured data of one page; JSON-LD items are flattened (``@graph`` expanded)."""

    url: str
    title: str
    root: Any
    meta: dict[str, str] = field(default_factory=dict)
    og: dict[str, str] = field(default_factory=dict)
    jsonld: list[dict[str, Any]] = field(default_factory=list)
    h1: list[str] = field(default_factory=list)

    def absolute(self, href: str | None) -> str | None:
        return urljoin(self.url, href.strip()) if href and href.strip() else None

    def items_of_type(self, *types: str) -> list[dict[str, Any]]:
        """JSON-LD items whose ``@type`` is one of ``types`` (case-insensitive)."""
        wanted = {t.lower() for t in types}
        return [item for item in self.jsonld if wanted & {t.lower() for t in item_types(item)}]

    def text_of(self, xpath: str) -> list[str]:
        if self.root is None:
            return []
        return [" ".join(el.text_content().split()) for el in self.root.xpath(xpath)]


def item_types(item: dict[str, Any]) -> list[str]:
    raw = item.get("@type", [])
    values = raw if isinstance(raw, list) else [raw]
    return [str(v).rsplit("/", 1)[-1] for v in values if v]


def _flatten(data: Any, out: list[dict[str, Any]], depth: int = 0) -> None:
    if depth > 6:
        return
    if isinstance(data, list):
        for entry in data:
            _flatten(entry, out, depth + 1)
    elif isinstance(data, dict):
        if "@type" in data:
            out.append(data)
        for key, value in data.items():
            if key == "@graph" or isinstance(value, dict | list):
                _flatten(value, out, depth + 1)


def parse_document(page: CrawledPage) -> PageDoc:
    """Parse a crawled page; broken HTML gives an empty document, never an error."""
    root = parse_html(page.html)
    doc = PageDoc(url=page.url, title=page.title, root=root)
    if root is None:
        return doc
    for meta in root.xpath("//meta[@content]"):
        content = " ".join((meta.get("content") or "").split())
        if not content:
            continue
        if meta.get("property"):
            doc.og.setdefault(meta.get("property").lower(), content)
        if meta.get("name"):
            name = meta.get("name").lower()
            doc.meta.setdefault(name, content)
            if name.startswith(("og:", "twitter:")):
                doc.og.setdefault(name, content)
    for script in root.xpath('//script[@type="application/ld+json"]'):
        try:
            _flatten(json.loads(script.text_content() or ""), doc.jsonld)
        except ValueError:
            continue
    doc.h1 = [t for t in doc.text_of("//h1") if t]
    return doc


def first_text(value: Any) -> str | None:
    """A JSON-LD value as one string (first of a list, ``name``/``url``/``@id`` of an object)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl") or value.get("name") or value.get("@id")
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
