"""What the crawler needs from one HTML page: title, main text, links, CSS and logo hints."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

import trafilatura
from lxml import etree
from lxml import html as lxml_html

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def parse_html(html: str) -> Any:
    """An lxml tree of ``html`` (an XML declaration is tolerated), or None if unparseable."""
    if not html.strip():
        return None
    try:
        return lxml_html.fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (ValueError, TypeError, etree.ParserError):
        return None


@dataclass
class ParsedPage:
    """Links, stylesheet references and logo candidates found in one page."""

    title: str = ""
    text: str = ""
    links: list[str] = field(default_factory=list)
    stylesheet_urls: list[str] = field(default_factory=list)
    inline_styles: list[str] = field(default_factory=list)
    logo_candidates: list[str] = field(default_factory=list)
    noindex_nofollow: bool = False


def main_text(html: str, *, url: str | None = None) -> str:
    """The page's main text (trafilatura), falling back to all visible text."""
    text = trafilatura.extract(
        html, url=url, include_comments=False, include_tables=True, favor_recall=True
    )
    if text:
        return text.strip()
    doc = parse_html(html)
    if doc is None:
        return ""
    for bad in doc.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    return " ".join(doc.text_content().split())


def _json_ld_logos(doc: lxml_html.HtmlElement, base: str) -> list[str]:
    found: list[str] = []
    for script in doc.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                logo = item.get("logo")
                if isinstance(logo, dict):
                    logo = logo.get("url") or logo.get("contentUrl")
                if isinstance(logo, str) and logo:
                    found.append(urljoin(base, logo))
                stack.extend(v for v in item.values() if isinstance(v, dict | list))
    return found


def _img_logos(doc: lxml_html.HtmlElement, base: str) -> list[str]:
    found: list[str] = []
    for img in doc.xpath("//img[@src]"):
        hints = " ".join(str(img.get(attr, "")) for attr in ("src", "alt", "class", "id")).lower()
        parent = img.getparent()
        if parent is not None:
            hints += " " + " ".join(str(parent.get(a, "")) for a in ("class", "id")).lower()
        if "logo" in hints or "brand" in hints:
            found.append(urljoin(base, img.get("src")))
    return found


def parse_page(html: str, *, url: str, with_text: bool = True) -> ParsedPage:
    """Parse ``html`` fetched from ``url``; all URLs come back absolute."""
    page = ParsedPage()
    doc = parse_html(html)
    if doc is None:
        return page
    base_href = doc.xpath("string(//base/@href)")
    base = urljoin(url, base_href) if base_href else url
    page.title = " ".join(doc.xpath("string(//title)").split())
    robots_meta = doc.xpath('string(//meta[translate(@name,"ROBTS","robts")="robots"]/@content)')
    page.noindex_nofollow = "nofollow" in robots_meta.lower()
    for anchor in doc.xpath("//a[@href]"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
            continue
        if "nofollow" in (anchor.get("rel") or "").lower():
            continue
        page.links.append(urljoin(base, href))
    for link in doc.xpath("//link[@href]"):
        rel = (link.get("rel") or "").lower().split()
        href = urljoin(base, link.get("href", ""))
        if "stylesheet" in rel:
            page.stylesheet_urls.append(href)
        elif "apple-touch-icon" in rel:
            page.logo_candidates.append(href)
    page.inline_styles = [s.text_content() for s in doc.xpath("//style") if s.text_content()]
    logos = _json_ld_logos(doc, base) + _img_logos(doc, base)
    icons = [
        urljoin(base, ln.get("href", ""))
        for ln in doc.xpath("//link[@href]")
        if "icon" in (ln.get("rel") or "").lower().split()
    ]
    og_image = doc.xpath('string(//meta[@property="og:image"]/@content)')
    page.logo_candidates = logos + page.logo_candidates + icons
    if og_image:
        page.logo_candidates.append(urljoin(base, og_image))
    if with_text:
        page.text = main_text(html, url=url)
    return page
