"""URL and emoji entities as twitter-text finds them (indices in code points)."""

from __future__ import annotations

from dataclasses import dataclass

import emoji

from agency.distribution.platforms.twitter_text.url_patterns import (
    MAX_DOMAIN_LABEL_LENGTH,
    MAX_TCO_SLUG_LENGTH,
    MAX_URL_LENGTH,
    url_patterns,
)

DEFAULT_PROTOCOL = "https://"


@dataclass(frozen=True)
class Entity:
    """A span of text: ``text[start:end]`` is ``value``."""

    value: str
    start: int
    end: int


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, as JavaScript counts it."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _label_length(label: str) -> int:
    if label.isascii():
        return len(label)
    try:
        return len("xn--" + label.encode("punycode").decode("ascii"))
    except UnicodeError:
        return 0


def _domain_is_valid(domain: str) -> bool:
    """Every DNS label is 1..63 characters once punycode-encoded (RFC 3490)."""
    patterns = url_patterns()
    if domain.lower().startswith("xn--") and not patterns.ascii_domain.search(domain):
        return False
    return all(1 <= _label_length(label) <= MAX_DOMAIN_LABEL_LENGTH for label in domain.split("."))


def _url_is_valid(url: str, protocol: str, domain: str) -> bool:
    return _domain_is_valid(domain) and len(protocol) + utf16_len(url) <= MAX_URL_LENGTH


def extract_urls(text: str, *, without_protocol: bool = True) -> list[Entity]:
    """Every URL in ``text`` that twitter-text would link (and count as 23)."""
    if (
        not text
        or (without_protocol and "." not in text)
        or (not without_protocol and ":" not in text)
    ):
        return []
    patterns = url_patterns()
    urls: list[Entity] = []
    for match in patterns.extract_url.finditer(text):
        url, protocol, domain = match.group("url"), match.group("protocol"), match.group("domain")
        path = match.group("path")
        start, end = match.start("url"), match.end("url")
        if not _url_is_valid(url, protocol or DEFAULT_PROTOCOL, domain):
            continue
        if protocol:
            tco = patterns.tco_url.match(url)
            if tco:
                if len(tco.group(1)) > MAX_TCO_SLUG_LENGTH:
                    continue
                url = tco.group(0)
                end = start + len(url)
            urls.append(Entity(url, start, end))
            continue
        if not without_protocol or patterns.invalid_without_protocol_before.search(
            match.group("before")
        ):
            continue
        last: Entity | None = None
        for ascii_match in patterns.ascii_domain.finditer(domain):
            ascii_domain = ascii_match.group(0)
            last = Entity(ascii_domain, start + ascii_match.start(), start + ascii_match.end())
            urls.append(last)
        if last is not None and path:
            # With a path the last ASCII domain was kept; extend it over path and query.
            urls[-1] = Entity(url.replace(domain, last.value, 1), last.start, end)
    return urls


def extract_emojis(text: str) -> list[Entity]:
    """Every emoji (including ZWJ, keycap, flag and modifier sequences) in ``text``."""
    return [
        Entity(str(item["emoji"]), int(item["match_start"]), int(item["match_end"]))
        for item in emoji.emoji_list(text)
    ]
