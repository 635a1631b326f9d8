"""URLs as twitter-text finds them.

The scan follows twitter-text's JavaScript ``extractUrlsWithIndices`` on the
UTF-16 view of the text: candidate starts in the engine's order, the
protocol-less rules (ASCII domain only, not after ``-_./``), t.co slugs, and
the 63-character punycode label and 4096-character URL limits. It runs in
linear time: a start that fails rules out the starts that must fail the same
way (inside the same label), which a regex engine would retry one by one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from agency.distribution.platforms.twitter_text.spans import (
    Entity,
    Utf16View,
    from_units,
)
from agency.distribution.platforms.twitter_text.url_patterns import (
    MAX_DOMAIN_LABEL_LENGTH,
    MAX_TCO_SLUG_LENGTH,
    MAX_URL_LENGTH,
    NOT_BEFORE_URL,
    url_patterns,
)

DEFAULT_PROTOCOL = "https://"
_PROTOCOL = re.compile(r"https?://", re.IGNORECASE)


def _label_length(label: str) -> int:
    text = from_units(label)
    if text.isascii():
        return len(text)
    try:
        return len("xn--" + text.encode("punycode").decode("ascii"))
    except UnicodeError:
        return 0


def _domain_is_valid(domain: str) -> bool:
    """Every DNS label is 1..63 characters once punycode-encoded (RFC 3490)."""
    if domain.startswith("xn--") and not url_patterns().ascii_domain.search(domain):
        return False
    return all(1 <= _label_length(label) <= MAX_DOMAIN_LABEL_LENGTH for label in domain.split("."))


@dataclass
class _FailedChain:
    """Starts known to fail after the URL regex failed at ``start``.

    If the regex fails at a label's start, it fails at every later start in that
    label up to its last ``_``, and (when the label ends in a domain character and
    a dot) at the next label's start too: a success there would extend to one
    here. Starts after a label's last ``_`` can only succeed with a one-label
    domain, which is cheap to test. So one failure rules out the whole chain of
    labels and the scan stays linear.
    """

    end: int
    tails: list[tuple[int, int]]
    _index: dict[int, tuple[int, int]] | None = None

    @classmethod
    def walk(cls, token: str, start: int) -> _FailedChain:
        patterns = url_patterns()
        tails: list[tuple[int, int]] = []
        position = start
        while patterns.domain_char.match(token, position):
            run = patterns.label_run.match(token, position)
            run_end = run.end() if run else position + 1
            underscore = token.rfind("_", position, run_end)
            if underscore >= 0:
                tails.append((underscore + 1, run_end))
            if token[run_end - 1] in "-_" or token[run_end : run_end + 1] != ".":
                return cls(max(run_end, start + 1), tails)
            position = run_end + 1
        return cls(max(position, start + 1), tails)

    def tail_of(self, start: int) -> tuple[int, int] | None:
        """The label tail holding ``start``, if any (it may still succeed)."""
        if self._index is None:
            self._index = {at: tail for tail in self.tails for at in range(*tail)}
        return self._index.get(start)


def _starts(token: str, at_text_start: bool) -> Iterator[int]:
    """Candidate URL starts in the order the JavaScript regex tries them."""
    if at_text_start:
        if len(token) > 1 and token[0] not in NOT_BEFORE_URL:
            yield 1
        yield 0
        first = 2
    else:
        yield 0  # after a space
        first = 1
    for start in range(first, len(token)):
        if token[start - 1] not in NOT_BEFORE_URL:
            yield start


def _matches(token: str, at_text_start: bool) -> Iterator[tuple[re.Match[str], str]]:
    """Regex matches in one space-free token, with the character before each."""
    patterns = url_patterns()
    resume = 0  # no match may start before the end of the last one (+1 for its "before")
    chain = _FailedChain(end=0, tails=[])
    failed_tails: set[tuple[int, int]] = set()
    for start in _starts(token, at_text_start):
        if start < resume:
            continue
        match: re.Match[str] | None
        known = start < chain.end and not (at_text_start and start == 0)
        if known and not _PROTOCOL.match(token, start):
            tail = chain.tail_of(start)
            if tail is None or tail in failed_tails:
                continue
            match = patterns.url_one_label.match(token, start)
            if match is None and patterns.domain_char.match(token, start):
                failed_tails.add(tail)
        else:
            match = patterns.url.match(token, start)
            if match is None and start >= chain.end:
                chain, failed_tails = _FailedChain.walk(token, start), set()
        if match is None:
            continue
        yield match, token[start - 1] if start > 0 else ""
        resume = match.end() + 1


def _token_urls(token: str, at_text_start: bool, without_protocol: bool) -> list[Entity]:
    """URLs in one token as (unit string, unit start, unit end) entities."""
    patterns = url_patterns()
    urls: list[Entity] = []
    for match, before in _matches(token, at_text_start):
        url, protocol, domain = match.group(0), match.group("protocol"), match.group("domain")
        start, end = match.start(), match.end()
        if not _domain_is_valid(domain) or len(protocol or DEFAULT_PROTOCOL) + len(url) > (
            MAX_URL_LENGTH
        ):
            continue
        if protocol:
            tco = patterns.tco_url.match(url)
            if tco:
                if len(tco.group(1)) > MAX_TCO_SLUG_LENGTH:
                    continue
                url, end = tco.group(0), start + len(tco.group(0))
            urls.append(Entity(url, start, end))
            continue
        if not without_protocol or patterns.invalid_without_protocol_before.search(before):
            continue
        last: Entity | None = None
        for ascii_match in patterns.ascii_domain.finditer(domain):
            last = Entity(
                ascii_match.group(0), start + ascii_match.start(), start + ascii_match.end()
            )
            urls.append(last)
        if last is not None and match.group("path"):
            # The last ASCII domain grows over the path and query.
            urls[-1] = Entity(url.replace(domain, last.value, 1), last.start, end)
    return urls


def url_spans(units: str, *, without_protocol: bool = True) -> list[Entity]:
    """URLs in a UTF-16 unit string: values and indices in units."""
    if not units or ("." not in units if without_protocol else ":" not in units):
        return []
    patterns = url_patterns()
    found: list[Entity] = []
    for token in patterns.token.finditer(units):
        if not patterns.tld_probe.search(token.group(0)):
            continue
        offset = token.start()
        for url in _token_urls(token.group(0), offset == 0, without_protocol):
            found.append(Entity(url.value, url.start + offset, url.end + offset))
    return found


def extract_urls(text: str, *, without_protocol: bool = True) -> list[Entity]:
    """Every URL in ``text`` that twitter-text would link (indices in code points)."""
    view = Utf16View.of(text)
    return [
        Entity(from_units(url.value), view.owner[url.start], view.owner[url.end])
        for url in url_spans(view.units, without_protocol=without_protocol)
    ]
