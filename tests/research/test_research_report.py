"""run_research end to end: the sample brand against two competitors, every claim resolving."""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Sequence

import numpy as np
import pytest

from agency.config import Settings
from agency.core import InputError, NotFound
from agency.db import Database, OrgScope
from agency.db.knowledge_models import KbDocument, KbPassage
from agency.intelligence.knowledge import LoadedDocument, ingest_document
from agency.intelligence.research import (
    ResearchReport,
    page_resolver,
    passage_resolver,
    run_research,
    validate_citations,
)
from agency.providers import PassageResearchProvider, TemplateTextProvider


def _research(
    db: Database, settings: Settings, org_brand: tuple[str, str], urls: list[str]
) -> ResearchReport:
    org_id, brand_id = org_brand
    with db.session() as session:
        return run_research(
            OrgScope(session, org_id),
            brand_id,
            settings=settings,
            competitor_urls=urls,
            text_provider=TemplateTextProvider(),
            research_provider=PassageResearchProvider(),
        )


def test_report_on_sample_brand_and_two_competitors(
    db: Database,
    settings: Settings,
    stored_brand: tuple[str, str],
    competitor_sites: dict[str, str],
) -> None:
    report = _research(db, settings, stored_brand, list(competitor_sites.values()))
    assert report.brand_name == "Northbound Coffee Roasters"
    assert [c.name for c in report.market.competitors] == [
        "Big Lake Value Coffee",
        "Summit Reserve Coffee Club",
    ]
    assert report.market.white_space and report.market.external == []
    assert 2 <= len(report.audiences) <= 4
    names = {s.name for s in report.audiences}
    assert {"Cafes, restaurants and offices", "Subscribers and regulars"} <= names
    for segment in report.audiences:
        assert segment.needs and segment.messages and segment.channels
        assert all(s.citations for s in [segment.who, *segment.needs, *segment.messages])

    markdown = report.to_markdown()
    body, references = markdown.split("\n## References\n")
    claim_lines = [line for line in body.splitlines() if line.startswith("- ")]
    assert len(claim_lines) > 60
    assert all(re.search(r"(\[\d+\])+$", line) for line in claim_lines)
    assert len(re.findall(r"^\[\d+\] ", references, flags=re.M)) == len(report.citations)

    # Every citation resolves: the URL answers and the quoted words are on the page.
    assert validate_citations(report, resolve=page_resolver(settings)) == []


def test_a_wrong_quote_or_dead_link_is_reported(
    db: Database,
    settings: Settings,
    stored_brand: tuple[str, str],
    brand_site: str,
) -> None:
    report = _research(db, settings, stored_brand, [])
    assert report.market.competitors == []
    first = report.citations[0]
    bad = report.citations[1].model_copy(update={"url": brand_site + "/missing/"})
    broken = report.model_copy(
        update={
            "citations": [
                first.model_copy(update={"quote": "Invented words nobody wrote."}),
                bad,
                *report.citations[2:],
            ]
        }
    )
    problems = validate_citations(broken, resolve=page_resolver(settings))
    assert any(p.startswith("[1] quote not found") for p in problems)
    assert any(p.startswith("[2] does not resolve") for p in problems)
    assert any("citation missing from references" in p for p in problems)


def test_audiences_cite_knowledge_base_passages(
    db: Database, settings: Settings, stored_brand: tuple[str, str]
) -> None:
    org_id, brand_id = stored_brand
    texts = [
        "We supply cafes, restaurants and offices with five-pound bags and barista training. "
        "Wholesale orders start at twenty pounds a month.",
        "A subscription delivers fresh coffee every two weeks. Subscribers can cancel any time.",
        "Our brewing guides give the ratio and grind for pour-over and French press at home.",
    ]
    with db.session() as session:
        doc = KbDocument(
            org_id=org_id,
            brand_id=brand_id,
            source="guide.md",
            source_type="markdown",
            content_hash="h",
        )
        session.add(doc)
        session.flush()
        for i, text in enumerate(texts):
            session.add(
                KbPassage(
                    org_id=org_id,
                    brand_id=brand_id,
                    document_id=doc.id,
                    source="guide.md",
                    source_type="markdown",
                    ordinal=i,
                    char_start=0,
                    char_end=len(text),
                    text=text,
                    content_hash=hashlib.sha256(text.encode()).hexdigest(),
                )
            )
    report = _research(db, settings, stored_brand, [])
    audience_cites = [
        c
        for seg in report.audiences
        for s in [seg.who, *seg.needs, *seg.objections]
        for c in s.citations
    ]
    assert audience_cites and all(c.passage_id for c in audience_cites)
    assert any(seg.name == "Cafes, restaurants and offices" for seg in report.audiences)
    assert "passage " in report.to_markdown()
    with db.session() as session:
        scope = OrgScope(session, org_id)
        resolver = passage_resolver(scope, fallback=page_resolver(settings))
        assert validate_citations(report, resolve=resolver) == []
        other = passage_resolver(OrgScope(session, "another-org"))
        assert other(audience_cites[0]) is None  # passages stay inside their organization


def test_bad_competitor_urls_and_unknown_brand(
    db: Database, settings: Settings, stored_brand: tuple[str, str], brand_site: str
) -> None:
    with pytest.raises(InputError) as err:
        _research(db, settings, stored_brand, ["ftp://nope"])
    assert err.value.field == "competitor_urls"
    with pytest.raises(InputError, match="brand's own site"):
        _research(db, settings, stored_brand, [brand_site + "/shop/"])
    with pytest.raises(InputError, match="could not be crawled") as err:
        _research(db, settings, stored_brand, ["http://127.0.0.1:9/"])  # nothing listens
    assert err.value.field == "competitor_urls"
    with pytest.raises(NotFound):
        _research(db, settings, (stored_brand[0], "nobrand00000"), [])


class HashingEmbedder:
    """A deterministic bag-of-words embedder (no model): words hashed into 384 buckets."""

    name = "test-hashing-384"
    dimension = 384

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z]+", text.lower()):
                out[row, zlib.crc32(word.encode()) % self.dimension] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-9)


def test_embedder_adds_semantically_retrieved_needs(
    db: Database, settings: Settings, stored_brand: tuple[str, str]
) -> None:
    org_id, brand_id = stored_brand
    embedder = HashingEmbedder()
    documents = {
        "subscriptions.md": "A subscription delivers fresh coffee every two weeks. "
        "Each delivery brings a new single origin to subscribers.",
        "regulars.md": "Regulars tell us the best part is never running out of beans "
        "before breakfast.",
        "wholesale.md": "We supply cafes, restaurants and offices with wholesale bags. "
        "Wholesale partners get free barista training.",
    }
    with db.session() as session:
        scope = OrgScope(session, org_id)
        for source, text in documents.items():
            doc = LoadedDocument(source=source, source_type="markdown", title=source, text=text)
            ingest_document(scope, brand_id, doc, embedder=embedder)
    with db.session() as session:
        report = run_research(
            OrgScope(session, org_id),
            brand_id,
            settings=settings,
            embedder=embedder,
            text_provider=TemplateTextProvider(),
            research_provider=PassageResearchProvider(),
        )
    subscribers = next(s for s in report.audiences if s.name == "Subscribers and regulars")
    quotes = [c.quote for need in subscribers.needs for c in need.citations]
    assert any(q.startswith("Regulars tell us") for q in quotes)  # no cue word: found by search
    assert all(c.passage_id for need in subscribers.needs for c in need.citations)
