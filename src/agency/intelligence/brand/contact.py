"""Contact details and social profiles: mailto/tel links, JSON-LD, footer text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import unquote, urlsplit

from agency.intelligence.brand.document import PageDoc, first_text
from agency.intelligence.brand.identity import ORG_TYPES
from agency.intelligence.brand.profile import ContactInfo

SOCIAL_HOSTS = {
    "instagram.com": "instagram",
    "facebook.com": "facebook",
    "fb.com": "facebook",
    "twitter.com": "x",
    "x.com": "x",
    "tiktok.com": "tiktok",
    "youtube.com": "youtube",
    "youtu.be": "youtube",
    "linkedin.com": "linkedin",
    "pinterest.com": "pinterest",
    "github.com": "github",
    "threads.net": "threads",
    "bsky.app": "bluesky",
    "discord.gg": "discord",
    "discord.com": "discord",
    "reddit.com": "reddit",
    "vimeo.com": "vimeo",
}
_SHARE_PATHS = ("/sharer", "/share", "/intent/", "/home?status", "/dialog/", "/plugins/")
_CONTENT_PATHS = (
    "/watch",
    "/pulse/",
    "/p/",
    "/status/",
    "/posts/",
    "/video/",
    "/reel/",
    "/blob/",
    "/tree/",
    "/issues",
    "/pull/",
    "/shorts/",
    "/comments/",
)
_EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,24}\b")
_NOT_EMAIL_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".css", ".js")


def _platform(url: str) -> str | None:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    host = host[4:] if host.startswith("www.") else host
    host = host[2:] if host.startswith("m.") else host
    platform = SOCIAL_HOSTS.get(host)
    if platform is None or parts.path.strip("/") == "":
        return None
    if any(marker in url.lower() for marker in _SHARE_PATHS + _CONTENT_PATHS):
        return None
    return platform


def _profile_rank(url: str) -> int:
    parts = urlsplit(url)
    return len([seg for seg in parts.path.split("/") if seg]) + (5 if parts.query else 0)


def social_links(docs: Sequence[PageDoc]) -> dict[str, str]:
    """Platform → profile URL: JSON-LD ``sameAs`` and links, the shortest profile-like URL wins."""
    found: dict[str, str] = {}
    candidates: list[object] = []
    for doc in docs:
        for item in doc.items_of_type(*ORG_TYPES):
            same_as = item.get("sameAs", [])
            candidates.extend(same_as if isinstance(same_as, list) else [same_as])
    for doc in docs:
        if doc.root is not None:
            candidates.extend(
                str(doc.absolute(a.get("href"))) for a in doc.root.xpath("//a[@href]")
            )
    for url in candidates:
        if not isinstance(url, str):
            continue
        platform = _platform(url)
        if platform and (
            platform not in found or _profile_rank(url) < _profile_rank(found[platform])
        ):
            found[platform] = url
    return found


def _clean_email(value: str) -> str | None:
    email = unquote(value.split("?", 1)[0]).strip().lower()
    if not _EMAIL.fullmatch(email) or email.endswith(_NOT_EMAIL_SUFFIXES):
        return None
    return email


def contact_info(docs: Sequence[PageDoc], texts: Sequence[str]) -> ContactInfo:
    """Emails, phone numbers and a postal address found on the site."""
    emails: list[str] = []
    phones: list[str] = []
    address: str | None = None
    for doc in docs:
        for item in doc.items_of_type(*ORG_TYPES):
            if email := _clean_email(str(first_text(item.get("email")) or "")):
                emails.append(email)
            if phone := first_text(item.get("telephone")):
                phones.append(phone)
            addr = item.get("address")
            if address is None and isinstance(addr, dict):
                keys = (
                    "streetAddress",
                    "addressLocality",
                    "addressRegion",
                    "postalCode",
                    "addressCountry",
                )
                address = ", ".join(str(addr[k]) for k in keys if addr.get(k)) or None
            elif address is None and isinstance(addr, str):
                address = addr
        if doc.root is None:
            continue
        for href in doc.root.xpath("//a/@href"):
            href = str(href).strip()
            if href.lower().startswith("mailto:") and (email := _clean_email(href[7:])):
                emails.append(email)
            elif href.lower().startswith("tel:"):
                phones.append(unquote(href[4:]).strip())
        if address is None:
            blocks = [b for b in doc.text_of("//address") if b]
            address = blocks[0] if blocks else None
    for text in texts:
        emails.extend(e for m in _EMAIL.findall(text) if (e := _clean_email(m)))
    unique_phones: dict[str, str] = {}
    for phone in phones:
        digits = re.sub(r"\D", "", phone)
        if len(digits) >= 6:
            unique_phones.setdefault(digits[-10:], phone)
    return ContactInfo(
        emails=list(dict.fromkeys(emails))[:10],
        phones=list(unique_phones.values())[:10],
        address=address,
    )
