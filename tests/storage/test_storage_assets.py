"""store_asset on SQLite and PostgreSQL: rows, dedup, provenance, tenancy, no half-writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from agency.config import Settings
from agency.core.errors import InputError, NotFound
from agency.db import Asset, Brand, Database, Organization, OrgScope
from agency.storage import (
    BlobRef,
    LocalBlobStore,
    Provenance,
    asset_path,
    asset_provenance,
    build_blob_store,
    open_asset,
    prompt_hash,
    store_asset,
)


@pytest.fixture
def orgs(db: Database) -> tuple[str, str]:
    with db.session() as session:
        a, b = Organization(name="A", slug="org-a"), Organization(name="B", slug="org-b")
        session.add_all([a, b])
        session.flush()
        return a.id, b.id


@pytest.fixture
def store(settings: Settings) -> LocalBlobStore:
    return LocalBlobStore(settings.assets_dir)


def _asset_count(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(Asset)) or 0)


def test_store_records_what_the_content_is(db, orgs, store, media) -> None:
    png = media.image("PNG", (40, 30))
    provenance = Provenance(
        provider="offline-designer", model="layout-v1", prompt_hash=prompt_hash("a hero"), seed=7
    )
    with db.session() as session:
        asset = store_asset(
            OrgScope(session, orgs[0]),
            store,
            png,
            filename="C:\\Users\\me\\hero.jpg",
            provenance=provenance,
        )
        asset_id = asset.id
    with db.session() as session:
        row = OrgScope(session, orgs[0]).get(Asset, asset_id)
        assert (row.media_type, row.width, row.height, row.duration_s) == (
            "image/png",
            40,
            30,
            None,
        )
        assert row.size_bytes == len(png)
        assert row.filename == "hero.jpg"
        assert row.storage_key.endswith(row.checksum + ".png")
        assert asset_provenance(row) == provenance
        assert row.provenance["prompt_hash"] == prompt_hash("a hero")
    assert store.read(row.storage_key) == png


def test_video_file_path_gets_dimensions_and_duration(db, orgs, store, media) -> None:
    clip = media.video(frames=60, size=(96, 64))
    with db.session() as session:
        asset = store_asset(OrgScope(session, orgs[0]), store, clip, filename=clip.name)
    assert (asset.media_type, asset.width, asset.height) == ("video/mp4", 96, 64)
    assert asset.duration_s == pytest.approx(2.0, abs=0.05)
    assert asset.size_bytes == clip.stat().st_size


def test_same_content_twice_returns_the_same_row(db, orgs, store, media) -> None:
    png = media.image("PNG")
    with db.session() as session:
        first = store_asset(OrgScope(session, orgs[0]), store, png).id
    with db.session() as session:
        again = store_asset(OrgScope(session, orgs[0]), store, png, filename="copy.png").id
        other_org = store_asset(OrgScope(session, orgs[1]), store, png)
    assert again == first
    assert other_org.id != first
    assert _asset_count(db) == 2
    assert len(list(store.keys())) == 1


def test_a_lost_blob_is_restored_when_stored_again(db, orgs, store, media) -> None:
    png = media.image("PNG")
    with db.session() as session:
        asset = store_asset(OrgScope(session, orgs[0]), store, png)
    store.delete(asset.storage_key)
    with db.session() as session:
        assert store_asset(OrgScope(session, orgs[0]), store, png).id == asset.id
    assert store.read(asset.storage_key) == png


def test_open_and_path_stay_inside_the_organization(db, orgs, store, media) -> None:
    wav = media.wav(seconds=0.5)
    with db.session() as session:
        asset_id = store_asset(OrgScope(session, orgs[0]), store, wav).id
    with db.session() as session:
        scope = OrgScope(session, orgs[0])
        with open_asset(scope, store, asset_id) as handle:
            assert handle.read() == wav
        assert asset_path(scope, store, asset_id).read_bytes() == wav
        other = OrgScope(session, orgs[1])
        with pytest.raises(NotFound):
            open_asset(other, store, asset_id)
        with pytest.raises(NotFound):
            asset_path(other, store, asset_id)


def test_source_assets_must_belong_to_the_same_organization(db, orgs, store, media) -> None:
    with db.session() as session:
        mine = store_asset(OrgScope(session, orgs[0]), store, media.image("PNG", color="red")).id
        theirs = store_asset(OrgScope(session, orgs[1]), store, media.image("PNG", color="blue")).id
    keys_before = set(store.keys())
    composite = media.image("JPEG", (64, 64))
    with db.session() as session:
        made = store_asset(
            OrgScope(session, orgs[0]),
            store,
            composite,
            provenance=Provenance(stage="kata", source_assets=[mine, mine]),
        )
        assert made.provenance["source_assets"] == [mine]
    with db.session() as session, pytest.raises(NotFound) as err:
        store_asset(
            OrgScope(session, orgs[0]),
            store,
            media.image("GIF"),
            provenance=Provenance(source_assets=[mine, theirs]),
        )
    assert err.value.details["field"] == "provenance.source_assets"
    assert _asset_count(db) == 3
    assert set(store.keys()) == keys_before | {made.storage_key}


def test_brand_of_another_organization_is_refused(db, orgs, store, media) -> None:
    with db.session() as session:
        brand = OrgScope(session, orgs[1]).add(
            Brand(name="Other", url="https://other.test", domain="other.test", profile={})
        )
        brand_id = brand.id
    with db.session() as session, pytest.raises(NotFound):
        store_asset(OrgScope(session, orgs[0]), store, media.image("PNG"), brand_id=brand_id)
    with db.session() as session:
        asset = store_asset(
            OrgScope(session, orgs[1]), store, media.image("PNG"), brand_id=brand_id
        )
        assert asset.brand_id == brand_id
    assert _asset_count(db) == 1


@pytest.mark.parametrize("kind", ["truncated", "bomb", "lying_type"])
def test_bad_input_stores_nothing(db, orgs, store, media, kind: str) -> None:
    png = media.image("PNG", (120, 80))
    data, declared = {
        "truncated": (png[: len(png) // 2], None),
        "bomb": (media.png_bomb(), None),
        "lying_type": (png, "video/mp4"),
    }[kind]
    with db.session() as session:
        kept = store_asset(OrgScope(session, orgs[0]), store, media.wav(seconds=0.2)).id
    with db.session() as session, pytest.raises(InputError):
        store_asset(OrgScope(session, orgs[0]), store, data, media_type=declared)
    assert _asset_count(db) == 1
    with db.session() as session:
        kept_row = OrgScope(session, orgs[0]).get(Asset, kept)
    assert list(store.keys()) == [kept_row.storage_key]


class _FailingStore(LocalBlobStore):
    def put(self, data: bytes | Path, *, ext: str = "", media_type: str | None = None) -> BlobRef:
        raise OSError("bucket unreachable")


def test_no_row_without_its_blob(db, orgs, settings: Settings, media) -> None:
    with db.session() as session, pytest.raises(OSError):
        store_asset(OrgScope(session, orgs[0]), _FailingStore(settings.assets_dir), b"some text")
    assert _asset_count(db) == 0


def test_store_asset_on_s3(db, orgs, settings: Settings, s3_client: Any, bucket, media) -> None:
    s3_settings = settings.model_copy(update={"s3_bucket": bucket, "s3_prefix": "org-media/"})
    store = build_blob_store(s3_settings, s3_client=s3_client)
    clip = media.video(frames=15)
    with db.session() as session:
        asset = store_asset(OrgScope(session, orgs[0]), store, clip)
    keys = [o["Key"] for o in s3_client.list_objects_v2(Bucket=bucket)["Contents"]]
    assert keys == ["org-media/" + asset.storage_key]
    with db.session() as session:
        local = asset_path(OrgScope(session, orgs[0]), store, asset.id)
    assert local.read_bytes() == clip.read_bytes()


def test_losing_a_race_returns_the_winners_row(
    db, orgs, store, media, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another writer inserted the same content between our check and our insert."""
    from agency.storage import assets as assets_module

    png = media.image("PNG")
    with db.session() as session:
        winner = store_asset(OrgScope(session, orgs[0]), store, png).id
    real_find = assets_module._find
    calls: list[str] = []

    def find_after_race(scope: OrgScope, checksum: str) -> Asset | None:
        calls.append(checksum)
        return None if len(calls) == 1 else real_find(scope, checksum)

    monkeypatch.setattr(assets_module, "_find", find_after_race)
    with db.session() as session:
        scope = OrgScope(session, orgs[0])
        assert store_asset(scope, store, png).id == winner
        assert len(calls) == 2
        assert store_asset(scope, store, media.wav(seconds=0.1)).media_type == "audio/wav"
    assert _asset_count(db) == 2
