"""The dispatcher against the local platform servers: publish, retry, fail with the
platform's message, refresh tokens, pause on 429, reconcile after a crash."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import update

from agency.core.clock import utcnow
from agency.db import Database, OrgScope, PublishQueueItem
from agency.db.publishing_models import PublishDispatch, SocialAccount
from agency.distribution.accounts import OAuthClient, Secret, as_utc, oauth_provider
from agency.distribution.publishing import (
    Dispatcher,
    OAuthRefresher,
    RateLimit,
    get_post,
    publish_now,
    schedule_post,
)
from agency.distribution.publishing.sandbox import Fault, base_urls


def _queue(db: Database, org_id: str, account_id: str, text: str, **kw: object) -> str:
    with db.session() as s:
        return publish_now(OrgScope(s, org_id), account_id=account_id, text=text, **kw).id


def _item(db: Database, org_id: str, item_id: str) -> PublishQueueItem:
    with db.session() as s:
        return get_post(OrgScope(s, org_id), item_id)


def test_due_posts_are_published_and_future_ones_wait(
    db, org_id, make_account, dispatcher, sandbox
) -> None:
    account = make_account("x", "u1")
    due = _queue(db, org_id, account.id, "now please")
    with db.session() as s:
        later = schedule_post(
            OrgScope(s, org_id),
            account_id=account.id,
            text="later",
            when=utcnow() + timedelta(hours=1),
        ).id
    outcomes = dispatcher.drain()
    assert [(o.item_id, o.status) for o in outcomes] == [(due, "published")]
    item = _item(db, org_id, due)
    assert item.status == "published" and item.attempts == 1 and item.platform_url
    assert item.platform_post_id == sandbox.world.posts_of("x")[0].id
    assert _item(db, org_id, later).status == "scheduled"


def test_transient_error_is_retried_with_backoff(
    db, org_id, make_account, dispatcher, sandbox
) -> None:
    account = make_account("linkedin", "urn:li:person:m1")
    item_id = _queue(db, org_id, account.id, "retry me")
    sandbox.world.inject(
        "linkedin", "create", Fault(503, {"status": 503, "message": "Service Unavailable"})
    )
    first = dispatcher.drain()
    assert [o.status for o in first] == ["retrying", "published"]
    item = _item(db, org_id, item_id)
    assert item.status == "published" and item.attempts == 2
    assert sandbox.world.count("linkedin", "retry me") == 1
    with db.session() as s:
        history = s.get(PublishDispatch, item_id).history  # type: ignore[union-attr]
    assert [h["event"] for h in history] == ["retry", "published"]


def test_permanent_failure_keeps_the_platforms_message(
    db, org_id, make_account, dispatcher, sandbox
) -> None:
    account = make_account("x", "u1")
    sandbox.world.record("x", "u1", "already there")
    item_id = _queue(db, org_id, account.id, "already there")
    (outcome,) = dispatcher.drain()
    item = _item(db, org_id, item_id)
    assert outcome.status == "failed" and item.status == "failed"
    assert "duplicate content" in (item.error or "")


def test_expired_token_is_refreshed_and_the_post_goes_out(
    db, org_id, make_account, dispatcher, sandbox, http, cipher
) -> None:
    account = make_account("x", "u1", token="tok-u1-old", refresh="refresh-u1")
    sandbox.world.expired_tokens.add("tok-u1-old")
    item_id = _queue(db, org_id, account.id, "fresh token")
    dispatcher.refresher = OAuthRefresher(
        clients={"x": OAuthClient("cid", Secret("secret"), "https://app/cb")},
        http_client=http,
        providers={
            "x": oauth_provider("x", token_url=f"{base_urls(sandbox.url)['oauth']}/x/token")
        },
    )
    outcomes = dispatcher.drain()
    assert [o.status for o in outcomes] == ["retrying", "published"]
    assert _item(db, org_id, item_id).status == "published"
    with db.session() as s:
        row = s.get(SocialAccount, account.id)
        assert row is not None and cipher.decrypt(row.access_token_enc).value == "tok-u1"


def test_revoked_grant_fails_the_post_and_marks_the_account(
    db, org_id, make_account, dispatcher, sandbox, http
) -> None:
    account = make_account("x", "u1", token="tok-dead", refresh="refresh-u1")
    sandbox.world.expired_tokens.add("tok-dead")
    sandbox.sandbox.oauth.revoked.add("refresh-u1")
    item_id = _queue(db, org_id, account.id, "never")
    dispatcher.refresher = OAuthRefresher(
        clients={"x": OAuthClient("cid", Secret("secret"), "https://app/cb")},
        http_client=http,
        providers={
            "x": oauth_provider("x", token_url=f"{base_urls(sandbox.url)['oauth']}/x/token")
        },
    )
    (outcome,) = dispatcher.drain()
    assert outcome.status == "failed" and "Reconnect" in outcome.detail
    with db.session() as s:
        assert s.get(SocialAccount, account.id).status == "revoked"  # type: ignore[union-attr]
    assert _item(db, org_id, item_id).status == "failed"


def test_429_pauses_the_account_until_the_reset(
    db, org_id, make_account, dispatcher, sandbox
) -> None:
    account = make_account("x", "u1")
    item_id = _queue(db, org_id, account.id, "slow down")
    reset = str(int(utcnow().timestamp()) + 600)
    sandbox.world.inject(
        "x",
        "create",
        Fault(429, {"title": "Too Many Requests", "status": 429}, {"x-rate-limit-reset": reset}),
    )
    dispatcher.retry = type(dispatcher.retry)(max_retry_after_s=3600)
    (outcome,) = dispatcher.drain()
    assert outcome.status == "retrying"
    with db.session() as s:
        paused = as_utc(s.get(SocialAccount, account.id).rate_limited_until)  # type: ignore[union-attr]
        nxt = as_utc(s.get(PublishDispatch, item_id).next_attempt_at)  # type: ignore[union-attr]
    assert paused is not None and paused > utcnow() + timedelta(seconds=500)
    assert nxt is not None and nxt > utcnow() + timedelta(seconds=500)
    other = _queue(db, org_id, account.id, "also waits")
    assert dispatcher.drain() == []
    assert _item(db, org_id, other).status == "scheduled"


def test_per_account_rate_limit_defers_the_excess(db, org_id, make_account, dispatcher) -> None:
    account = make_account("facebook", "page1")
    dispatcher.limits = {"facebook": RateLimit(2, timedelta(hours=1), "test")}
    ids = [_queue(db, org_id, account.id, f"post {i}") for i in range(3)]
    outcomes = dispatcher.drain()
    assert sorted(o.item_id for o in outcomes) == sorted(ids[:2])
    assert _item(db, org_id, ids[2]).status == "scheduled"


def test_crash_after_the_platform_answered_is_reconciled_not_reposted(
    db, org_id, make_account, dispatcher, sandbox, publishers
) -> None:
    account = make_account("facebook", "page1")
    item_id = _queue(db, org_id, account.id, "exactly once")
    (claim,) = dispatcher.claim()
    # the platform publishes, then the worker dies before recording
    sandbox.world.record("facebook", "page1", "exactly once")
    with db.session() as s:
        s.execute(
            update(PublishDispatch)
            .where(PublishDispatch.queue_item_id == item_id)
            .values(lease_expires_at=utcnow() - timedelta(seconds=1))
        )
    survivor = Dispatcher(
        db,
        publishers=publishers,
        cipher=dispatcher.cipher,
        media_resolver=dispatcher.media_resolver,
        worker_id="other-worker",
    )
    (outcome,) = survivor.drain()
    assert outcome.reconciled and outcome.status == "published"
    assert sandbox.world.count("facebook", "exactly once") == 1
    # the dead worker's late answer cannot overwrite the outcome
    assert dispatcher._finish(claim, {"event": "late"}, status="failed") is False
    assert _item(db, org_id, item_id).status == "published"


def test_a_platform_account_that_vanished_is_marked_deleted(
    db, org_id, make_account, dispatcher, sandbox
) -> None:
    account = make_account("facebook", "page9")
    sandbox.world.deleted_accounts.add("page9")
    item_id = _queue(db, org_id, account.id, "to nobody")
    (outcome,) = dispatcher.drain()
    assert outcome.status == "failed" and "does not exist" in outcome.detail
    with db.session() as s:
        assert s.get(SocialAccount, account.id).status == "deleted"  # type: ignore[union-attr]
    assert _item(db, org_id, item_id).status == "failed"


def test_two_workers_never_publish_the_same_post(
    db, org_id, make_account, publishers, cipher, media_resolver, sandbox
) -> None:
    account = make_account("linkedin", "urn:li:person:m2")
    texts = [f"parallel {i}" for i in range(20)]
    for text in texts:
        _queue(db, org_id, account.id, text)
    workers = [
        Dispatcher(
            db,
            publishers=publishers,
            cipher=cipher,
            media_resolver=media_resolver,
            worker_id=f"w{i}",
        )
        for i in range(3)
    ]
    threads = [threading.Thread(target=w.drain) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert all(sandbox.world.count("linkedin", t) == 1 for t in texts)
    with db.session() as s:
        statuses = {i.status for i in s.query(PublishQueueItem).all()}
    assert statuses == {"published"}


def test_gate_refuses_synthetic_media_at_publish_time_too(
    db, org_id, make_account, make_asset, dispatcher, sandbox
) -> None:
    from agency.db import Asset

    account = make_account("x", "u1")
    asset_id = make_asset(width=1200, height=675)
    item_id = _queue(db, org_id, account.id, "photo", media_asset_ids=[asset_id])
    with db.session() as s:  # the asset turns out to be a composite (e.g. re-rendered by Kata)
        s.get(Asset, asset_id).provenance = {"stage": "kata"}  # type: ignore[union-attr]
    (outcome,) = dispatcher.drain()
    assert outcome.status == "failed" and "without disclosure" in outcome.detail
    assert sandbox.world.posts == []
    assert _item(db, org_id, item_id).status == "failed"


def test_best_times_learn_from_the_accounts_own_results(db, org_id, make_account) -> None:
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from agency.distribution.publishing import suggest_for_account

    account = make_account("instagram", "igu1", timezone="Europe/Berlin")
    zone = ZoneInfo("Europe/Berlin")
    with db.session() as s:
        for day in range(24):
            hour = 21 if day % 2 else 8
            s.add(
                PublishQueueItem(
                    org_id=org_id,
                    account_id=account.id,
                    platform="instagram",
                    content={},
                    scheduled_at=datetime(2026, 10, 1 + day, hour, tzinfo=zone).astimezone(UTC),
                    status="published",
                    analytics={"engagement_rate": 0.08 if hour == 21 else 0.01},
                    published_at=datetime(2026, 10, 1 + day, hour, tzinfo=zone).astimezone(UTC),
                )
            )
    with db.session() as s:
        times = suggest_for_account(
            OrgScope(s, org_id), account.id, after=datetime(2026, 11, 23, tzinfo=UTC), count=3
        )
    assert [t.astimezone(zone).hour for t in times] == [21, 21, 21]
