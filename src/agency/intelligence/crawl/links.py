"""URL normalization, same-site tests and crawl priority."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|mc_|_ga$|ref$)", re.IGNORECASE)
_PRIORITY_WORDS = (
    ("about", 0),
    ("story", 0),
    ("product", 1),
    ("shop", 1),
    ("store", 1),
    ("menu", 1),
    ("pricing", 1),
    ("service", 1),
    ("collection", 1),
    ("contact", 2),
    ("faq", 3),
    ("team", 3),
)
_SKIP_EXTENSIONS = {
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".webp",
    ".svg",
    ".ico",
    ".pdf",
    ".zip",
    ".gz",
    ".mp4",
    ".mov",
    ".webm",
    ".mp3",
    ".wav",
    ".css",
    ".js",
    ".json",
    ".xml",
    ".woff",
    ".woff2",
    ".ttf",
    ".eot",
    ".dmg",
    ".exe",
    ".tar",
    ".avif",
}


def normalize_url(url: str) -> str:
    """A canonical form for deduplication: lower-case host, no fragment or default port,
    resolved dot segments, sorted query without tracking parameters."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    netloc = (
        host
        if port is None or (scheme, port) in (("http", 80), ("https", 443))
        else (f"{host}:{port}")
    )
    path = parts.path or "/"
    had_slash = path.endswith("/")
    path = posixpath.normpath(unquote(path))
    if path in (".", "//"):
        path = "/"
    if had_slash and not path.endswith("/"):
        path += "/"
    path = quote(path, safe="/%:@!$&'()*+,;=~-._")
    query = urlencode(
        sorted(
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING.match(k)
        )
    )
    return urlunsplit((scheme, netloc, path, query, ""))


def site_key(url: str) -> str:
    """The host a crawl stays on, without a leading ``www.``."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def same_site(url: str, root: str) -> bool:
    """True when ``url`` is on the crawled site (``www.`` and bare host count as one)."""
    return urlsplit(url).scheme in ("http", "https") and site_key(url) == site_key(root)


def looks_like_page(url: str) -> bool:
    """False for URLs whose extension says they are not HTML pages."""
    path = urlsplit(url).path.lower()
    ext = posixpath.splitext(path)[1]
    return ext not in _SKIP_EXTENSIONS


def priority(url: str) -> int:
    """Lower is crawled sooner: about, product/shop, contact pages first, then by depth."""
    path = urlsplit(url).path.lower()
    for word, rank in _PRIORITY_WORDS:
        if word in path:
            return rank
    depth = len([seg for seg in path.split("/") if seg])
    return 4 + depth
