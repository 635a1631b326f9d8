"""The S3 store against moto's local S3 server: keys, dedup, multipart, cache, errors."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config

from agency.config import Settings
from agency.core.errors import NotFound
from agency.storage import S3BlobStore, StorageError, build_blob_store, content_key

MIB = 1024 * 1024


def _store(client: Any, bucket: str, tmp_path: Path, **kwargs: Any) -> S3BlobStore:
    return S3BlobStore(
        client=client, bucket=bucket, prefix="tenant-assets", cache_dir=tmp_path / "cache", **kwargs
    )


def _count_calls(client: Any, operation: str) -> list[str]:
    calls: list[str] = []
    client.meta.events.register(
        f"before-call.s3.{operation}", lambda **_kw: calls.append(operation)
    )
    return calls


def test_round_trip_under_the_prefix(s3_client: Any, bucket: str, tmp_path: Path) -> None:
    store = _store(s3_client, bucket, tmp_path)
    ref = store.put(b"cold brew", ext=".txt", media_type="text/plain")
    digest = hashlib.sha256(b"cold brew").hexdigest()
    assert ref.key == content_key(digest, ".txt")
    head = s3_client.head_object(Bucket=bucket, Key="tenant-assets/" + ref.key)
    assert head["ContentType"] == "text/plain"
    assert head["Metadata"]["sha256"] == digest
    assert store.exists(ref.key)
    assert store.read(ref.key) == b"cold brew"
    with store.open(ref.key) as handle:
        assert handle.read(4) == b"cold"
    assert list(store.keys()) == [ref.key]


def test_same_content_is_uploaded_once(s3_client: Any, bucket: str, tmp_path: Path) -> None:
    store = _store(s3_client, bucket, tmp_path)
    uploads = _count_calls(s3_client, "PutObject")
    source = tmp_path / "same.bin"
    source.write_bytes(b"same bytes")
    first = store.put(b"same bytes")
    second = store.put(source)
    assert first == second
    assert uploads == ["PutObject"]


def test_big_file_goes_up_in_parts(s3_client: Any, bucket: str, tmp_path: Path) -> None:
    store = _store(s3_client, bucket, tmp_path, multipart_threshold=5 * MIB)
    store.transfer.multipart_chunksize = 5 * MIB
    payload = os.urandom(11 * MIB)
    source = tmp_path / "big.mp4"
    source.write_bytes(payload)
    ref = store.put(source, ext=".mp4")
    etag = s3_client.head_object(Bucket=bucket, Key=store.object_key(ref.key))["ETag"]
    assert etag.strip('"').endswith("-3")
    assert ref.checksum == hashlib.sha256(payload).hexdigest()
    assert store.local_path(ref.key).read_bytes() == payload


def test_local_path_downloads_once(s3_client: Any, bucket: str, tmp_path: Path) -> None:
    store = _store(s3_client, bucket, tmp_path)
    ref = store.put(b"frame data", ext=".bin")
    downloads = _count_calls(s3_client, "GetObject")
    path = store.local_path(ref.key)
    assert path == tmp_path / "cache" / ref.key
    assert path.read_bytes() == b"frame data"
    assert store.local_path(ref.key) == path
    assert downloads == ["GetObject"]


def test_corrupt_object_is_not_cached(s3_client: Any, bucket: str, tmp_path: Path) -> None:
    store = _store(s3_client, bucket, tmp_path)
    key = content_key(hashlib.sha256(b"the real bytes").hexdigest())
    s3_client.put_object(Bucket=bucket, Key=store.object_key(key), Body=b"tampered")
    with pytest.raises(StorageError, match="corrupt"):
        store.local_path(key)
    assert not [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]


def test_missing_blob_and_delete(s3_client: Any, bucket: str, tmp_path: Path) -> None:
    store = _store(s3_client, bucket, tmp_path)
    missing = content_key("f" * 64, ".png")
    assert not store.exists(missing)
    with pytest.raises(NotFound):
        store.open(missing)
    with pytest.raises(NotFound):
        store.local_path(missing)
    ref = store.put(b"temporary")
    cached = store.local_path(ref.key)
    store.delete(ref.key)
    assert not store.exists(ref.key)
    assert not cached.exists()
    assert list(store.keys()) == []


def test_unreachable_endpoint_is_a_storage_error(tmp_path: Path) -> None:
    client = boto3.session.Session().client(
        "s3",
        endpoint_url="http://127.0.0.1:9",
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="y",
        config=Config(retries={"max_attempts": 1}, connect_timeout=1),
    )
    store = _store(client, "agency-test-assets", tmp_path)
    with pytest.raises(StorageError, match="failed"):
        store.put(b"data")


def test_factory_uses_s3_when_a_bucket_is_set(
    s3_client: Any, s3_endpoint: str, bucket: str, tmp_path: Path
) -> None:
    settings = Settings(
        data_dir=tmp_path / "data",
        s3_bucket=bucket,
        s3_endpoint_url=s3_endpoint,
        s3_access_key_id="testing",
        s3_secret_access_key="testing",
        _env_file=None,  # type: ignore[call-arg]
    )
    store = build_blob_store(settings)
    assert isinstance(store, S3BlobStore)
    ref = store.put(b"from settings")
    assert s3_client.get_object(Bucket=bucket, Key="assets/" + ref.key)["Body"].read() == (
        b"from settings"
    )
    assert store.local_path(ref.key).is_relative_to(settings.data_dir)
