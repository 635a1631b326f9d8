"""The knowledge base's public service: ingest pages and files, search passages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from sqlalchemy import select

from agency.core.errors import InputError
from agency.db.models import Brand, BrandPage
from agency.db.repository import OrgScope
from agency.intelligence.knowledge.chunking import chunk_text
from agency.intelligence.knowledge.embeddings import Embedder
from agency.intelligence.knowledge.language import non_english_language
from agency.intelligence.knowledge.loaders import DEFAULT_MAX_BYTES, load_file
from agency.intelligence.knowledge.local_search import search_in_process
from agency.intelligence.knowledge.models import (
    FileResult,
    IngestReport,
    LoadedDocument,
    PassageHit,
)
from agency.intelligence.knowledge.postgres_search import search_postgres
from agency.intelligence.knowledge.store import plan_document, store_document

MAX_QUERY_CHARS = 2000


def _error(source: str, exc: InputError) -> FileResult:
    return FileResult(source=source, status="error", error=exc.message, fix=exc.fix)


def ingest_document(
    scope: OrgScope, brand_id: str, document: LoadedDocument, *, embedder: Embedder
) -> FileResult:
    """Chunk, embed and store one document; it lands whole or not at all."""
    chunks = chunk_text(document.text)
    if not chunks:
        raise InputError(
            f"{document.source}: no text to index.", field="file", fix="Add text to it."
        )
    plan = plan_document(scope, brand_id, document, chunks, embedding_model=embedder.name)
    if plan.unchanged:
        return FileResult(
            source=document.source,
            status="unchanged",
            source_type=document.source_type,
            document_id=plan.existing_id,
        )
    vectors = embedder.embed([f"{document.title}\n{c.text}" for c in plan.new_chunks])
    if len(plan.new_chunks) and vectors.shape != (len(plan.new_chunks), embedder.dimension):
        raise ValueError(f"embedder {embedder.name} returned shape {vectors.shape}")
    return store_document(scope, brand_id, plan, np.asarray(vectors), embedding_model=embedder.name)


def _ingest_all(
    scope: OrgScope,
    brand_id: str,
    documents: Iterable[tuple[str, LoadedDocument | InputError]],
    embedder: Embedder,
) -> IngestReport:
    results: list[FileResult] = []
    for source, loaded in documents:
        if isinstance(loaded, InputError):
            results.append(_error(source, loaded))
            continue
        try:
            results.append(ingest_document(scope, brand_id, loaded, embedder=embedder))
        except InputError as exc:
            results.append(_error(source, exc))
    return IngestReport(results=results)


def ingest_files(
    scope: OrgScope,
    brand_id: str,
    paths: Sequence[Path | str],
    *,
    embedder: Embedder,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> IngestReport:
    """Ingest uploaded files (PDF, DOCX, Markdown, text): a result per file.

    A bad file gets an error result and leaves no trace; the others still land.
    """
    scope.get(Brand, brand_id)

    def loaded() -> Iterable[tuple[str, LoadedDocument | InputError]]:
        for raw in paths:
            path = Path(raw)
            try:
                yield path.name, load_file(path, max_bytes=max_bytes)
            except InputError as exc:
                yield path.name, exc

    return _ingest_all(scope, brand_id, loaded(), embedder)


def ingest_pages(scope: OrgScope, brand_id: str, *, embedder: Embedder) -> IngestReport:
    """Ingest the brand's crawled pages (``BrandPage`` rows) as passages."""
    scope.get(Brand, brand_id)
    pages = scope.session.scalars(
        select(BrandPage)
        .where(BrandPage.org_id == scope.org_id, BrandPage.brand_id == brand_id)
        .order_by(BrandPage.url)
    ).all()

    def loaded() -> Iterable[tuple[str, LoadedDocument | InputError]]:
        for page in pages:
            if not page.text.strip():
                yield page.url, InputError(f"{page.url}: the page has no text.", field="page")
                continue
            language = non_english_language(page.text)
            if language is not None:
                yield (
                    page.url,
                    InputError(
                        f"{page.url}: the text looks like {language!r}, not English.",
                        field="page",
                        fix="Crawl the site's English pages.",
                    ),
                )
                continue
            yield (
                page.url,
                LoadedDocument(
                    source=page.url, source_type="page", title=page.title, text=page.text
                ),
            )

    return _ingest_all(scope, brand_id, loaded(), embedder)


def search(
    scope: OrgScope, brand_id: str, query: str, *, embedder: Embedder, k: int = 5
) -> list[PassageHit]:
    """The ``k`` passages that best answer ``query``, best first, with citations."""
    query = query.strip()
    if not query:
        raise InputError("The question is empty.", field="query", fix="Ask a question.")
    if len(query) > MAX_QUERY_CHARS:
        raise InputError(
            f"The question is over {MAX_QUERY_CHARS} characters.",
            field="query",
            fix="Ask a shorter question.",
        )
    if not 1 <= k <= 100:
        raise InputError("k must be between 1 and 100.", field="k", fix="Use a k from 1 to 100.")
    scope.get(Brand, brand_id)
    vector = embedder.embed([query])[0]
    depth = max(4 * k, 40)
    run = (
        search_postgres
        if scope.session.get_bind().dialect.name == "postgresql"
        else search_in_process
    )
    return run(scope, brand_id, query, vector, model=embedder.name, k=k, depth=depth)
