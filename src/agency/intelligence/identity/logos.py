"""Logo files and variants a site declares: inline logo images, icons, JSON-LD, Open Graph."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urljoin, urlsplit

from agency.intelligence.brand.document import PageDoc, first_text
from agency.intelligence.identity.models import Evidence, LogoKind, LogoVariant

MAX_LOGOS = 12
_EXT_KIND: dict[str, LogoKind] = {
    ".svg": "svg",
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".webp": "webp",
    ".ico": "ico",
}


def file_kind(url: str, type_attr: str = "") -> LogoKind | None:
    """The image format from a ``type`` attribute or the URL's extension."""
    if "svg" in type_attr:
        return "svg"
    path = urlsplit(url).path.lower()
    for ext, kind in _EXT_KIND.items():
        if path.endswith(ext):
            return kind
    return None


def _add(found: dict[str, LogoVariant], variant: LogoVariant) -> None:
    if variant.url not in found and len(found) < MAX_LOGOS:
        found[variant.url] = variant


def _page_logos(doc: PageDoc, found: dict[str, LogoVariant]) -> None:
    root = doc.root
    for img in root.xpath("//img[@src]"):
        src = (img.get("src") or "").strip()
        hints = " ".join(str(img.get(a, "")) for a in ("src", "alt", "class", "id")).lower()
        parent = img.getparent()
        if parent is not None:
            hints += " " + " ".join(str(parent.get(a, "")) for a in ("class", "id")).lower()
        if src and not src.startswith("data:") and "logo" in hints:
            url = urljoin(doc.url, src)
            kind = file_kind(url)
            if kind is not None:
                _add(found, LogoVariant(url=url, kind=kind, rel="img", evidence=_ev(doc, src)))
    for link in root.xpath("//link[@href]"):
        rel = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if not href or href.startswith("data:"):
            continue
        url = urljoin(doc.url, href)
        if "apple-touch-icon" in rel or "apple-touch-icon-precomposed" in rel:
            _add(found, LogoVariant(url=url, kind="apple-touch-icon", rel="apple-touch-icon",
                                    evidence=_ev(doc, href)))  # fmt: skip
        elif "icon" in rel or "mask-icon" in rel:
            kind = file_kind(url, link.get("type") or "") or "favicon"
            _add(found, LogoVariant(url=url, kind=kind, rel="icon", evidence=_ev(doc, href)))
    for item in doc.items_of_type("Organization", "Brand", "LocalBusiness", "Corporation"):
        raw = first_text(item.get("logo"))
        if raw:
            url = urljoin(doc.url, raw)
            kind = file_kind(url) or "png"
            _add(found, LogoVariant(url=url, kind=kind, rel="json-ld", evidence=_ev(doc, raw)))
    og = doc.og.get("og:image")
    if og and "logo" in og.lower():
        _add(found, LogoVariant(url=urljoin(doc.url, og), kind="og-image", rel="og:image",
                                evidence=_ev(doc, og)))  # fmt: skip


def _ev(doc: PageDoc, raw: str) -> Evidence:
    return Evidence(url=doc.url, quote=raw)


def logo_variants(docs: Sequence[PageDoc], *, fetched: str | None = None) -> list[LogoVariant]:
    """Every logo file the pages declare, the crawler's fetched logo first, deduplicated."""
    found: dict[str, LogoVariant] = {}
    for doc in docs[:10]:
        if doc.root is not None:
            _page_logos(doc, found)
    ordered = list(found.values())
    if fetched:
        ordered.sort(key=lambda v: v.url != fetched)
    return ordered


def photo_urls(docs: Sequence[PageDoc], *, exclude: set[str], limit: int = 8) -> list[str]:
    """Photos of the site (content images, product images, og:image), logos excluded."""
    urls: list[str] = []
    for doc in docs:
        if doc.root is None:
            continue
        for img in doc.root.xpath("//main//img[@src]|//article//img[@src]"):
            urls.append(urljoin(doc.url, img.get("src").strip()))
        for item in doc.items_of_type("Product", "ImageObject", "Article", "BlogPosting"):
            raw = first_text(item.get("image")) if "image" in item else first_text(item)
            if raw:
                urls.append(urljoin(doc.url, raw))
        if doc.og.get("og:image"):
            urls.append(urljoin(doc.url, doc.og["og:image"]))
    out = []
    for url in dict.fromkeys(urls):
        if url in exclude or file_kind(url) in ("svg", "ico") or "logo" in url.lower():
            continue
        out.append(url)
    return out[:limit]
