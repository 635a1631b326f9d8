"""Hybrid search inside PostgreSQL: full text (``tsvector``) and pgvector cosine.

``ts_rank_cd`` knows nothing of how rare a term is, so a question's common words
("coffee" on a coffee site) would drown its telling ones. Each brand's document
frequencies (``ts_stat``) are cached until its documents change. The match uses
the question's rarer lexemes, rarest first while they hit at most ~1,000 passages;
an unweighted ``ts_rank_cd`` picks 200 candidates, re-ranked by the IDF-weighted
sum of per-term ranks over up to six lexemes.

Vectors use pgvector's HNSW index with iterative scans (so the brand filter cannot
starve it); the planner scans exactly where a brand has few passages.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
from sqlalchemy import select, text
from sqlalchemy.orm import defer

from agency.db.knowledge_models import KbPassage
from agency.db.repository import OrgScope
from agency.intelligence.knowledge.fusion import (
    BrandCache,
    Fingerprint,
    PassageRow,
    brand_fingerprint,
    cache_key,
    fuse,
)
from agency.intelligence.knowledge.models import PassageHit

_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
COMMON_SHARE = 0.2
MAX_TERMS = 6
CANDIDATES = 200
MATCH_BUDGET = 1000


@dataclass(frozen=True)
class TermStats:
    """How many of a brand's passages hold each lexeme."""

    total: int
    df: dict[str, int]

    def idf(self, lexeme: str) -> float:
        df = self.df.get(lexeme, 0)
        return math.log(1 + (self.total - df + 0.5) / (df + 0.5))


_STATS: BrandCache[TermStats] = BrandCache()


def _term_stats(scope: OrgScope, brand_id: str, fingerprint: Fingerprint) -> TermStats:
    if not (_SAFE_ID.match(scope.org_id) and _SAFE_ID.match(brand_id)):
        raise ValueError("organization and brand ids must be URL-safe ids")
    inner = (
        f"SELECT tsv FROM kb_passages WHERE org_id = '{scope.org_id}' AND brand_id = '{brand_id}'"
    )
    rows = scope.session.execute(text("SELECT word, ndoc FROM ts_stat(:q)"), {"q": inner})
    return TermStats(total=fingerprint.passages, df={word: int(n) for word, n in rows})


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _lexical(
    scope: OrgScope, brand_id: str, query: str, fingerprint: Fingerprint, depth: int
) -> list[str]:
    session = scope.session
    stats = _STATS.get(
        cache_key(scope, brand_id), fingerprint, lambda: _term_stats(scope, brand_id, fingerprint)
    )
    lexemes = session.scalars(
        text("SELECT lexeme FROM unnest(to_tsvector('english', :q))"), {"q": query}
    ).all()
    terms = sorted((t for t in lexemes if t in stats.df), key=stats.idf, reverse=True)
    if not terms:
        return []
    rare = [t for t in terms if stats.df[t] <= COMMON_SHARE * stats.total] or terms[:2]
    rare = rare[:MAX_TERMS]
    match: list[str] = []
    matched = 0
    for term in rare:
        if match and matched + stats.df[term] > MATCH_BUDGET:
            break
        match.append(term)
        matched += stats.df[term]
    binds: dict[str, object] = {
        "org": scope.org_id,
        "brand": brand_id,
        "n": depth,
        "pool": max(CANDIDATES, 5 * depth),
        "match": " | ".join(_quote(t) for t in match),
    }
    weighted = []
    for i, term in enumerate(rare):
        binds[f"t{i}"] = _quote(term)
        weighted.append(f"{stats.idf(term):.5f} * ts_rank_cd(c.tsv, CAST(:t{i} AS tsquery), 1)")
    return list(
        session.scalars(
            text(
                "SELECT c.id FROM (SELECT p.id, p.tsv FROM kb_passages p "
                "WHERE p.org_id = :org AND p.brand_id = :brand "
                "AND p.tsv @@ CAST(:match AS tsquery) "
                "ORDER BY ts_rank_cd(p.tsv, CAST(:match AS tsquery), 1) DESC LIMIT :pool) c "
                f"ORDER BY {' + '.join(weighted)} DESC, c.id LIMIT :n"
            ),
            binds,
        )
    )


def _semantic(
    scope: OrgScope, brand_id: str, vector: np.ndarray, model: str, single: bool, depth: int
) -> list[str]:
    literal = "[" + ",".join(f"{x:.7g}" for x in vector.tolist()) + "]"
    same_model = (
        ""
        if single
        else "AND p.document_id IN (SELECT d.id FROM kb_documents d WHERE d.brand_id = :brand "
        "AND d.embedding_model = :model) "
    )
    session = scope.session
    session.execute(
        text(
            "SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true), "
            "set_config('hnsw.ef_search', :ef, true)"
        ),
        {"ef": str(max(40, min(depth, 1000)))},
    )
    return list(
        session.scalars(
            text(
                "SELECT s.id FROM (SELECT p.id, p.embedding <=> CAST(:vec AS vector) AS d "
                "FROM kb_passages p WHERE p.org_id = :org AND p.brand_id = :brand "
                f"AND p.embedding IS NOT NULL {same_model}"
                "ORDER BY d LIMIT :n) s ORDER BY s.d, s.id"
            ),
            {"org": scope.org_id, "brand": brand_id, "model": model, "vec": literal, "n": depth},
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
    """IDF-weighted full-text and pgvector cosine rankings, fused."""
    fingerprint = brand_fingerprint(scope, brand_id)
    if fingerprint.passages == 0:
        return []
    lexical = _lexical(scope, brand_id, query, fingerprint, depth)
    single = fingerprint.single_model(model)
    semantic = _semantic(scope, brand_id, vector, model, single, depth)
    ids = set(lexical) | set(semantic)
    if not ids:
        return []
    rows = scope.session.scalars(
        select(KbPassage)
        .options(defer(KbPassage.embedding))
        .where(KbPassage.org_id == scope.org_id, KbPassage.id.in_(ids))
    )
    return fuse({r.id: PassageRow.of(r) for r in rows}, lexical, semantic, k)
