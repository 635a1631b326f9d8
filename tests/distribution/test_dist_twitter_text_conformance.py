"""twitter-text conformance: every weighted-length case with its section's config.

Sections and configs as twitter-text's own rb/test/conformance_test.rb runs them:
WeightedTweetsCounterTest → v2, WeightedTweetsWithDiscountedEmojiCounterTest → v3,
UnicodeDirectionalMarkerCounterTest → the default config (v3). URL, hashtag,
mention and TLD extraction cases are checked too.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from agency.distribution.platforms.twitter_text import (
    extract_hashtags,
    extract_mentions,
    extract_urls,
    parse_tweet,
)
from shared_data import TESTDATA  # type: ignore[import-not-found]

DATA = TESTDATA / "twitter-text"

SECTIONS = {
    "WeightedTweetsCounterTest": "v2",
    "WeightedTweetsWithDiscountedEmojiCounterTest": "v3",
    "UnicodeDirectionalMarkerCounterTest": "v3",
}


def _load(name: str) -> dict[str, list[dict[str, Any]]]:
    path = DATA / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    return yaml.safe_load(path.read_text(encoding="utf-8"))["tests"]


def _weighted_cases() -> list[Any]:
    path = DATA / "conformance_validate.yml"
    if not path.exists():
        return []
    tests = yaml.safe_load(path.read_text(encoding="utf-8"))["tests"]
    return [
        pytest.param(section, config, case, id=f"{section}-{index}")
        for section, config in SECTIONS.items()
        for index, case in enumerate(tests[section])
    ]


WEIGHTED = _weighted_cases()


def test_every_weighted_section_is_present() -> None:
    assert len(WEIGHTED) == 44  # 20 (v2) + 22 (v3) + 2 (directional markers)


@pytest.mark.parametrize(("section", "config", "case"), WEIGHTED)
def test_weighted_length_conformance(section: str, config: str, case: dict[str, Any]) -> None:
    result = parse_tweet(case["text"], config).as_conformance()  # type: ignore[arg-type]
    expected = case["expected"]
    assert {key: result[key] for key in expected} == expected, case["description"]


def _url_value(item: Any) -> Any:
    return item["url"] if isinstance(item, dict) else item


@pytest.mark.parametrize(
    "section", ["urls", "urls_with_directional_markers", "tco_urls_with_params"]
)
def test_url_extraction_conformance(section: str) -> None:
    failures = []
    for case in _load("conformance_extract.yml")[section]:
        got = [url.value for url in extract_urls(case["text"])]
        if got != [_url_value(item) for item in case["expected"]]:
            failures.append((case["description"], got))
    assert failures == []


def test_url_indices_match_conformance() -> None:
    for case in _load("conformance_extract.yml")["urls_with_indices"]:
        got = [[url.start, url.end] for url in extract_urls(case["text"])]
        assert got == [item["indices"] for item in case["expected"]], case["description"]


@pytest.mark.parametrize("section", ["country", "generic"])
def test_every_tld_is_recognised(section: str) -> None:
    cases = _load("conformance_tlds.yml")[section]
    misses = [
        c["text"] for c in cases if [u.value for u in extract_urls(c["text"])] != c["expected"]
    ]
    assert misses == []


@pytest.mark.parametrize("section", ["hashtags", "hashtags_from_astral"])
def test_hashtag_extraction_conformance(section: str) -> None:
    for case in _load("conformance_extract.yml")[section]:
        got = [tag.value for tag in extract_hashtags(case["text"])]
        assert got == case["expected"], case["description"]


def test_mention_extraction_conformance() -> None:
    for case in _load("conformance_extract.yml")["mentions"]:
        got = [mention.value for mention in extract_mentions(case["text"])]
        assert got == case["expected"], case["description"]
