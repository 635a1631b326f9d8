"""Research fixtures: the sample brand and the two competitor sites served on localhost."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from agency.config import Settings
from agency.db import Database, Organization, OrgScope
from agency.intelligence.brand import BrandProfile, build_brand_profile
from agency.intelligence.crawl import CrawlResult, crawl_brand_site
from agency.intelligence.onboarding import save_step
from agency.samples import serve_sample_site
from agency.samples.competitors import serve_competitor_sites


@pytest.fixture(scope="module")
def brand_site() -> Iterator[str]:
    """Base URL of the bundled Northbound Coffee Roasters site."""
    with serve_sample_site() as url:
        yield url


@pytest.fixture(scope="module")
def competitor_sites() -> Iterator[dict[str, str]]:
    """Base URLs of the bundled competitor sites, by name."""
    with serve_competitor_sites() as urls:
        yield urls


def crawl_and_profile(url: str, settings: Settings) -> tuple[CrawlResult, BrandProfile]:
    """Crawl ``url`` and build its BrandProfile."""
    crawl = crawl_brand_site(url, settings=settings)
    return crawl, build_brand_profile(crawl)


@pytest.fixture
def crawl_profile() -> Callable[[str, Settings], tuple[CrawlResult, BrandProfile]]:
    """The crawl-and-profile helper, for test modules."""
    return crawl_and_profile


@pytest.fixture
def stored_brand(db: Database, settings: Settings, brand_site: str) -> tuple[str, str]:
    """(org_id, brand_id) of the sample brand onboarded into a fresh organization."""
    _, profile = crawl_and_profile(brand_site, settings)
    with db.session() as session:
        org = Organization(name="Northbound", slug="northbound")
        session.add(org)
        session.flush()
        brand_id = save_step(OrgScope(session, org.id), profile.model_dump(mode="json"))
        return org.id, brand_id
