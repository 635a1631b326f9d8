"""Knowledge-base benchmark: ingest rate and query latency at 10,000 passages.

Run:  python bench/knowledge/kb_bench.py [--passages 10000] [--queries 200] [--pg URL]

Builds realistic synthetic brand documents (a coffee roaster's product notes,
policies and stories), ingests them with the real local embedder through the
public service, then times hybrid ``search()`` on SQLite and, when reachable,
PostgreSQL (pgvector + full text). It prints one line per figure. Not a test.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sqlalchemy import text

from agency.db import Brand, Database, Organization, OrgScope, create_database, upgrade_to_head
from agency.intelligence.knowledge import LoadedDocument, LocalEmbedder, ingest_document, search
from agency.intelligence.knowledge.embeddings import Embedder

ORIGINS = [
    "Ethiopia Guji",
    "Colombia Huila",
    "Brazil Cerrado",
    "Guatemala Huehuetenango",
    "Sumatra Gayo",
    "Kenya Nyeri",
    "Peru Cajamarca",
    "Rwanda Nyamasheke",
]
NOTES = [
    "jasmine",
    "bergamot",
    "milk chocolate",
    "toasted almond",
    "ripe plum",
    "molasses",
    "cedar",
    "brown sugar",
    "orange peel",
    "red apple",
    "caramel",
    "blackcurrant",
]
TOPICS = [
    "shipping",
    "returns",
    "subscriptions",
    "wholesale",
    "brewing",
    "sourcing",
    "roasting",
    "storage",
    "gift cards",
    "cafe hours",
    "events",
    "sustainability",
]
TEMPLATES = [
    "Our {origin} lot arrived in {month} and we roast it {roast}, finishing about {secs} "
    "seconds after first crack so that the {n1} and {n2} stay clear in the cup.",
    "For {topic}, the short answer is that we handle it ourselves: {who} reads every note, "
    "and most questions get a reply within {hours} hours on weekdays.",
    "We pay {price} dollars per pound for green coffee from {origin}, well above the "
    "commodity price, and we publish that number on every bag we sell.",
    "A {size}-ounce bag makes about {cups} cups at our usual ratio of one gram of coffee "
    "to sixteen grams of water, brewed between 92 and 96 degrees.",
    "The {origin} farmers deliver cherry to a washing station at {alt} metres, where it is "
    "fermented for {hours} hours and dried on raised beds for {days} days.",
    "Customers often ask about {topic}; our policy is simple and written in plain words, "
    "and it has not changed since we opened the roastery in {year}.",
    "Brew it as a pour-over with {grams} grams of coffee and expect {n1} up front, {n2} as it "
    "cools and a finish that lasts well after the last sip.",
    "On {day} mornings the roaster runs {batches} batches of twelve kilos each, and every bag "
    "is packed by hand and shipped the next day from Duluth.",
]
MONTHS = ["March", "April", "May", "June", "September", "October", "November"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
WHO = ["Sam", "Priya", "Theo", "Maren", "our care team"]


def _sentence(rng: random.Random) -> str:
    n1, n2 = rng.sample(NOTES, 2)
    return rng.choice(TEMPLATES).format(
        origin=rng.choice(ORIGINS),
        month=rng.choice(MONTHS),
        roast=rng.choice(["light", "medium", "medium-dark"]),
        secs=rng.randint(40, 120),
        n1=n1,
        n2=n2,
        topic=rng.choice(TOPICS),
        who=rng.choice(WHO),
        hours=rng.randint(12, 72),
        price=f"{rng.uniform(2.5, 6.0):.2f}",
        size=rng.choice([10, 12, 16, 32]),
        cups=rng.randint(12, 40),
        alt=rng.randint(1400, 2300),
        days=rng.randint(8, 21),
        year=rng.randint(2010, 2020),
        grams=rng.randint(15, 30),
        day=rng.choice(DAYS),
        batches=rng.randint(4, 20),
    )


def synthetic_documents(passages: int, *, per_doc: int = 10, seed: int = 7) -> list[LoadedDocument]:
    """Documents of ``per_doc`` paragraphs (≈90 words each, one passage apiece)."""
    rng = random.Random(seed)
    docs = []
    for d in range(0, passages, per_doc):
        paragraphs = []
        for _ in range(min(per_doc, passages - d)):
            words = 0
            sentences = []
            while words < 85:
                sentence = _sentence(rng)
                sentences.append(sentence)
                words += len(sentence.split())
            paragraphs.append(" ".join(sentences))
        docs.append(
            LoadedDocument(
                source=f"notes-{d // per_doc:05d}.md",
                source_type="markdown",
                title=f"{rng.choice(TOPICS).title()} notes",
                text="\n\n".join(paragraphs),
            )
        )
    return docs


def synthetic_queries(n: int, *, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    forms = [
        "How do you handle {topic}?",
        "What does the {origin} coffee taste like?",
        "How much do you pay farmers in {origin}?",
        "How should I brew the {origin}?",
        "Which coffee has {note} notes?",
        "At what altitude is {origin} grown?",
        "How many cups does a bag make?",
        "When do you roast the {origin} lot?",
    ]
    return [
        rng.choice(forms).format(
            topic=rng.choice(TOPICS), origin=rng.choice(ORIGINS), note=rng.choice(NOTES)
        )
        for _ in range(n)
    ]


class RecordingEmbedder:
    """Delegates to the local model and keeps vectors, so a second database reuses them."""

    def __init__(self, inner: Embedder) -> None:
        self.inner, self.name, self.dimension = inner, inner.name, inner.dimension
        self.memo: dict[str, np.ndarray] = {}

    def load(self, path: Path) -> None:
        if path.exists():
            data = np.load(path, allow_pickle=False)
            self.memo.update(zip(data["texts"].tolist(), data["vectors"], strict=True))

    def save(self, path: Path) -> None:
        texts = list(self.memo)
        np.savez(path, texts=np.array(texts), vectors=np.vstack([self.memo[t] for t in texts]))

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        todo = [t for t in texts if t not in self.memo]
        if todo:
            self.memo.update(zip(todo, self.inner.embed(todo), strict=True))
        return np.vstack([self.memo[t] for t in texts])


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def _report(label: str, what: str, samples: list[float]) -> None:
    p50, p95 = _percentiles(samples)
    print(f"[{label}] {what}, {len(samples)} queries: p50 {p50:.1f} ms, p95 {p95:.1f} ms")


def _timed_searches(
    db: Database, org_id: str, brand_id: str, queries: list[str], embedder: Embedder
) -> list[float]:
    samples: list[float] = []
    with db.session() as session:
        scope = OrgScope(session, org_id)
        for query in queries:
            t0 = time.perf_counter()
            search(scope, brand_id, query, embedder=embedder, k=5)
            samples.append(1000 * (time.perf_counter() - t0))
    return samples


def run(
    db: Database,
    label: str,
    docs: list[LoadedDocument],
    queries: list[str],
    embedder: RecordingEmbedder,
) -> None:
    """Ingest ``docs`` into a fresh brand on ``db`` and time ``queries`` against it."""
    with db.session() as session:
        org = Organization(name="Bench", slug=f"bench-{uuid.uuid4().hex[:6]}")
        session.add(org)
        session.flush()
        brand = Brand(name="B", url="https://b.test", domain="b.test")
        org_id, brand_id = org.id, OrgScope(session, org.id).add(brand).id
    start = time.perf_counter()
    stored = 0
    for doc in docs:
        with db.session() as session:
            scope = OrgScope(session, org_id)
            stored += ingest_document(scope, brand_id, doc, embedder=embedder).passages
    took = time.perf_counter() - start
    if db.engine.dialect.name == "postgresql":
        # What autovacuum does after a bulk load; the bench does not wait for it.
        with db.engine.begin() as conn:
            conn.execute(text("ANALYZE kb_passages; ANALYZE kb_documents"))
    print(f"[{label}] ingest: {stored} passages in {took:.1f} s = {stored / took:.1f} passages/s")
    with db.session() as session:
        t0 = time.perf_counter()
        search(OrgScope(session, org_id), brand_id, queries[0], embedder=embedder, k=5)
        first = 1000 * (time.perf_counter() - t0)
    print(f"[{label}] first query (builds the per-brand cache where there is one): {first:.0f} ms")
    _report(
        label,
        "search end to end (query embedded)",
        _timed_searches(db, org_id, brand_id, queries, embedder.inner),
    )
    embedder.embed(queries)
    _report(
        label,
        "search, query vector precomputed",
        _timed_searches(db, org_id, brand_id, queries, embedder),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--pg",
        default="postgresql://postgres@127.0.0.1:5432/postgres",
        help="PostgreSQL admin URL ('' to skip)",
    )
    parser.add_argument(
        "--vectors",
        type=Path,
        default=None,
        help="an .npz of passage vectors: written on the first run, reused after (then the "
        "ingest figure excludes embedding)",
    )
    args = parser.parse_args(argv)
    docs = synthetic_documents(args.passages)
    queries = synthetic_queries(args.queries)
    local = LocalEmbedder()
    t0 = time.perf_counter()
    local.embed(["warm up"])
    print(f"model load: {time.perf_counter() - t0:.1f} s")
    cold = synthetic_queries(args.queries, seed=99)
    times = []
    for query in cold:
        t0 = time.perf_counter()
        local.embed([query])
        times.append(1000 * (time.perf_counter() - t0))
    _report("model", "query embedding alone (MiniLM, CPU)", times)
    embedder = RecordingEmbedder(local)
    if args.vectors and args.vectors.exists():
        embedder.load(args.vectors)
        print(
            f"reusing {len(embedder.memo)} vectors from {args.vectors}: ingest excludes embedding"
        )
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        upgrade_to_head(url)
        db = create_database(url)
        run(db, "sqlite", docs, queries, embedder)
        db.dispose()
    if args.vectors and not args.vectors.exists():
        embedder.save(args.vectors)
    if args.pg:
        try:
            import psycopg

            name = f"kb_bench_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(args.pg, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
        except Exception as exc:  # report and skip an unreachable server
            print(f"[postgresql] skipped: {exc}")
            return 0
        url = args.pg.rpartition("/")[0] + f"/{name}"
        try:
            upgrade_to_head(url)
            db = create_database(url)
            print(
                "[postgresql] passage vectors reused from the SQLite run: ingest excludes embedding"
            )
            run(db, "postgresql", docs, queries, embedder)
            db.dispose()
        finally:
            with psycopg.connect(args.pg, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return 0


if __name__ == "__main__":
    sys.exit(main())
