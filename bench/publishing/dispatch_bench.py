"""How many scheduled posts per hour one publishing worker dispatches against the local
platform servers, and how late they go out (p50/p99 of published_at - scheduled_at).

Two phases on a fresh SQLite (or --database-url) database:

* throughput: N posts all due now, one worker drains them → posts/hour;
* lateness: M posts scheduled at a steady rate over S seconds while the worker runs
  → lateness percentiles (the worker polls every --idle-s seconds).

Run: python bench/publishing/dispatch_bench.py [--posts 300] [--lateness-posts 120]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

import httpx
from sqlalchemy import select

from agency.config import Settings
from agency.core.clock import utcnow
from agency.db import Database, OrgScope, PublishQueueItem, create_database, upgrade_to_head
from agency.db.tenancy import create_organization
from agency.distribution.accounts import Secret, TokenCipher, as_utc, save_account
from agency.distribution.publishing import (
    Dispatcher,
    MediaFile,
    build_publishers,
    schedule_post,
)
from agency.distribution.publishing.sandbox import SandboxServer, base_urls

PLATFORMS = {"x": "u1", "linkedin": "urn:li:person:m1", "facebook": "page1"}


def _setup(db: Database, cipher: TokenCipher) -> tuple[str, dict[str, str]]:
    with db.session() as s:
        org = create_organization(s, "Bench").id
        scope = OrgScope(s, org)
        accounts = {
            platform: save_account(
                scope,
                cipher=cipher,
                platform=platform,
                external_id=external,
                display_name=external,
                access_token=Secret(f"tok-{external.rsplit(':', 1)[-1]}"),
                expires_at=utcnow() + timedelta(days=1),
            ).id
            for platform, external in PLATFORMS.items()
        }
    return org, accounts


def _schedule(
    db: Database,
    org: str,
    accounts: dict[str, str],
    count: int,
    *,
    start_in_s: float,
    spread_s: float,
    tag: str,
) -> None:
    start = utcnow() + timedelta(seconds=start_in_s)
    names = list(accounts)
    with db.session() as s:
        scope = OrgScope(s, org)
        for i in range(count):
            platform = names[i % len(names)]
            when = start + timedelta(seconds=spread_s * i / max(1, count))
            schedule_post(
                scope,
                account_id=accounts[platform],
                text=f"{tag} post {i} on {platform}",
                when=when,
                now=utcnow() - timedelta(seconds=1),
            )


def _no_media(_scope: OrgScope, _ids: Sequence[str]) -> list[MediaFile]:
    return []


def _wait_all_published(db: Database, tag: str, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with db.session() as s:
            statuses = s.scalars(select(PublishQueueItem.status)).all()
        if all(st == "published" for st in statuses):
            return
        time.sleep(0.1)
    raise SystemExit(f"{tag}: not all posts were published within {timeout_s:g} s")


def _lateness(db: Database, since_text: str) -> list[float]:
    with db.session() as s:
        items = s.scalars(select(PublishQueueItem)).all()
        return sorted(
            (as_utc(i.published_at) - as_utc(i.scheduled_at)).total_seconds()  # type: ignore[operator]
            for i in items
            if i.content["text"].startswith(since_text) and i.published_at is not None
        )


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    index = min(len(values) - 1, max(0, round(q * (len(values) - 1))))
    return values[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--lateness-posts", type=int, default=120)
    parser.add_argument("--lateness-window-s", type=float, default=30.0)
    parser.add_argument("--idle-s", type=float, default=0.2)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    with (
        tempfile.TemporaryDirectory() as tmp,
        SandboxServer() as sandbox,
        httpx.Client(timeout=10) as http,
    ):
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        upgrade_to_head(url)
        db = create_database(url)
        settings = Settings(data_dir=Path(tmp), _env_file=None)  # type: ignore[call-arg]
        cipher = TokenCipher.from_settings(settings)
        org, accounts = _setup(db, cipher)
        publishers = build_publishers(
            http_client=http, base_urls=base_urls(sandbox.url), poll_interval_s=0.02
        )
        worker = Dispatcher(
            db,
            publishers=publishers,
            cipher=cipher,
            media_resolver=_no_media,
            worker_id="bench",
            limits={},
        )

        _schedule(db, org, accounts, args.posts, start_in_s=0, spread_s=0, tag="burst")
        started = time.perf_counter()
        outcomes = worker.drain()
        elapsed = time.perf_counter() - started
        published = sum(1 for o in outcomes if o.status == "published")
        print(f"database: {db.engine.dialect.name}")
        print(
            f"throughput: {published} posts in {elapsed:.2f} s by one worker "
            f"= {published / elapsed * 3600:,.0f} posts/hour "
            f"({elapsed / published * 1000:.1f} ms/post)"
        )

        stop = threading.Event()
        thread = threading.Thread(target=worker.run, kwargs={"stop": stop, "idle_s": args.idle_s})
        _schedule(
            db,
            org,
            accounts,
            args.lateness_posts,
            start_in_s=2.0,
            spread_s=args.lateness_window_s,
            tag="steady",
        )
        thread.start()
        _wait_all_published(db, "steady", args.lateness_window_s + 60)
        stop.set()
        thread.join()
        late = _lateness(db, "steady")
        print(
            f"lateness over {len(late)} posts spread across {args.lateness_window_s:g} s "
            f"(worker idle poll {args.idle_s:g} s): p50 {_pct(late, 0.5) * 1000:.0f} ms, "
            f"p99 {_pct(late, 0.99) * 1000:.0f} ms, max {max(late) * 1000:.0f} ms, "
            f"mean {statistics.fmean(late) * 1000:.0f} ms"
        )
        dupes = [key for key, n in sandbox.world.creations.items() if n != 1]
        print(f"platform creations: {len(sandbox.world.posts)}, duplicates: {len(dupes)}")
        db.dispose()


if __name__ == "__main__":
    main()
