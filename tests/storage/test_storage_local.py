"""The local content-addressed store: keys, dedup, atomic writes, safe keys."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from agency.config import Settings
from agency.core.errors import InputError, NotFound
from agency.storage import LocalBlobStore, build_blob_store, content_key


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def test_key_is_the_sha256_split_into_folders(tmp_path: Path) -> None:
    store = LocalBlobStore(tmp_path / "assets")
    ref = store.put(b"cold brew", ext=".txt")
    digest = hashlib.sha256(b"cold brew").hexdigest()
    assert ref.key == f"{digest[:2]}/{digest[2:4]}/{digest}.txt"
    assert (ref.checksum, ref.size) == (digest, 9)
    assert (tmp_path / "assets" / ref.key).read_bytes() == b"cold brew"
    assert store.read(ref.key) == b"cold brew"
    assert store.exists(ref.key)
    assert list(store.keys()) == [ref.key]


def test_same_content_twice_is_stored_once(tmp_path: Path) -> None:
    root = tmp_path / "assets"
    store = LocalBlobStore(root)
    first = store.put(b"x" * 1000, ext=".bin")
    mtime = (root / first.key).stat().st_mtime_ns
    source = tmp_path / "same.bin"
    source.write_bytes(b"x" * 1000)
    second = store.put(source, ext=".bin")
    assert second == first
    assert (root / first.key).stat().st_mtime_ns == mtime
    assert _files(root) == [root / first.key]


def test_big_file_is_streamed_and_hashed(tmp_path: Path) -> None:
    payload = os.urandom(3 * 1024 * 1024 + 17)
    source = tmp_path / "big.bin"
    source.write_bytes(payload)
    store = LocalBlobStore(tmp_path / "assets")
    ref = store.put(source)
    assert ref.checksum == hashlib.sha256(payload).hexdigest()
    assert ref.size == len(payload)
    assert store.local_path(ref.key).read_bytes() == payload


def test_a_failed_write_leaves_nothing_and_keeps_what_was_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = LocalBlobStore(tmp_path)
    kept = store.put(b"already stored")

    def crash(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        store.put(b"new content")
    monkeypatch.undo()

    new_key = content_key(hashlib.sha256(b"new content").hexdigest())
    assert not store.exists(new_key)
    assert list(store.keys()) == [kept.key]
    assert _files(tmp_path) == [tmp_path / kept.key]
    assert store.read(kept.key) == b"already stored"


def test_a_short_blob_left_under_a_key_is_replaced(tmp_path: Path) -> None:
    store = LocalBlobStore(tmp_path)
    key = content_key(hashlib.sha256(b"complete").hexdigest())
    (tmp_path / key).parent.mkdir(parents=True)
    (tmp_path / key).write_bytes(b"comp")
    store.put(b"complete")
    assert store.read(key) == b"complete"


def test_blobs_are_read_only_files(tmp_path: Path) -> None:
    store = LocalBlobStore(tmp_path)
    path = store.local_path(store.put(b"frozen").key)
    assert path.stat().st_mode & 0o222 == 0


def test_missing_and_malformed_keys(tmp_path: Path) -> None:
    store = LocalBlobStore(tmp_path)
    missing = content_key("0" * 64, ".png")
    assert not store.exists(missing)
    with pytest.raises(NotFound):
        store.open(missing)
    with pytest.raises(NotFound):
        store.local_path(missing)
    for bad in ("../../etc/passwd", "ab/cd/not-a-digest", "/" + missing, missing + "/.."):
        with pytest.raises(InputError) as err:
            store.open(bad)
        assert err.value.field == "key"
    with pytest.raises(InputError):
        store.put(b"x", ext="../evil")
    with pytest.raises(InputError, match="No file"):
        store.put(tmp_path / "nope.bin")


def test_delete_and_keys_ignore_temp_files(tmp_path: Path) -> None:
    store = LocalBlobStore(tmp_path)
    a, b = store.put(b"a"), store.put(b"b", ext=".txt")
    (tmp_path / ".tmp").mkdir(exist_ok=True)
    (tmp_path / ".tmp" / "put-leftover").write_bytes(b"partial")
    assert sorted(store.keys()) == sorted([a.key, b.key])
    store.delete(a.key)
    store.delete(a.key)
    assert list(store.keys()) == [b.key]


def test_factory_builds_a_local_store_without_a_bucket(sqlite_settings: Settings) -> None:
    store = build_blob_store(sqlite_settings)
    assert isinstance(store, LocalBlobStore)
    ref = store.put(b"hello")
    assert (sqlite_settings.assets_dir / ref.key).is_file()
