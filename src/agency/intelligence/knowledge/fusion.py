"""Shared pieces of hybrid retrieval: passage rows, reciprocal rank fusion, a brand's
index fingerprint and a small cache keyed by it."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import func, select

from agency.db.knowledge_models import KbDocument, KbPassage
from agency.db.repository import OrgScope
from agency.intelligence.knowledge.models import PassageHit

RRF_K = 60
T = TypeVar("T")


def reciprocal_rank_fusion(rankings: list[list[str]], *, k: int = RRF_K) -> dict[str, float]:
    """Fused score per id: the sum over rankings of 1 / (k + rank), ranks from 1."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank)
    return fused


@dataclass(frozen=True)
class PassageRow:
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
    def of(cls, p: KbPassage) -> PassageRow:
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


def fuse(
    rows: dict[str, PassageRow], lexical: list[str], semantic: list[str], k: int
) -> list[PassageHit]:
    """The ``k`` best passages by RRF over both rankings, with each ranking's rank."""
    fused = reciprocal_rank_fusion([lexical, semantic])
    best = sorted(fused.items(), key=lambda item: (-item[1], item[0]))[:k]
    lex_rank = {pid: i for i, pid in enumerate(lexical, start=1)}
    vec_rank = {pid: i for i, pid in enumerate(semantic, start=1)}
    hits = []
    for pid, score in best:
        row = rows[pid]
        hits.append(
            PassageHit(
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
                bm25_rank=lex_rank.get(pid),
                vector_rank=vec_rank.get(pid),
            )
        )
    return hits


@dataclass(frozen=True)
class Fingerprint:
    """Changes whenever a brand's documents do; also says which models embedded them."""

    documents: int
    newest: object
    passages: int
    models: int
    model: str | None

    def single_model(self, name: str) -> bool:
        return self.models <= 1 and self.model in (None, name)


def brand_fingerprint(scope: OrgScope, brand_id: str) -> Fingerprint:
    row = scope.session.execute(
        select(
            func.count(KbDocument.id),
            func.max(KbDocument.created_at),
            func.coalesce(func.sum(KbDocument.passage_count), 0),
            func.count(func.distinct(KbDocument.embedding_model)),
            func.min(KbDocument.embedding_model),
        ).where(KbDocument.org_id == scope.org_id, KbDocument.brand_id == brand_id)
    ).one()
    return Fingerprint(int(row[0]), row[1], int(row[2]), int(row[3]), row[4])


class BrandCache(Generic[T]):
    """A small LRU of per-brand derived data, rebuilt when the fingerprint changes."""

    def __init__(self, size: int = 16) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, ...], tuple[Fingerprint, T]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, ...], fingerprint: Fingerprint, build: Callable[[], T]) -> T:
        with self._lock:
            cached = self._items.get(key)
            if cached is not None and cached[0] == fingerprint:
                self._items.move_to_end(key)
                return cached[1]
        value = build()
        with self._lock:
            self._items[key] = (fingerprint, value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


def cache_key(scope: OrgScope, brand_id: str, *extra: str) -> tuple[str, ...]:
    url = scope.session.get_bind().engine.url.render_as_string(hide_password=True)
    return (url, scope.org_id, brand_id, *extra)
