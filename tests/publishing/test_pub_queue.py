"""Scheduling refuses what a platform would refuse, before anything is stored or sent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from agency.core.errors import InputError, PolicyViolation
from agency.db import Database, OrgScope, PublishQueueItem
from agency.db.publishing_models import PublishDispatch
from agency.distribution.accounts import as_utc, set_account_status
from agency.distribution.publishing import (
    Disclosure,
    cancel_post,
    list_queue,
    reschedule_post,
    schedule_post,
)

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


def _count(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(PublishQueueItem)) or 0)


def _schedule(db: Database, org_id: str, **kw: object) -> PublishQueueItem:
    with db.session() as s:
        return schedule_post(OrgScope(s, org_id), now=NOW, **kw)  # type: ignore[arg-type]


def test_schedules_in_the_accounts_zone_across_dst(db: Database, org_id: str, make_account) -> None:
    account = make_account("x", "u1", timezone="Europe/Berlin")
    # 9:00 in Berlin before (UTC+1) and after (UTC+2) the switch on 2026-03-29
    before = _schedule(
        db, org_id, account_id=account.id, text="before", when=datetime(2026, 3, 28, 9)
    )
    after = _schedule(
        db, org_id, account_id=account.id, text="after", when=datetime(2026, 3, 30, 9)
    )
    assert before.scheduled_at == datetime(2026, 3, 28, 8, tzinfo=UTC)
    assert after.scheduled_at == datetime(2026, 3, 30, 7, tzinfo=UTC)
    with db.session() as s:
        dispatch = s.get(PublishDispatch, after.id)
        assert dispatch is not None and dispatch.local_time == "2026-03-30 09:00 CEST"


def test_dst_gap_and_fold_are_refused_with_the_choices(
    db: Database, org_id: str, make_account
) -> None:
    account = make_account("x", "u1", timezone="Europe/Berlin")
    with pytest.raises(InputError, match="does not exist") as gap:
        _schedule(db, org_id, account_id=account.id, text="gap", when=datetime(2026, 3, 29, 2, 30))
    assert gap.value.field == "scheduled_at"
    with pytest.raises(InputError, match="happens twice") as fold:
        _schedule(
            db, org_id, account_id=account.id, text="fold", when=datetime(2026, 10, 25, 2, 30)
        )
    assert "fold=1" in (fold.value.fix or "")
    second = _schedule(
        db, org_id, account_id=account.id, text="fold", when=datetime(2026, 10, 25, 2, 30), fold=1
    )
    assert second.scheduled_at == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert _count(db) == 1


def test_past_time_and_long_text_are_refused(db: Database, org_id: str, make_account) -> None:
    account = make_account("x", "u1")
    with pytest.raises(InputError, match="in the past") as past:
        _schedule(db, org_id, account_id=account.id, text="late", when=NOW - timedelta(hours=1))
    assert past.value.field == "scheduled_at"
    with pytest.raises(InputError, match="limit is 280") as long:
        _schedule(db, org_id, account_id=account.id, text="x" * 300, when=NOW + timedelta(hours=1))
    assert long.value.field == "text" and "Cut at least 20" in str(long.value)
    assert _count(db) == 0


def test_long_x_text_as_thread_is_split(db: Database, org_id: str, make_account) -> None:
    account = make_account("x", "u1")
    text = " ".join(f"Sentence number {i} about cold brew." for i in range(30))
    item = _schedule(
        db, org_id, account_id=account.id, text=text, kind="thread", when=NOW + timedelta(hours=1)
    )
    assert len(item.content["parts"]) > 1


def test_media_errors_name_the_file_and_the_fix(
    db: Database, org_id: str, make_account, make_asset
) -> None:
    ig = make_account("instagram", "igu1")
    square_wide = make_asset(width=3000, height=1000, name="wide.jpg")
    with pytest.raises(InputError, match=r"wide\.jpg.*Aspect ratio") as aspect:
        _schedule(
            db,
            org_id,
            account_id=ig.id,
            text="x",
            media_asset_ids=[square_wide],
            when=NOW + timedelta(hours=1),
        )
    assert aspect.value.field == "media_asset_ids" and "Crop" in (aspect.value.fix or "")
    tt = make_account("tiktok", "tt1")
    long_video = make_asset("video/mp4", width=1080, height=1920, duration_s=900, name="long.mp4")
    with pytest.raises(InputError, match="Duration is 900 s"):
        _schedule(
            db,
            org_id,
            account_id=tt.id,
            text="t",
            kind="video",
            media_asset_ids=[long_video],
            when=NOW + timedelta(hours=1),
        )
    codec = make_asset(
        "video/mp4",
        width=1080,
        height=1920,
        duration_s=30,
        name="prores.mov",
        provenance={"stage": "upload", "extra": {"codec": "prores"}},
    )
    with pytest.raises(InputError, match="Codec 'prores' is not supported"):
        _schedule(
            db,
            org_id,
            account_id=ig.id,
            text="r",
            kind="reel",
            media_asset_ids=[codec],
            when=NOW + timedelta(hours=1),
        )
    assert _count(db) == 0


def test_synthetic_media_without_disclosure_is_refused(
    db: Database, org_id: str, make_account, make_asset
) -> None:
    tt = make_account("tiktok", "tt1")
    generated = make_asset(
        "video/mp4",
        width=1080,
        height=1920,
        duration_s=30,
        provenance={"stage": "kata", "provider": "offline-compositor"},
    )
    with pytest.raises(PolicyViolation, match="does not disclose"):
        _schedule(
            db,
            org_id,
            account_id=tt.id,
            text="t",
            kind="video",
            media_asset_ids=[generated],
            when=NOW + timedelta(hours=1),
        )
    item = _schedule(
        db,
        org_id,
        account_id=tt.id,
        text="t",
        kind="video",
        media_asset_ids=[generated],
        when=NOW + timedelta(hours=1),
        disclosure=Disclosure(ai_generated=True, paid_partnership=True),
    )
    assert item.content["disclosure"]["ai_generated"] is True
    assert item.content["text"] == "t"  # TikTok carries both as API flags


def test_revoked_and_deleted_accounts_are_refused(db: Database, org_id: str, make_account) -> None:
    account = make_account("linkedin", "urn:li:person:m1")
    with db.session() as s:
        set_account_status(OrgScope(s, org_id), account.id, "revoked", reason="token refused")
    with pytest.raises(PolicyViolation, match=r"revoked.*token refused"):
        _schedule(db, org_id, account_id=account.id, text="hi", when=NOW + timedelta(hours=1))
    with db.session() as s:
        set_account_status(OrgScope(s, org_id), account.id, "deleted")
    with pytest.raises(PolicyViolation, match="deleted"):
        _schedule(db, org_id, account_id=account.id, text="hi", when=NOW + timedelta(hours=1))


def test_cancel_and_reschedule(db: Database, org_id: str, make_account) -> None:
    account = make_account("facebook", "page1", timezone="America/New_York")
    item = _schedule(db, org_id, account_id=account.id, text="one", when=datetime(2026, 3, 21, 9))
    other = _schedule(db, org_id, account_id=account.id, text="two", when=datetime(2026, 3, 21, 10))
    with db.session() as s:
        moved = reschedule_post(
            OrgScope(s, org_id), item.id, when=datetime(2026, 3, 22, 9), now=NOW
        )
        assert moved.scheduled_at == datetime(2026, 3, 22, 13, tzinfo=UTC)
        cancel_post(OrgScope(s, org_id), other.id)
    with db.session() as s:
        scope = OrgScope(s, org_id)
        assert [i.status for i in list_queue(scope)] == ["cancelled", "scheduled"]
        with pytest.raises(PolicyViolation, match="cancelled"):
            reschedule_post(scope, other.id, when=datetime(2026, 3, 23, 9), now=NOW)
        assert as_utc(s.get(PublishDispatch, item.id).next_attempt_at) == datetime(
            2026, 3, 22, 13, tzinfo=UTC
        )  # type: ignore[union-attr]


def test_media_count_per_platform(db: Database, org_id: str, make_account, make_asset) -> None:
    ig = make_account("instagram", "igu1")
    with pytest.raises(InputError, match="takes exactly 1 media") as none:
        _schedule(db, org_id, account_id=ig.id, text="no image", when=NOW + timedelta(hours=1))
    assert none.value.field == "media_asset_ids"
    x = make_account("x", "u1")
    image = make_asset(width=1200, height=675, name="wide.png")
    with pytest.raises(InputError, match="0 to 4 media"):
        _schedule(
            db,
            org_id,
            account_id=x.id,
            text="five",
            media_asset_ids=[image] * 5,
            when=NOW + timedelta(hours=1),
        )
    with pytest.raises(InputError, match="2 to 10"):
        _schedule(
            db,
            org_id,
            account_id=ig.id,
            text="one",
            kind="carousel",
            media_asset_ids=[make_asset()],
            when=NOW + timedelta(hours=1),
        )
    assert _count(db) == 0


def _video(path, codec: str, *, width: int = 360, height: int = 640, seconds: float = 3.5) -> bytes:
    import av
    import numpy as np

    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=10)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        for _ in range(int(seconds * 10)):
            frame = av.VideoFrame.from_ndarray(
                np.zeros((height, width, 3), np.uint8), format="rgb24"
            )
            container.mux(stream.encode(frame))
        container.mux(stream.encode())
    return path.read_bytes()


def test_codec_is_read_from_the_file(db: Database, org_id: str, make_account, tmp_path) -> None:
    from agency.storage import LocalBlobStore, store_asset

    store = LocalBlobStore(tmp_path / "assets")
    tiktok = make_account("tiktok", "tt1")
    with db.session() as s:
        scope = OrgScope(s, org_id)
        mpeg4 = store_asset(scope, store, _video(tmp_path / "a.mp4", "mpeg4"), filename="a.mp4").id
        h264 = store_asset(scope, store, _video(tmp_path / "b.mp4", "libx264"), filename="b.mp4").id
    with db.session() as s, pytest.raises(InputError, match="Codec 'mpeg4' is not supported"):
        schedule_post(
            OrgScope(s, org_id),
            account_id=tiktok.id,
            text="t",
            kind="video",
            media_asset_ids=[mpeg4],
            when=NOW + timedelta(hours=1),
            now=NOW,
            store=store,
        )
    with db.session() as s:
        item = schedule_post(
            OrgScope(s, org_id),
            account_id=tiktok.id,
            text="t",
            kind="video",
            media_asset_ids=[h264],
            when=NOW + timedelta(hours=1),
            now=NOW,
            store=store,
        )
    assert item.status == "scheduled"


def test_tiktok_photo_post_limits(db: Database, org_id: str, make_account, make_asset) -> None:
    tiktok = make_account("tiktok", "tt1")
    image = make_asset(width=1080, height=1920, name="p.jpg")
    with pytest.raises(InputError, match="limit is 4000"):
        _schedule(
            db,
            org_id,
            account_id=tiktok.id,
            text="x" * 4001,
            kind="photo",
            media_asset_ids=[image],
            when=NOW + timedelta(hours=1),
        )
    item = _schedule(
        db,
        org_id,
        account_id=tiktok.id,
        text="Three ways",
        kind="photo",
        media_asset_ids=[image, image],
        when=NOW + timedelta(hours=1),
    )
    assert item.content["kind"] == "photo"
