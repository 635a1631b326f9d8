"""The migrations create the schema and rows stay inside their organization."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from agency.core import NotFound
from agency.core.ids import is_id
from agency.db import Brand, Database, Organization, OrgScope

TABLES = {
    "organizations",
    "users",
    "api_keys",
    "brands",
    "brand_pages",
    "products",
    "campaigns",
    "assets",
    "jobs",
    "compositing_jobs",
    "synthetic_influencers",
    "trends",
    "publish_queue",
}


def test_migrations_create_every_table(db: Database) -> None:
    names = set(inspect(db.engine).get_table_names())
    assert names >= TABLES


def test_jsonb_on_postgresql(db: Database) -> None:
    columns = {c["name"]: c for c in inspect(db.engine).get_columns("brands")}
    kind = type(columns["profile"]["type"]).__name__
    if db.engine.dialect.name == "postgresql":
        assert kind == "JSONB"
    else:
        assert kind == "JSON"


def test_scope_hides_other_organizations_rows(db: Database) -> None:
    with db.session() as session:
        a = Organization(name="A", slug="a")
        b = Organization(name="B", slug="b")
        session.add_all([a, b])
        session.flush()
        brand = OrgScope(session, a.id).add(
            Brand(name="Brew", url="https://brew.test", domain="brew.test", profile={"x": 1})
        )
        brand_id, org_b = brand.id, b.id
    assert is_id(brand_id)
    with db.session() as session:
        with pytest.raises(NotFound):
            OrgScope(session, org_b).get(Brand, brand_id)
        assert OrgScope(session, org_b).list(Brand) == []
