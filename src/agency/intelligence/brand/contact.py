"""Contact details and social profiles: mailto/tel links, JSON-LD, footer text."""

from __future__ import annotations

import re
from collections import Counter
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


def profile_link(url: str) -> tuple[str, str] | None:
    """(platform, profile URL) for a link to a social profile or to content on one.

    Share buttons give None; a link to a post, video or file is cut back to the
    account it belongs to (``github.com/owner/repo/blob/...`` → ``github.com/owner/repo``).
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    platform = SOCIAL_HOSTS.get(host)
    lowered = url.lower()
    if platform is None or any(marker in lowered for marker in _SHARE_PATHS):
        return None
    path = parts.path
    for marker in _CONTENT_PATHS:
        position = path.lower().find(marker)
        if position >= 0:
            path = path[:position]
    segments = [seg for seg in path.split("/") if seg]
    if platform == "github":
        segments = segments[:2]
    if not segments:
        return None
    return platform, f"https://{parts.hostname}/{'/'.join(segments)}"


def social_links(docs: Sequence[PageDoc]) -> dict[str, str]:
    """Platform → profile URL: JSON-LD ``sameAs`` first, then links page by page (home
    first); within one source the most linked profile wins, then the shortest."""
    same_as: list[object] = []
    for doc in docs:
        for item in doc.items_of_type(*ORG_TYPES):
            value = item.get("sameAs", [])
            same_as.extend(value if isinstance(value, list) else [value])
    sources: list[list[object]] = [same_as]
    for doc in docs:
        if doc.root is not None:
            sources.append([doc.absolute(a.get("href")) for a in doc.root.xpath("//a[@href]")])
    found: dict[str, str] = {}
    for candidates in sources:
        counts: dict[str, Counter[str]] = {}
        for url in candidates:
            link = profile_link(url) if isinstance(url, str) else None
            if link is not None and link[0] not in found:
                counts.setdefault(link[0], Counter())[link[1]] += 1
        for platform, urls in counts.items():
            found[platform] = min(urls, key=lambda u: (-urls[u], u.count("/"), len(u)))
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
