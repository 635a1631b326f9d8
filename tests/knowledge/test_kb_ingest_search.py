"""Ingest and search on SQLite and PostgreSQL: per-file errors, atomic documents,
dedup, replacement, citations and organization scoping."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from sqlalchemy import func, inspect, select

from agency.core.errors import InputError, NotFound
from agency.db import BrandPage, Database, Organization, OrgScope
from agency.db.knowledge_models import KbDocument, KbPassage
from agency.intelligence.knowledge import (
    LoadedDocument,
    chunk_text,
    ingest_document,
    ingest_files,
    ingest_pages,
    search,
)
from agency.intelligence.knowledge.store import plan_document, store_document

SHIPPING = (
    "# Shipping\n\nCoffee ships within 48 hours of roasting. Standard shipping in the "
    "United States costs six dollars and takes two to five business days; orders over forty "
    "dollars ship free. We do not currently ship outside the United States.\n"
)
DECAF = (
    "Our decaf is decaffeinated in Colombia with ethyl acetate made from fermented "
    "sugarcane, a gentle process that keeps the fruit. It has about 99.9 percent less "
    "caffeine than regular coffee, so an evening cup will not keep you awake."
)
GERMAN = (
    "Unsere Bohnen werden jeden Dienstag in kleinen Chargen geröstet. Wir versenden sie noch "
    "am selben Tag, damit Sie sie frisch erhalten, und wir verkaufen niemals alten Kaffee."
)


def _count(db: Database, model: type) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_bad_files_get_errors_and_the_rest_is_ingested(
    db: Database,
    kb_brand: tuple[str, str],
    kb_embedder: object,
    kb_files: SimpleNamespace,
    tmp_path: Path,
) -> None:
    org_id, brand_id = kb_brand
    files = {
        "shipping.md": SHIPPING.encode(),
        "decaf.pdf": kb_files.pdf([DECAF], title="Decaf"),
        "locked.pdf": kb_files.encrypt(kb_files.pdf([DECAF]), "pw"),
        "empty.txt": b"",
        "german.txt": GERMAN.encode(),
        "huge.txt": DECAF.encode() * 100,
        "image.md": b"\x89PNG\r\n\x1a\n" + bytes(100),
    }
    paths = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    with db.session() as session:
        report = ingest_files(
            OrgScope(session, org_id), brand_id, paths, embedder=kb_embedder, max_bytes=10_000
        )
    status = {r.source: r.status for r in report.results}
    assert status == {
        "shipping.md": "ingested",
        "decaf.pdf": "ingested",
        "locked.pdf": "error",
        "empty.txt": "error",
        "german.txt": "error",
        "huge.txt": "error",
        "image.md": "error",
    }
    assert all(r.error and r.fix for r in report.errors)
    assert _count(db, KbDocument) == 2
    assert _count(db, KbPassage) == report.passages_added == 2


def test_search_returns_cited_passages(
    db: Database, kb_brand: tuple[str, str], kb_embedder: object
) -> None:
    org_id, brand_id = kb_brand
    with db.session() as session:
        scope = OrgScope(session, org_id)
        for source, text in (("shipping.md", SHIPPING), ("decaf.txt", DECAF)):
            doc = LoadedDocument(source=source, source_type="text", title=source, text=text)
            ingest_document(scope, brand_id, doc, embedder=kb_embedder)
    with db.session() as session:
        hits = search(
            OrgScope(session, org_id),
            brand_id,
            "Will decaf keep me up at night?",
            embedder=kb_embedder,
            k=2,
        )
    assert [h.source for h in hits] == ["decaf.txt", "shipping.md"]
    best = hits[0]
    assert best.text == DECAF[best.char_start : best.char_end]
    assert best.ordinal == 0 and best.score > hits[1].score
    assert best.vector_rank == 1


def test_reingest_is_a_no_op_and_changed_text_replaces(
    db: Database, kb_brand: tuple[str, str], kb_embedder: object
) -> None:
    org_id, brand_id = kb_brand
    doc = LoadedDocument(source="policy.txt", source_type="text", text=SHIPPING)
    with db.session() as session:
        scope = OrgScope(session, org_id)
        first = ingest_document(scope, brand_id, doc, embedder=kb_embedder)
        again = ingest_document(scope, brand_id, doc, embedder=kb_embedder)
        assert (first.status, again.status) == ("ingested", "unchanged")
        assert again.document_id == first.document_id
        changed = doc.model_copy(update={"text": DECAF})
        replaced = ingest_document(scope, brand_id, changed, embedder=kb_embedder)
        assert replaced.status == "ingested"
    with db.session() as session:
        texts = session.scalars(select(KbPassage.text)).all()
    assert texts == [DECAF]
    assert _count(db, KbDocument) == 1


def test_duplicate_passages_across_sources_are_stored_once(
    db: Database, kb_brand: tuple[str, str], kb_embedder: object
) -> None:
    org_id, brand_id = kb_brand
    with db.session() as session:
        scope = OrgScope(session, org_id)
        for source in ("a.txt", "copy-of-a.txt"):
            doc = LoadedDocument(source=source, source_type="text", text=DECAF)
            ingest_document(scope, brand_id, doc, embedder=kb_embedder)
    assert _count(db, KbDocument) == 2
    assert _count(db, KbPassage) == 1


def test_a_failure_mid_document_leaves_nothing_of_it(
    db: Database, kb_brand: tuple[str, str], kb_embedder: object
) -> None:
    org_id, brand_id = kb_brand
    text = "\n\n".join([SHIPPING, DECAF, SHIPPING.replace("six", "seven")] * 3)
    doc = LoadedDocument(source="long.txt", source_type="text", text=text)
    with db.session() as session:
        scope = OrgScope(session, org_id)
        ingest_document(
            scope,
            brand_id,
            LoadedDocument(source="kept.txt", source_type="text", text=DECAF),
            embedder=kb_embedder,
        )
        plan = plan_document(scope, brand_id, doc, chunk_text(text), embedding_model="m")
        assert len(plan.new_chunks) >= 2
        short = np.zeros((len(plan.new_chunks) - 1, 384), dtype=np.float32)
        with pytest.raises(ValueError):
            store_document(scope, brand_id, plan, short, embedding_model="m")
    with db.session() as session:
        assert session.scalars(select(KbDocument.source)).all() == ["kept.txt"]
        assert _count(db, KbPassage) == 1


def test_pages_from_the_crawl_are_ingested(
    db: Database, kb_brand: tuple[str, str], kb_embedder: object
) -> None:
    org_id, brand_id = kb_brand
    with db.session() as session:
        scope = OrgScope(session, org_id)
        for url, text in (
            ("https://northbound.test/faq", SHIPPING),
            ("https://northbound.test/de", GERMAN),
            ("https://northbound.test/blank", ""),
        ):
            scope.add(BrandPage(brand_id=brand_id, url=url, title="", text=text))
        report = ingest_pages(scope, brand_id, embedder=kb_embedder)
    assert [(r.source, r.status) for r in report.results] == [
        ("https://northbound.test/blank", "error"),
        ("https://northbound.test/de", "error"),
        ("https://northbound.test/faq", "ingested"),
    ]
    with db.session() as session:
        [hit] = search(
            OrgScope(session, org_id), brand_id, "free shipping", embedder=kb_embedder, k=1
        )
    assert hit.source_type == "page" and hit.source == "https://northbound.test/faq"


def test_other_organizations_see_nothing(
    db: Database, kb_brand: tuple[str, str], kb_embedder: object
) -> None:
    org_id, brand_id = kb_brand
    with db.session() as session:
        doc = LoadedDocument(source="a.txt", source_type="text", text=DECAF)
        ingest_document(OrgScope(session, org_id), brand_id, doc, embedder=kb_embedder)
        other = Organization(name="Other", slug="other")
        session.add(other)
        session.flush()
        other_id = other.id
    with db.session() as session, pytest.raises(NotFound):
        search(OrgScope(session, other_id), brand_id, "decaf", embedder=kb_embedder)


def test_bad_queries_are_input_errors(
    db: Database, kb_brand: tuple[str, str], kb_embedder: object
) -> None:
    org_id, brand_id = kb_brand
    with db.session() as session:
        scope = OrgScope(session, org_id)
        assert search(scope, brand_id, "anything at all", embedder=kb_embedder) == []
        for query, k in (("   ", 5), ("x" * 3000, 5), ("decaf", 0)):
            with pytest.raises(InputError):
                search(scope, brand_id, query, embedder=kb_embedder, k=k)


def test_embedding_column_fits_the_database(db: Database) -> None:
    columns = {c["name"]: c for c in inspect(db.engine).get_columns("kb_passages")}
    kind = type(columns["embedding"]["type"]).__name__
    if db.engine.dialect.name == "postgresql":
        assert kind.upper() == "VECTOR"
        assert "tsv" in columns
    else:
        assert kind in {"BLOB", "LargeBinary", "_Binary"}
