"""The regular expressions twitter-text uses to find URLs, rebuilt for Python ``re``.

Character classes and the grammar (preceding char, protocol, domain, port, path
with balanced parentheses, query) follow the twitter-text specification; the
TLD lists come from its conformance data (``data/tlds.json``). JavaScript ``$``
is written ``\\Z`` so a trailing newline is not mistaken for the end.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

PUNCT = r"!'#%&()*+,\\\-./:;<=>?@\[\]^_{|}~$"
SPACES = "\t-\r \x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
INVALID_CHARS = "\ufffe\ufeff\uffff"
DIRECTIONAL_MARKERS = "\u202a-\u202e\u061c\u200e\u200f\u2066-\u2069"
CYRILLIC = "\u0400-\u04ff"
LATIN_ACCENTS = (
    "\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b"
    "\u0263\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)

# A URL may follow any character but these (or start the text).
NOT_BEFORE_URL = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@＠$#＃" + INVALID_CHARS
)

MAX_URL_LENGTH = 4096
MAX_TCO_SLUG_LENGTH = 40
MAX_DOMAIN_LABEL_LENGTH = 63


def _trie_pattern(names: list[str]) -> str:
    """One regex matching any of ``names``, longest first, built as a trie (fast)."""
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for ch in name.lower():
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return emit(trie)


def _tld_alternation(names: list[str]) -> str:
    return "(?:" + _trie_pattern(names) + r"(?=[^0-9a-zA-Z@+\-]|\Z))"


@cache
def tld_lists() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The (country, generic) TLDs twitter-text recognises."""
    path = resources.files(__package__).joinpath("data", "tlds.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return tuple(data["country"]), tuple(data["generic"])


class UrlPatterns:
    """Compiled twitter-text URL expressions."""

    def __init__(self) -> None:
        country, generic = tld_lists()
        gtld = _tld_alternation(list(generic))
        cctld = _tld_alternation(list(country))
        # Cheap pre-checks: no URL spans a space, and none exists without ".tld".
        self.token = re.compile(f"[^{SPACES}]+")
        self.tld_probe = re.compile(
            f"\\.(?:{_trie_pattern([*generic, *country])}|xn--)", re.IGNORECASE
        )
        punycode = r"(?:xn--[\-0-9a-z]+)"
        domain_char = f"[^{PUNCT}{SPACES}{INVALID_CHARS}{DIRECTIONAL_MARKERS}]"
        # Labels start and end with a domain char; written without ambiguity and
        # possessively so a failed match cannot backtrack through every split.
        subdomain = f"(?:{domain_char}(?:[_-]*{domain_char})*+\\.)"
        domain_name = f"(?:{domain_char}(?:-*{domain_char})*+\\.)"
        domain = f"(?:{subdomain}*{domain_name}(?:{gtld}|{cctld}|{punycode}))"
        path_char = f"[a-z{CYRILLIC}0-9!*';:=+,.$/%#\\[\\]\\-\u2013_~@|&{LATIN_ACCENTS}]"
        parens = f"\\((?:{path_char}+|(?:{path_char}*\\({path_char}+\\){path_char}*))\\)"
        path_end = f"[+\\-a-z{CYRILLIC}0-9=_#/{LATIN_ACCENTS}]|(?:{parens})"
        # twitter-text splices ``path_end`` in ungrouped, so its "|" splits the
        # alternative: a path segment may also be a bare balanced "(...)".
        path = f"(?:(?:{path_char}*(?:{parens}{path_char}*)*{path_end})|(?:@{path_char}+/))"
        query_char = r"[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]"
        query_end = r"[a-z0-9\-_&=#/]"
        flags = re.IGNORECASE
        # The URL itself; the character before it is checked by the scanner.
        self.url = re.compile(
            r"(?P<protocol>https?://)?"
            f"(?P<domain>{domain})"
            r"(?::(?P<port>[0-9]+))?"
            f"(?P<path>/{path}*)?"
            f"(?P<query>\\?{query_char}*{query_end})?",
            flags,
        )
        # The same, for a domain of one label and a TLD (see extract._FailedChain).
        self.url_one_label = re.compile(
            f"(?P<protocol>)(?P<domain>{domain_name}(?:{gtld}|{cctld}|{punycode}))"
            r"(?::(?P<port>[0-9]+))?"
            f"(?P<path>/{path}*)?"
            f"(?P<query>\\?{query_char}*{query_end})?",
            flags,
        )
        self.domain_char = re.compile(domain_char)
        self.label_run = re.compile(f"(?:{domain_char}|[-_])*")
        self.ascii_domain = re.compile(
            f"(?:(?:[\\-a-z0-9{LATIN_ACCENTS}]+)\\.)+(?:{gtld}|{cctld}|{punycode})", flags
        )
        self.tco_url = re.compile(
            f"^https?://t\\.co/([a-z0-9]+)(?:\\?{query_char}*{query_end})?", flags
        )
        self.invalid_without_protocol_before = re.compile(r"[-_./]\Z")


@cache
def url_patterns() -> UrlPatterns:
    """The compiled patterns, built once."""
    return UrlPatterns()
