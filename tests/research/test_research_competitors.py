"""Competitor extraction on the fixture sites: positioning, claims, prices, tone, themes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from agency.config import Settings
from agency.intelligence.research import analyse_site, build_market_report
from agency.intelligence.research.claims import find_claims
from agency.intelligence.research.prices import size_ounces
from agency.intelligence.research.sources import Passage, sentences_of


@pytest.fixture
def sites(
    sqlite_settings: Settings,
    brand_site: str,
    competitor_sites: dict[str, str],
    crawl_profile: Callable[..., Any],
) -> dict[str, Any]:
    urls = {"brand": brand_site, **competitor_sites}
    return {name: analyse_site(*crawl_profile(url, sqlite_settings)) for name, url in urls.items()}


def test_value_roaster_profile(sites: dict[str, Any]) -> None:
    value = sites["valuebrew"].profile
    assert value.name == "Big Lake Value Coffee"
    assert value.positioning[0].citations[0].quote == "Great coffee. Unbeatable prices."
    prices = {p.label: p for p in value.prices}
    assert prices["Classic Roast"].amount == 7.99
    assert prices["Classic Roast"].per_oz == pytest.approx(7.99 / 24, abs=0.001)
    assert prices["Breakfast Blend Pods"].amount == 19.99
    claims = " ".join(c.text for c in value.claims)
    assert "Rainforest Alliance Certified" in claims and "lowest price per cup" in claims
    assert "exclamatory" in value.tone[0].text and "conversational" in value.tone[0].text
    assert value.themes["value"] >= 5 and "sustainability" not in value.themes


def test_premium_club_profile(sites: dict[str, Any]) -> None:
    club = sites["summitreserve"].profile
    prices = {p.label: p for p in club.prices}
    assert prices["Reserve Membership"].size == "two 8 oz"
    assert prices["Reserve Membership"].per_oz == pytest.approx(49 / 16, abs=0.001)
    assert "$49" in prices["Reserve Membership"].citation.quote
    assert any(c.citations[0].quote.startswith("Only 1% of the world") for c in club.claims)
    assert "formal" in club.tone[0].text
    assert club.themes["premium"] > club.themes.get("value", 0)


def test_market_report_finds_price_tiers_and_white_space(sites: dict[str, Any]) -> None:
    market = build_market_report(sites["brand"], [sites["valuebrew"], sites["summitreserve"]])
    tier = next(s for s in market.comparison if s.text.startswith("By median price per ounce"))
    assert "Northbound Coffee Roasters is mid-priced" in tier.text
    white = " ".join(s.text for s in market.white_space)
    assert "sourcing relationships" in white and "brewing education" in white
    assert "low prices" not in white  # the value roaster owns that theme
    assert any("Contested: low prices" in s.text for s in market.comparison)
    topics = {s.topic for s in market.white_space}
    assert "brewing education (guides, ratios, recipes)" in topics
    for statement in [*market.comparison, *market.white_space]:
        assert statement.citations and all(c.url for c in statement.citations)


def test_size_parsing() -> None:
    assert size_ounces("$17.00 · 12 oz (340 g) whole bean") == ("12 oz", 12.0)
    assert size_ounces("two 8 oz bags") == ("two 8 oz", 16.0)
    assert size_ounces("a 5 lb bag")[1] == pytest.approx(80.0)
    assert size_ounces("we paid $3.85 per pound of green coffee") is None


def test_claims_need_markers_and_cite_their_sentence() -> None:
    passage = Passage(
        url="https://rival.example/",
        text="We are the only roaster with certified Q Graders. Coffee is a drink people like. "
        "Every bag ships within 24 hours.",
    )
    claims = find_claims(sentences_of([passage]))
    assert [c.citations[0].quote for c in claims] == [
        "We are the only roaster with certified Q Graders.",
        "Every bag ships within 24 hours.",
    ]
    assert "(exclusivity, certification)" in claims[0].text and "(number)" in claims[1].text
