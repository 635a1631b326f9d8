"""Brand onboarding on the bundled sample site: the issue's done-when criteria."""

from __future__ import annotations

import json
import re

import pytest

from agency.config import Settings
from agency.intelligence.brand import BrandProfile, build_brand_profile
from agency.intelligence.crawl import CrawlResult, crawl_brand_site
from agency.samples import SAMPLE_SITE_DIR

CSS_VARS = dict(
    re.findall(
        r"(--color-[a-z]+):\s*(#[0-9a-f]{6})", (SAMPLE_SITE_DIR / "css/style.css").read_text()
    )
)


@pytest.fixture(scope="module")
def crawl(sample_site: str, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("data"),
        url_allowlist="127.0.0.1",
        crawl_delay_s=0.0,
        _env_file=None,  # type: ignore[call-arg]
    )
    progress: list[tuple[str, float]] = []
    result = crawl_brand_site(
        sample_site, settings=settings, on_progress=lambda m, f: progress.append((m, f))
    )
    assert progress[0][1] == 0.0 and progress[-1][1] == 1.0
    assert [f for _, f in progress] == sorted(f for _, f in progress)
    return result


@pytest.fixture(scope="module")
def profile(crawl: CrawlResult) -> BrandProfile:
    return build_brand_profile(crawl)


def test_crawl_visits_every_public_page_and_respects_robots(crawl: CrawlResult) -> None:
    paths = {p.url.split("/", 3)[3] for p in crawl.pages}
    assert crawl.engine == "builtin"
    assert {"", "about/", "shop/", "faq/", "contact/", "brewing/", "sourcing/"} <= paths
    assert sum(1 for p in paths if p.startswith("products/")) == 5
    assert not any(p.startswith("cart/") for p in paths)
    assert any(s.reason == "robots" and "/cart/" in s.url for s in crawl.skipped)
    assert crawl.sitemap_urls == 14
    assert crawl.stylesheets[0].url.endswith("/css/style.css")
    assert crawl.logo is not None and crawl.logo.data.startswith(b"\x89PNG")


def test_crawl_result_round_trips_through_json(crawl: CrawlResult) -> None:
    again = CrawlResult.model_validate_json(crawl.model_dump_json())
    assert again == crawl
    assert again.logo is not None and again.logo.data == crawl.logo.data  # type: ignore[union-attr]


def test_profile_identity(profile: BrandProfile, sample_site: str) -> None:
    assert profile.name == "Northbound Coffee Roasters"
    assert profile.tagline == "Small-batch coffee, roasted for the long road."
    assert "Duluth" in profile.description
    assert profile.logo == f"{sample_site}/assets/logo.png"
    assert profile.pages_crawled == len(profile.pages) == 14


def test_profile_products_have_prices(profile: BrandProfile) -> None:
    by_name = {p.name: p for p in profile.products}
    assert len(by_name) == 5
    cold_brew = by_name["North Shore Cold Brew"]
    assert cold_brew.price == "14.00" and cold_brew.currency == "USD"
    assert cold_brew.url and cold_brew.url.endswith("/products/north-shore-cold-brew.html")
    assert by_name["Ethiopia Guji Highland"].price == "21.00"


def test_palette_matches_the_css_custom_properties(profile: BrandProfile) -> None:
    assert len(CSS_VARS) == 5
    assert set(profile.palette[:5]) == set(CSS_VARS.values())
    details = {c.hex: c for c in profile.palette_details}
    assert details[CSS_VARS["--color-primary"]].names == ["--color-primary"]
    assert "logo-pixels" in details[CSS_VARS["--color-primary"]].sources


def test_fonts_and_contact(profile: BrandProfile) -> None:
    assert set(profile.fonts[:2]) == {"Playfair Display", "Work Sans"}
    assert "Georgia" not in profile.fonts[:2] and "serif" not in profile.fonts
    assert profile.social_links == {
        "instagram": "https://www.instagram.com/northboundroasters",
        "facebook": "https://www.facebook.com/northboundroasters",
        "tiktok": "https://www.tiktok.com/@northboundroasters",
        "youtube": "https://www.youtube.com/@northboundroasters",
    }
    assert "hello@northboundcoffee.example" in profile.contact.emails
    assert "wholesale@northboundcoffee.example" in profile.contact.emails
    assert len(profile.contact.phones) == 1
    assert profile.contact.address and "418 Harbor Street" in profile.contact.address


def test_profile_json_has_the_cli_fields(profile: BrandProfile) -> None:
    data = json.loads(json.dumps(profile.summary()))
    for key in ("name", "tagline", "description", "products", "palette", "fonts", "logo",
                "social_links", "pages_crawled", "skipped"):  # fmt: skip
        assert key in data
    assert "pages" not in data
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in data["palette"])
    assert BrandProfile.model_validate_json(profile.model_dump_json()) == profile


def test_page_texts_are_kept(profile: BrandProfile) -> None:
    faq = next(p for p in profile.pages if p.url.endswith("/faq/"))
    assert "orders over $40 ship free" in faq.text
    assert faq.word_count > 80
