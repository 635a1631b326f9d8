"""robots.txt: Google's conformance cases (robotstxt-spec-test) and crawler-commons files."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from agency.intelligence.crawl.robots import parse_robots, product_token, robots_for_status
from shared_data import TESTDATA  # type: ignore[import-not-found]

ROBOTS_DATA = TESTDATA / "robots"
CTC = ROBOTS_DATA / "robotstxt-spec-test" / "src" / "main" / "resources" / "CTC"
COMMONS = ROBOTS_DATA / "crawler-commons" / "src" / "test" / "resources" / "robots"
_TOKEN = re.compile(r'\s+|#[^\n]*|"((?:[^"\\]|\\.)*)"|([A-Za-z_][A-Za-z0-9_]*)|([\[\]{}:,])', re.S)

Case = tuple[str, str, str, bool]


def _unescape(raw: str) -> str:
    decoded: bytes = codecs.escape_decode(raw.encode("utf-8"))[0]  # type: ignore[attr-defined]
    return decoded.decode("utf-8", errors="surrogateescape")


def load_textproto_cases(path: Path) -> list[Case]:
    """(robots.txt, url, user agent, allowed) from a RobotsTxtSpecification textproto."""
    text = path.read_text(encoding="utf-8")
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        assert match, f"cannot tokenize {path.name} at {pos}"
        pos = match.end()
        if match.group(1) is not None:
            value = _unescape(match.group(1))
            if tokens and tokens[-1][0] == "str":  # adjacent literals concatenate
                tokens[-1] = ("str", tokens[-1][1] + value)
            else:
                tokens.append(("str", value))
        elif match.group(2):
            tokens.append(("id", match.group(2)))
        elif match.group(3):
            tokens.append(("punct", match.group(3)))
    cases: list[Case] = []
    robots = ""
    expectation: dict[str, str] = {}
    for i, (kind, value) in enumerate(tokens[:-2]):
        if kind != "id" or tokens[i + 1] != ("punct", ":"):
            continue
        field_value = tokens[i + 2][1]
        if value == "robotstxt":
            robots = field_value
        elif value in ("testurl", "useragent", "expected_outcome"):
            expectation[value] = field_value
            if len(expectation) == 3:
                allowed = expectation["expected_outcome"] == "ALLOWED"
                cases.append((robots, expectation["testurl"], expectation["useragent"], allowed))
                expectation = {}
    return cases


def _all_cases() -> list[tuple[str, Case]]:
    return [
        (f"{path.parent.name}/{path.name}", case)
        for path in sorted(CTC.glob("*/*.textproto"))
        for case in load_textproto_cases(path)
    ]


def test_textproto_loader_reads_every_file() -> None:
    files = sorted(CTC.glob("*/*.textproto"))
    assert len(files) >= 40
    assert all(load_textproto_cases(path) for path in files)


def test_google_conformance_pass_rate() -> None:
    cases = _all_cases()
    failures = [
        (name, url, agent)
        for name, (robots, url, agent, allowed) in cases
        if parse_robots(robots, user_agent=agent).allowed(url) != allowed
    ]
    rate = 1 - len(failures) / len(cases)
    print(f"robots conformance: {len(cases) - len(failures)}/{len(cases)} = {rate:.1%}")
    assert len(cases) == 400
    assert rate >= 0.97, failures


@pytest.mark.parametrize(
    "name",
    [
        "groups.textproto",
        "most-specific-match.textproto",
        "matching-path-values-1.textproto",
        "matching-path-values-2.textproto",
        "order-of-precedence.textproto",
        "special-characters.textproto",
        "BOM-characters.textproto",
        "directives-case-insensitivity.textproto",
        "global-rules.textproto",
    ],
)
def test_core_rule_files_pass_completely(name: str) -> None:
    for robots, url, agent, allowed in load_textproto_cases(CTC / "correctness" / name):
        assert parse_robots(robots, user_agent=agent).allowed(url) == allowed, (robots, url, agent)


def test_longest_match_and_wildcards() -> None:
    rules = parse_robots(
        "User-agent: *\nDisallow: /shop/\nAllow: /shop/public\nDisallow: /*.pdf$\n",
        user_agent="V3AgencyBot/0.1 (+https://example.com)",
    )
    assert not rules.allowed("https://x.test/shop/cart")
    assert rules.allowed("https://x.test/shop/public/item")
    assert not rules.allowed("https://x.test/files/menu.pdf")
    assert rules.allowed("https://x.test/files/menu.pdf?download=1")


def test_specific_group_wins_over_star_and_crawl_delay() -> None:
    text = (
        "User-agent: *\nDisallow: /\n\nUser-agent: V3AgencyBot\nAllow: /\nCrawl-delay: 3\n"
        "Sitemap: https://x.test/sitemap.xml\n"
    )
    rules = parse_robots(text, user_agent="V3AgencyBot/0.1 (+https://example.com)")
    assert rules.allowed("https://x.test/about")
    assert rules.crawl_delay() == 3.0
    assert rules.sitemaps == ["https://x.test/sitemap.xml"]
    other = parse_robots(text, user_agent="OtherBot")
    assert not other.allowed("https://x.test/about")


@pytest.mark.parametrize(
    ("agent", "path", "allowed"),
    [
        ("foobot", "/", False),
        ("foobot", "/example/page.html", True),
        ("foobot", "/example/allowed.gif", True),
        ("foobot", "/other.html", False),
        ("barbot", "/example/page.html", False),
        ("bazbot", "/example/page.html", False),
        ("barbot", "/example/other.html", True),
        ("quxbot", "/example/page.html", True),
        ("otherbot", "/example/page.html", False),
        ("otherbot", "/pics/cat.gif", False),
        ("otherbot", "/publications/paper", True),
    ],
)
def test_rfc9309_simple_example(agent: str, path: str, allowed: bool) -> None:
    text = (COMMONS / "rfc9309-example-simple-robots.txt").read_text()
    assert parse_robots(text, user_agent=agent).allowed("https://example.com" + path) is allowed


def test_rfc9309_longest_match_example() -> None:
    text = (COMMONS / "rfc9309-example-longest-match-robots.txt").read_text()
    rules = parse_robots(text, user_agent="foobot")
    assert rules.allowed("https://example.com/example/page/")
    assert not rules.allowed("https://example.com/example/page/disallowed.gif")


def test_byte_order_marks_are_ignored() -> None:
    raw = (COMMONS / "robots-with-utf8-bom.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8")
    rules = parse_robots(text, user_agent="anybot")
    first_disallow = next(
        line.split(":", 1)[1].strip()
        for line in text.splitlines()
        if line.lower().startswith("disallow:") and line.split(":", 1)[1].strip()
    )
    assert not rules.allowed("https://example.com" + first_disallow.replace("*", "x"))


def test_unreadable_robots_status_rules() -> None:
    assert robots_for_status(404, user_agent="bot").allowed("https://x.test/")
    assert not robots_for_status(503, user_agent="bot").allowed("https://x.test/")


def test_product_token() -> None:
    assert product_token("V3AgencyBot/0.1 (+https://github.com/v3)") == "V3AgencyBot"
