"""Hybrid retrieval: full-text ranking and vector similarity, fused by reciprocal rank.

PostgreSQL ranks in the database (``tsvector``/``ts_rank_cd`` and pgvector's
cosine distance). Elsewhere a brand's passages are loaded once into a numpy
matrix and an in-process BM25 index, cached until the brand's documents change.
"""

from __future__ import annotations

import math
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from agency.db.knowledge_models import EMBEDDING_DIM, KbDocument, KbPassage
from agency.db.repository import OrgScope
from agency.intelligence.knowledge.bm25 import STOPWORDS, BM25Index
from agency.intelligence.knowledge.models import PassageHit

RRF_K = 60
_ZERO = np.zeros(EMBEDDING_DIM, dtype=np.float32)
_PG_WORD = re.compile(r"[a-z0-9]+")


def reciprocal_rank_fusion(rankings: list[list[str]], *, k: int = RRF_K) -> dict[str, float]:
    """Fused score per id: the sum over rankings of 1 / (k + rank), ranks from 1."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank)
    return fused


@dataclass(frozen=True)
class _Row:
    """The citation fields of a passage, detached from any session."""

    id: str
    document_id: str
    text: str
    source: str
    source_type: str
    title: str
    ordinal: int
    char_start: int
    char_end: int

    @classmethod
    def of(cls, p: KbPassage) -> _Row:
        return cls(
            p.id,
            p.document_id,
            p.text,
            p.source,
            p.source_type,
            p.title,
            p.ordinal,
            p.char_start,
            p.char_end,
        )


@dataclass
class _BrandIndex:
    fingerprint: tuple[object, ...]
    rows: list[_Row]
    matrix: np.ndarray
    has_vector: np.ndarray
    bm25: BM25Index


_CACHE: OrderedDict[tuple[str, str, str, str], _BrandIndex] = OrderedDict()
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE = 16


def _fingerprint(scope: OrgScope, brand_id: str) -> tuple[object, ...]:
    row = scope.session.execute(
        select(
            func.count(KbDocument.id),
            func.max(KbDocument.created_at),
            func.coalesce(func.sum(KbDocument.passage_count), 0),
        ).where(KbDocument.org_id == scope.org_id, KbDocument.brand_id == brand_id)
    ).one()
    return tuple(row)


def _brand_index(scope: OrgScope, brand_id: str, model: str) -> _BrandIndex:
    bind = scope.session.get_bind()
    key = (bind.engine.url.render_as_string(), scope.org_id, brand_id, model)
    fingerprint = _fingerprint(scope, brand_id)
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
        if cached is not None and cached.fingerprint == fingerprint:
            _CACHE.move_to_end(key)
            return cached
    stmt = (
        select(KbPassage, KbDocument.embedding_model)
        .join(KbDocument, KbDocument.id == KbPassage.document_id)
        .where(KbPassage.org_id == scope.org_id, KbPassage.brand_id == brand_id)
        .order_by(KbPassage.document_id, KbPassage.ordinal)
    )
    rows: list[_Row] = []
    vectors: list[np.ndarray] = []
    has_vector: list[bool] = []
    for passage, passage_model in scope.session.execute(stmt):
        rows.append(_Row.of(passage))
        embedding = passage.embedding
        usable = embedding is not None and passage_model == model
        has_vector.append(usable)
        vectors.append(embedding if embedding is not None and usable else _ZERO)
    matrix = np.vstack(vectors) if vectors else np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    index = _BrandIndex(
        fingerprint=fingerprint,
        rows=rows,
        matrix=np.ascontiguousarray(matrix, dtype=np.float32),
        has_vector=np.array(has_vector, dtype=bool),
        bm25=BM25Index([f"{r.title}\n{r.text}" for r in rows]),
    )
    with _CACHE_LOCK:
        _CACHE[key] = index
        _CACHE.move_to_end(key)
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return index


def _hit(row: _Row, score: float, bm25_rank: int | None, vector_rank: int | None) -> PassageHit:
    return PassageHit(
        passage_id=row.id,
        document_id=row.document_id,
        text=row.text,
        score=round(score, 6),
        source=row.source,
        source_type=row.source_type,
        title=row.title,
        ordinal=row.ordinal,
        char_start=row.char_start,
        char_end=row.char_end,
        bm25_rank=bm25_rank,
        vector_rank=vector_rank,
    )


def _fuse(
    rows: dict[str, _Row], lexical: list[str], semantic: list[str], k: int
) -> list[PassageHit]:
    fused = reciprocal_rank_fusion([lexical, semantic])
    best = sorted(fused.items(), key=lambda item: (-item[1], item[0]))[:k]
    lex_rank = {pid: i for i, pid in enumerate(lexical, start=1)}
    vec_rank = {pid: i for i, pid in enumerate(semantic, start=1)}
    return [_hit(rows[pid], score, lex_rank.get(pid), vec_rank.get(pid)) for pid, score in best]


def search_in_process(
    scope: OrgScope,
    brand_id: str,
    query: str,
    vector: np.ndarray,
    *,
    model: str,
    k: int,
    depth: int,
) -> list[PassageHit]:
    """Hybrid search over the cached matrix and BM25 index (any database)."""
    index = _brand_index(scope, brand_id, model)
    if not index.rows:
        return []
    lexical_at = [i for i, _ in index.bm25.top(query, depth)]
    sims = index.matrix @ vector.astype(np.float32)
    sims[~index.has_vector] = -np.inf
    n = min(depth, len(sims))
    top = np.argpartition(-sims, n - 1)[:n]
    semantic_at = [
        int(i) for i in top[np.argsort(-sims[top], kind="stable")] if np.isfinite(sims[i])
    ]
    by_id = {index.rows[i].id: index.rows[i] for i in lexical_at + semantic_at}
    lexical = [index.rows[i].id for i in lexical_at]
    semantic = [index.rows[i].id for i in semantic_at]
    return _fuse(by_id, lexical, semantic, k)


def _query_words(query: str) -> list[str]:
    words = [w for w in _PG_WORD.findall(query.lower()) if w not in STOPWORDS]
    return list(dict.fromkeys(words))[:32]


def _postgres_lexical(session: Session, params: dict[str, object], words: list[str]) -> list[str]:
    """Passage ids ranked by full text: ``ts_rank_cd`` per term, weighted by the term's IDF.

    ``ts_rank_cd`` alone has no notion of how rare a term is, so a question's
    common words ("coffee" on a coffee site) would drown its telling ones.
    """
    if not words:
        return []
    scope_sql = "p.org_id = :org AND p.brand_id = :brand"
    counts = session.execute(
        text(
            "SELECT t.word, (SELECT count(*) FROM kb_passages p WHERE "
            + scope_sql
            + " AND p.tsv @@ to_tsquery('english', t.word)) "
            "FROM unnest(CAST(:words AS text[])) AS t(word)"
        ),
        {**params, "words": words},
    ).all()
    total = session.execute(
        text("SELECT count(*) FROM kb_passages p WHERE " + scope_sql), params
    ).scalar_one()
    weights = {word: math.log(1 + (total - df + 0.5) / (df + 0.5)) for word, df in counts if df}
    if not weights:
        return []
    terms = list(weights)
    score = " + ".join(
        f"{weights[w]:.6f} * ts_rank_cd(p.tsv, to_tsquery('english', :w{i}), 1)"
        for i, w in enumerate(terms)
    )
    binds = {f"w{i}": w for i, w in enumerate(terms)}
    return list(
        session.scalars(
            text(
                f"SELECT p.id FROM kb_passages p WHERE {scope_sql} "
                "AND p.tsv @@ to_tsquery('english', :any) "
                f"ORDER BY {score} DESC, p.id LIMIT :n"
            ),
            {**params, **binds, "any": " | ".join(terms)},
        )
    )


def search_postgres(
    scope: OrgScope,
    brand_id: str,
    query: str,
    vector: np.ndarray,
    *,
    model: str,
    k: int,
    depth: int,
) -> list[PassageHit]:
    """Hybrid search in PostgreSQL: ``ts_rank_cd`` full text plus pgvector cosine."""
    session = scope.session
    params = {"org": scope.org_id, "brand": brand_id, "n": depth}
    lexical = _postgres_lexical(session, params, _query_words(query))
    literal = "[" + ",".join(f"{x:.7g}" for x in vector.tolist()) + "]"
    semantic = list(
        session.scalars(
            text(
                "SELECT p.id FROM kb_passages p JOIN kb_documents d ON d.id = p.document_id "
                "WHERE p.org_id = :org AND p.brand_id = :brand AND d.embedding_model = :model "
                "AND p.embedding IS NOT NULL "
                "ORDER BY p.embedding <=> CAST(:vec AS vector), p.id LIMIT :n"
            ),
            {**params, "model": model, "vec": literal},
        )
    )
    ids = set(lexical) | set(semantic)
    if not ids:
        return []
    rows = session.scalars(
        select(KbPassage).where(KbPassage.org_id == scope.org_id, KbPassage.id.in_(ids))
    )
    return _fuse({r.id: _Row.of(r) for r in rows}, lexical, semantic, k)
