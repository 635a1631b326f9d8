"""save_brand on SQLite and PostgreSQL: brand, pages and products, all or nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from agency.core.errors import NotFound
from agency.db import Brand, BrandPage, Database, Organization, OrgScope, Product
from agency.intelligence.brand import BrandProfile, PageText, ProductInfo, save_brand


def _profile(**changes: object) -> BrandProfile:
    base = BrandProfile(
        name="Northbound Coffee Roasters",
        tagline="Small-batch coffee, roasted for the long road.",
        url="https://northbound.example/",
        domain="northbound.example",
        products=[
            ProductInfo(
                name="North Shore Cold Brew",
                price="14.00",
                currency="USD",
                url="https://northbound.example/products/cold-brew.html",
            ),
            ProductInfo(name="Iron Range Espresso", price="18.50", currency="USD"),
        ],
        palette=["#1f3a5f", "#d9822b"],
        fonts=["Playfair Display", "Work Sans"],
        pages=[
            PageText(url="https://northbound.example/", title="Home", text="Coffee.", word_count=1),
            PageText(
                url="https://northbound.example/faq/", title="FAQ", text="Ships.", word_count=1
            ),
        ],
        pages_crawled=2,
    )
    return base.model_copy(update=changes)


def _org(db: Database, slug: str) -> str:
    with db.session() as session:
        org = Organization(name=slug, slug=slug)
        session.add(org)
        session.flush()
        return org.id


def _count(db: Database, model: type, org_id: str) -> int:
    with db.session() as session:
        return int(
            session.scalar(select(func.count()).select_from(model).where(model.org_id == org_id))
        )  # type: ignore[attr-defined]


def test_save_brand_writes_brand_pages_and_products(db: Database) -> None:
    org_id = _org(db, "acme")
    with db.session() as session:
        brand = save_brand(OrgScope(session, org_id), _profile())
        brand_id = brand.id
    with db.session() as session:
        scope = OrgScope(session, org_id)
        stored = scope.get(Brand, brand_id)
        assert stored.name == "Northbound Coffee Roasters" and stored.domain == "northbound.example"
        assert stored.profile["palette"] == ["#1f3a5f", "#d9822b"]
        assert "pages" not in stored.profile and stored.profile["pages_crawled"] == 2
        assert (
            BrandProfile.model_validate({**stored.profile, "pages": []}).fonts[0]
            == "Playfair Display"
        )
        pages = scope.list(BrandPage, BrandPage.brand_id == brand_id, order_by=BrandPage.url)
        assert [p.title for p in pages] == ["Home", "FAQ"]
        assert len(pages[0].content_hash) == 64
        products = scope.list(Product, Product.brand_id == brand_id, order_by=Product.name)
        assert [(p.name, p.price) for p in products] == [
            ("Iron Range Espresso", "18.50"),
            ("North Shore Cold Brew", "14.00"),
        ]
        assert products[1].data["currency"] == "USD"
    other = _org(db, "other")
    with db.session() as session, pytest.raises(NotFound):
        OrgScope(session, other).get(Brand, brand_id)


def test_refresh_replaces_pages_and_products(db: Database) -> None:
    org_id = _org(db, "acme")
    with db.session() as session:
        brand_id = save_brand(OrgScope(session, org_id), _profile()).id
    newer = _profile(name="Northbound Coffee", products=[ProductInfo(name="Decaf")], pages=[])
    with db.session() as session:
        save_brand(OrgScope(session, org_id), newer, brand_id=brand_id)
    assert _count(db, Brand, org_id) == 1
    assert _count(db, BrandPage, org_id) == 0
    assert _count(db, Product, org_id) == 1
    with db.session() as session:
        assert OrgScope(session, org_id).get(Brand, brand_id).name == "Northbound Coffee"


class FailingScope(OrgScope):
    """An OrgScope whose database write fails after ``ok`` successful adds."""

    def __init__(self, scope: OrgScope, ok: int) -> None:
        super().__init__(scope.session, scope.org_id)
        self.ok = ok

    def add(self, record: object) -> object:  # type: ignore[override]
        if self.ok == 0:
            raise RuntimeError("disk full")
        self.ok -= 1
        return super().add(record)


def test_failure_leaves_nothing_half_written(db: Database) -> None:
    org_id = _org(db, "acme")
    with db.session() as session:
        scope = OrgScope(session, org_id)
        kept = save_brand(scope, _profile(name="Kept brand")).id
        with pytest.raises(RuntimeError, match="disk full"):
            save_brand(FailingScope(scope, ok=3), _profile())  # brand + 2 pages, then fails
        # the caller's transaction goes on and commits; the failed save left nothing behind
    assert _count(db, Brand, org_id) == 1
    assert _count(db, BrandPage, org_id) == 2
    assert _count(db, Product, org_id) == 2
    with db.session() as session:
        assert OrgScope(session, org_id).get(Brand, kept).name == "Kept brand"


def test_unknown_brand_id_is_not_found(db: Database) -> None:
    org_id = _org(db, "acme")
    with db.session() as session, pytest.raises(NotFound):
        save_brand(OrgScope(session, org_id), _profile(), brand_id="nosuchbrand1")
