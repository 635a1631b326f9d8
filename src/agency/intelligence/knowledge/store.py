"""Writing a brand's documents and passages: one savepoint per document.

A document either lands whole (its row and all its passages) or not at all;
re-adding a source with the same text is a no-op, with new text it replaces the
old passages. Passages whose normalised text the brand already holds are skipped.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import delete, select

from agency.db.knowledge_models import KbDocument, KbPassage
from agency.db.repository import OrgScope
from agency.intelligence.knowledge.models import Chunk, FileResult, LoadedDocument


def content_hash(text: str) -> str:
    """SHA-256 of ``text`` with case and whitespace normalised."""
    normal = re.sub(r"\s+", " ", text).strip().lower()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class PlannedDocument:
    """What storing a document will do, decided before any embedding work."""

    document: LoadedDocument
    document_hash: str
    unchanged: bool
    new_chunks: list[Chunk]
    chunk_hashes: list[str]
    existing_id: str | None = None


def plan_document(
    scope: OrgScope,
    brand_id: str,
    document: LoadedDocument,
    chunks: Sequence[Chunk],
    *,
    embedding_model: str,
) -> PlannedDocument:
    """Which chunks are new for this brand (not held by another of its documents)."""
    doc_hash = content_hash(document.text)
    existing = _existing_document(scope, brand_id, document.source)
    if (
        existing is not None
        and existing.content_hash == doc_hash
        and existing.embedding_model == embedding_model
    ):
        return PlannedDocument(document, doc_hash, True, [], [], existing.id)
    hashes = [content_hash(c.text) for c in chunks]
    held: set[str] = set()
    for start in range(0, len(hashes), 500):
        stmt = select(KbPassage.content_hash).where(
            KbPassage.org_id == scope.org_id,
            KbPassage.brand_id == brand_id,
            KbPassage.content_hash.in_(hashes[start : start + 500]),
        )
        if existing is not None:
            stmt = stmt.where(KbPassage.document_id != existing.id)
        held.update(scope.session.scalars(stmt))
    new_chunks: list[Chunk] = []
    new_hashes: list[str] = []
    for chunk, digest in zip(chunks, hashes, strict=True):
        if digest not in held:
            held.add(digest)
            new_chunks.append(chunk)
            new_hashes.append(digest)
    return PlannedDocument(document, doc_hash, False, new_chunks, new_hashes)


def _existing_document(scope: OrgScope, brand_id: str, source: str) -> KbDocument | None:
    stmt = select(KbDocument).where(
        KbDocument.org_id == scope.org_id,
        KbDocument.brand_id == brand_id,
        KbDocument.source == source,
    )
    return scope.session.scalars(stmt).first()


def store_document(
    scope: OrgScope,
    brand_id: str,
    plan: PlannedDocument,
    vectors: np.ndarray,
    *,
    embedding_model: str,
) -> FileResult:
    """Replace the source's document and passages inside one savepoint."""
    document = plan.document
    with scope.session.begin_nested():
        existing = _existing_document(scope, brand_id, document.source)
        if existing is not None:
            scope.session.execute(delete(KbPassage).where(KbPassage.document_id == existing.id))
            scope.session.delete(existing)
            scope.session.flush()
        row = KbDocument(
            brand_id=brand_id,
            source=document.source,
            source_type=document.source_type,
            title=document.title[:500],
            content_hash=plan.document_hash,
            size_bytes=document.size_bytes or len(document.text.encode("utf-8")),
            passage_count=len(plan.new_chunks),
            embedding_model=embedding_model,
        )
        scope.add(row)
        for chunk, digest, vector in zip(plan.new_chunks, plan.chunk_hashes, vectors, strict=True):
            scope.session.add(
                KbPassage(
                    org_id=scope.org_id,
                    brand_id=brand_id,
                    document_id=row.id,
                    source=document.source,
                    source_type=document.source_type,
                    title=document.title[:500],
                    ordinal=chunk.ordinal,
                    char_start=chunk.char_start,
                    char_end=chunk.char_end,
                    text=chunk.text,
                    content_hash=digest,
                    embedding=vector,
                )
            )
        scope.session.flush()
    return FileResult(
        source=document.source,
        status="ingested",
        source_type=document.source_type,
        passages=len(plan.new_chunks),
        document_id=row.id,
    )
