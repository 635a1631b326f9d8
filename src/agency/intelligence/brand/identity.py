"""Name, tagline, description and logo from JSON-LD, Open Graph, meta tags and titles."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from agency.intelligence.brand.document import PageDoc, first_text

ORG_TYPES = (
    "Organization",
    "Corporation",
    "LocalBusiness",
    "Store",
    "Brand",
    "CafeOrCoffeeShop",
    "Restaurant",
    "OnlineStore",
    "NGO",
    "SoftwareApplication",
)
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»]\s+")
_GENERIC = {"home", "homepage", "home page", "welcome", "index", "main", "start", "untitled"}


def _org_items(doc: PageDoc) -> list[dict]:
    return doc.items_of_type(*ORG_TYPES)


def _title_segments(title: str) -> list[str]:
    return [seg.strip() for seg in _TITLE_SEPARATORS.split(title) if seg.strip()]


def _common_title_segment(docs: Sequence[PageDoc]) -> str | None:
    titles = [d.title for d in docs if d.title]
    if not titles:
        return None
    counts = Counter(seg for t in titles for seg in dict.fromkeys(_title_segments(t)))
    if len(titles) > 1:
        shared = [s for s, c in counts.items() if c >= max(2, len(titles) // 2)]
        for segment in _title_segments(titles[0]):
            if segment in shared and segment.lower() not in _GENERIC:
                return segment
    segments = [s for s in _title_segments(titles[0]) if s.lower() not in _GENERIC]
    return segments[0] if segments else None


def brand_name(docs: Sequence[PageDoc], *, domain: str) -> str:
    """The brand's name: JSON-LD organization, og:site_name, the shared title part, h1, domain."""
    home = docs[0] if docs else None
    for doc in docs:
        for item in _org_items(doc):
            name = first_text(item.get("name"))
            if name:
                return name
    for doc in docs:
        for key in ("og:site_name", "application-name", "apple-mobile-web-app-title"):
            value = doc.og.get(key) or doc.meta.get(key)
            if value:
                return value
    common = _common_title_segment(docs)
    if common:
        return common
    if home is not None and home.h1:
        return home.h1[0]
    return domain


def tagline(docs: Sequence[PageDoc], *, name: str) -> str:
    """A short slogan: JSON-LD slogan, a tagline element, the home title's other part, the h1."""
    if not docs:
        return ""
    home = docs[0]
    for doc in docs:
        for item in _org_items(doc):
            slogan = first_text(item.get("slogan"))
            if slogan:
                return slogan
    marked = home.text_of(
        "//*[contains(@class,'tagline') or contains(@class,'slogan') or contains(@id,'tagline')]"
    )
    if marked and marked[0]:
        return marked[0]
    lowered = name.lower()
    for segment in _title_segments(home.title):
        if segment.lower() not in _GENERIC and segment.lower() != lowered and len(segment) > 8:
            return segment
    for heading in home.h1:
        if heading.lower() != lowered and len(heading) > 8:
            return heading
    lead = home.text_of("//*[contains(@class,'lead') or contains(@class,'subtitle')]")
    if lead and lead[0]:
        return _first_sentence(lead[0])
    return _first_sentence(description(docs[:1]))


def description(docs: Sequence[PageDoc]) -> str:
    """What the brand does: JSON-LD, meta and Open Graph descriptions, else the home lead text."""
    for doc in docs[:1]:
        for item in _org_items(doc):
            text = first_text(item.get("description"))
            if text:
                return text
        for value in (doc.meta.get("description"), doc.og.get("og:description")):
            if value:
                return value
        for paragraph in doc.text_of("//main//p|//body//p"):
            if len(paragraph.split()) >= 12:
                return paragraph
    return ""


def logo_url(
    docs: Sequence[PageDoc], *, fetched: str | None, candidates: Sequence[str]
) -> str | None:
    """The logo's absolute URL: the one the crawler fetched, else JSON-LD, else the first hint."""
    if fetched:
        return fetched
    for doc in docs:
        for item in _org_items(doc):
            logo = doc.absolute(first_text(item.get("logo")))
            if logo:
                return logo
    return candidates[0] if candidates else None


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", text.strip())
    sentence = match.group(1) if match else text.strip()
    return sentence[:200]
