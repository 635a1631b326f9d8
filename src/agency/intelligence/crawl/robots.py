"""robots.txt rules (RFC 9309) on top of ``protego``.

protego does longest-match, ``*``/``$`` wildcards and group merging; this module adds
the normalizations Google's reference parser applies (a byte-order mark, possibly
partial, is dropped; a user-agent line counts only up to its first blank) and a
product-token matcher for the crawler's user agent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from protego import Protego

_BOM_PREFIXES = ("\ufeff", "\udcef\udcbb\udcbf", "\udcef\udcbb", "\udcef", "\xef\xbb\xbf")
_UA_LINE = re.compile(r"^(\s*user-?agent\s*:\s*)(\S+)[^\r\n#]*", re.IGNORECASE | re.MULTILINE)


def product_token(user_agent: str) -> str:
    """The product token of a user agent string: 'V3AgencyBot/0.1 (+url)' gives 'V3AgencyBot'."""
    match = re.match(r"[A-Za-z0-9_-]+", user_agent.strip())
    return match.group(0) if match else "*"


def _normalize(text: str) -> str:
    for bom in _BOM_PREFIXES:
        if text.startswith(bom):
            text = text[len(bom) :]
            break
    return _UA_LINE.sub(lambda m: m.group(1) + m.group(2), text)


@dataclass
class RobotsRules:
    """Parsed robots.txt for one site and one crawler."""

    user_agent: str
    parser: Protego | None = None
    status: str = "parsed"
    sitemaps: list[str] = field(default_factory=list)

    def allowed(self, url: str) -> bool:
        """True when the crawler may fetch ``url``."""
        if self.status == "disallow-all":
            return False
        if self.parser is None:
            return True
        return bool(self.parser.can_fetch(url, product_token(self.user_agent)))

    def crawl_delay(self) -> float | None:
        """The Crawl-delay for this crawler, if the site sets one."""
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(product_token(self.user_agent))
        return float(delay) if delay is not None else None


def parse_robots(text: str, *, user_agent: str) -> RobotsRules:
    """Rules from the text of a robots.txt."""
    parser = Protego.parse(_normalize(text))
    return RobotsRules(user_agent=user_agent, parser=parser, sitemaps=list(parser.sitemaps))


def robots_for_status(status_code: int, *, user_agent: str) -> RobotsRules:
    """Rules when robots.txt could not be read: 4xx means allow all, 5xx means disallow all."""
    if 400 <= status_code < 500:
        return RobotsRules(user_agent=user_agent, status="allow-all")
    return RobotsRules(user_agent=user_agent, status="disallow-all")
