"""Edge cases checked against the JavaScript reference (twitter-text 3.1.0 on npm).

Expected values were produced by ``parseTweet`` / ``extractUrlsWithIndices`` of
twitter-text 3.1.0 (default config v3). A differential run of ~55,000 generated
strings against it found no difference; these are the cases that once did.
"""

from __future__ import annotations

import time

import pytest

from agency.distribution.platforms.twitter_text import extract_urls, parse_tweet

REFERENCE = [
    ("x t.co/:(tv\u0301)", 31, ["t.co/"]),
    ("x t.co/(tv)", 25, ["t.co/(tv)"]),
    ("\U0001f3f4@\U0001f3f4-故t.co/abc", 31, ["t.co/abc"]),
    ("  \u0301example.com®", 26, ["\u0301example.com"]),
    ("a-http://x.com", 25, ["http://x.com"]),
    ("中文twitter.com", 27, ["twitter.com"]),
    ("a_b.com", 7, []),
    ("http://a_b.com", 14, []),
    ("© ©️ ♒️ 1⃣", 10, []),
    ("\U0001f9d1\u200d\U0001f384 \U0001f1e8\U0001f1f6", 10, []),
    ("x.com.jp/a_b-c", 23, ["x.com.jp/a_b-c"]),
    ("b_a.com.b_a.com", 15, []),
    ("https://t.co/" + "a" * 41, 54, []),
    ("www.example.co.uk/path?q=1&r=2#frag", 23, ["www.example.co.uk/path?q=1&r=2#frag"]),
    ("example.com. Next", 29, ["example.com"]),
    ("E-mail me: a@example.com", 24, []),
    ("see http://example.com/foo_(bar)_baz.", 28, ["http://example.com/foo_(bar)_baz"]),
]


@pytest.mark.parametrize(("text", "weighted", "urls"), REFERENCE)
def test_matches_the_javascript_reference(text: str, weighted: int, urls: list[str]) -> None:
    assert parse_tweet(text).weighted_length == weighted
    assert [url.value for url in extract_urls(text)] == urls


@pytest.mark.parametrize(
    "text",
    [
        "a.b_" * 20000 + ".com",
        "a-" * 20000 + ".com",
        "故" * 40000 + ".故",
        "b_a.com." * 10000,
        "x.com/" + ":(a)" * 20000,
    ],
)
def test_scanning_stays_linear_on_hostile_input(text: str) -> None:
    started = time.perf_counter()
    parse_tweet(text)
    assert time.perf_counter() - started < 2.0
