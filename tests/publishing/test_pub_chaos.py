"""Chaos: 200 scheduled posts on six platforms, the worker SIGKILLed at random points and
restarted; every post is published exactly once and none is lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from agency.config import Settings
from agency.core.clock import utcnow
from agency.db import Database, OrgScope, PublishQueueItem
from agency.db.publishing_models import PublishDispatch
from agency.distribution.publishing import Disclosure, schedule_post
from agency.distribution.publishing.sandbox import SandboxServer

WORKER = Path(__file__).with_name("chaos_worker.py")
POSTS = 200
PLATFORMS = ("x", "linkedin", "facebook", "instagram", "tiktok", "youtube")
EXTERNAL = {
    "x": "u1",
    "linkedin": "urn:li:person:m1",
    "facebook": "page1",
    "instagram": "igu1",
    "tiktok": "tt1",
    "youtube": "ch1",
}


def _schedule_all(db: Database, org_id: str, accounts: dict[str, str], make_asset) -> list[str]:
    image = make_asset("image/jpeg", width=1080, height=1350, size=4000, name="pull.jpg")
    pull_video = make_asset(
        "video/mp4", width=1080, height=1920, duration_s=20, size=6000, name="pull.mp4"
    )
    file_video = make_asset(
        "video/mp4", width=1080, height=1920, duration_s=20, size=70_000, name="file.mp4"
    )
    start = utcnow() + timedelta(seconds=2)
    texts: list[str] = []
    with db.session() as s:
        scope = OrgScope(s, org_id)
        for i in range(POSTS):
            platform = PLATFORMS[i % len(PLATFORMS)]
            text = f"Chaos post {i} on {platform}: cold brew, steeped 18 hours."
            kw: dict = {}
            if platform == "x" and i % 4 == 0:
                kw = {"kind": "thread"}
                text = "\n\n---\n\n".join(
                    f"Chaos thread {i} part {n}." for n in ("one", "two", "three")
                )
            elif platform == "instagram":
                kw = {
                    "kind": "carousel" if i % 3 == 0 else "post",
                    "media_asset_ids": [image] * (3 if i % 3 == 0 else 1),
                }
            elif platform == "tiktok":
                kw = {
                    "kind": "video",
                    "media_asset_ids": [pull_video if i % 2 else file_video],
                    "disclosure": Disclosure(ai_generated=False),
                }
            elif platform == "youtube":
                kw = {"kind": "video", "media_asset_ids": [file_video], "title": f"Chaos video {i}"}
            when = start + timedelta(milliseconds=40 * i)
            item = schedule_post(scope, account_id=accounts[platform], text=text, when=when, **kw)
            texts.append(item.id)
    return texts


@pytest.mark.slow
def test_killed_worker_publishes_every_post_exactly_once(
    db: Database, settings: Settings, org_id: str, make_account, make_asset, tmp_path: Path
) -> None:
    accounts = {p: make_account(p, EXTERNAL[p]).id for p in PLATFORMS}
    ids = _schedule_all(db, org_id, accounts, make_asset)
    rng = random.Random(int(os.environ.get("CHAOS_SEED", "20261125")))
    with SandboxServer() as sandbox:
        sandbox.world.latency_s = 0.003
        args = [
            sys.executable,
            str(WORKER),
            settings.resolved_database_url,
            sandbox.url,
            str(settings.data_dir),
            "chaos-worker",
        ]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        kills = _kill_rounds(sandbox, args, env, rng)
        deadline = time.monotonic() + 240
        worker = subprocess.Popen(args, env=env)
        try:
            while time.monotonic() < deadline:
                with db.session() as s:
                    statuses = s.scalars(select(PublishQueueItem.status)).all()
                if all(st in ("published", "failed") for st in statuses):
                    break
                time.sleep(0.5)
        finally:
            worker.send_signal(signal.SIGTERM)
            worker.wait(20)
        world = sandbox.world
        with db.session() as s:
            items = s.scalars(select(PublishQueueItem)).all()
            errors = {i.id: i.error for i in items if i.status != "published"}
            assert errors == {}, errors
            assert len(items) == len(ids) == POSTS
            for item in items:
                texts = item.content["parts"] or [item.content["text"]]
                if item.platform == "youtube":  # a video is known by its title
                    texts = [item.content["title"]]
                for text in texts:
                    assert world.count(item.platform, text) == 1, (item.platform, text)
                assert world.find(str(item.platform_post_id).rsplit("_", 1)[-1].rsplit(":", 1)[-1])
        published = sum(len(i.content["parts"] or [1]) for i in items)
        assert len(world.posts) == published
        assert kills["total"] == 12 and kills["after_answer"] >= 3, kills
        interrupted = [i for i in items if i.attempts > 1]
        reconciled = [i for i in items if any(h.get("reconciled") for h in _history(db, i.id))]
        print(
            f"chaos: {kills} kills, {len(interrupted)} posts interrupted mid-publish, "
            f"{len(reconciled)} recorded by reconciliation, {len(world.posts)} platform posts"
        )


def _kill_rounds(
    sandbox: SandboxServer, args: list[str], env: dict[str, str], rng: random.Random
) -> dict[str, int]:
    """Start the worker and SIGKILL it, twelve times: some rounds right after a platform
    created a post and before the worker could record it, the others at a random moment."""
    world = sandbox.world
    state = {"pid": 0, "armed": False}
    kills = {"total": 0, "after_answer": 0}
    original = world.record

    def record_then_maybe_kill(*a: Any, **kw: Any) -> Any:
        post = original(*a, **kw)
        if state["armed"] and rng.random() < 0.3:
            state["armed"] = False
            kills["after_answer"] += 1
            os.kill(int(state["pid"]), signal.SIGKILL)  # the answer never reaches the worker
        return post

    world.record = record_then_maybe_kill  # type: ignore[method-assign]
    try:
        for round_no in range(12):
            worker = subprocess.Popen(args, env=env)
            state.update(pid=worker.pid, armed=round_no % 4 != 3)
            try:
                worker.wait(timeout=rng.uniform(2.5, 4.5))
            except subprocess.TimeoutExpired:
                worker.send_signal(signal.SIGKILL)
                worker.wait()
            state["armed"] = False
            kills["total"] += 1
    finally:
        world.record = original  # type: ignore[method-assign]
    return kills


def _history(db: Database, item_id: str) -> list[dict]:
    with db.session() as s:
        dispatch = s.get(PublishDispatch, item_id)
        return list(dispatch.history if dispatch else [])
