"""The crawler and extractor on two real websites from shared/testdata, served locally."""

from __future__ import annotations

from agency.config import Settings
from agency.intelligence.brand import build_brand_profile
from agency.intelligence.crawl import crawl_site
from agency.samples import serve_directory
from shared_data import TESTDATA  # type: ignore[import-not-found]


def test_scenedetect_site(sqlite_settings: Settings) -> None:
    with serve_directory(TESTDATA / "site-scenedetect") as base:
        crawl = crawl_site(base, settings=sqlite_settings)
        profile = build_brand_profile(crawl)
    assert profile.name == "PySceneDetect"
    assert "shot changes" in profile.description
    assert profile.logo == f"{base}/img/pyscenedetect_logo_small.png"
    assert len(crawl.pages) >= 12
    paths = {p.url.removeprefix(base) for p in crawl.pages}
    assert {"/", "/download/", "/features/"} <= paths
    # links into the omitted /docs/ tree are dead: reported, not fatal
    assert any(s.reason == "http-status" and "/docs/" in s.url for s in crawl.skipped)
    assert "#2980b9" in profile.palette  # the theme's link blue
    assert {"Lato", "Roboto Slab"} <= set(profile.fonts)
    assert profile.social_links.get("github", "").startswith("https://github.com/Breakthrough")
    assert all(p.word_count > 0 for p in profile.pages)


def test_modern_business_site(sqlite_settings: Settings) -> None:
    with serve_directory(TESTDATA / "site-modern-business" / "dist") as base:
        crawl = crawl_site(base, settings=sqlite_settings)
        profile = build_brand_profile(crawl)
    paths = {p.url.removeprefix(base) for p in crawl.pages}
    assert {"/", "/about.html", "/pricing.html", "/contact.html", "/faq.html"} <= paths
    assert len(crawl.pages) == 9  # index.html is the same page as /
    assert any(s.reason == "duplicate" and s.url.endswith("/index.html") for s in crawl.skipped)
    assert profile.name == "Modern Business"
    assert profile.description.startswith("Quickly design and customize")
    assert "#0d6efd" in profile.palette[:5]  # Bootstrap primary
    assert profile.fonts  # Bootstrap's system font stack, generic names removed
    assert not {"system-ui", "sans-serif", "-apple-system"} & {f.lower() for f in profile.fonts}
    # the CDN icon stylesheet is off-site and left out, with the reason
    assert any(s.reason == "off-site" and "cdn.jsdelivr.net" in s.url for s in crawl.skipped)
