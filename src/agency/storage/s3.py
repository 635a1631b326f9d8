"""Blobs in an S3-compatible bucket (AWS S3, MinIO, R2, …), for many-machine setups.

Objects are stored as ``<prefix><content key>``, uploaded through boto3's transfer
manager (multipart above ``multipart_threshold``). An S3 PUT or a completed
multipart upload is atomic, so a reader never sees half an object. ``local_path``
downloads into a local cache once; content addressing keeps that cache valid forever.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, cast

from boto3.s3.transfer import TransferConfig
from botocore.exceptions import BotoCoreError, ClientError

from agency.core.errors import InputError, NotFound
from agency.storage.blobs import (
    BlobRef,
    BlobStore,
    StorageError,
    checksum_of_key,
    content_key,
    sha256_bytes,
    sha256_file,
    validate_key,
)

MIB = 1024 * 1024
_MISSING_CODES = {"404", "NoSuchKey", "NotFound"}


class S3BlobStore(BlobStore):
    """Content-addressed objects in ``bucket`` under ``prefix``, via a boto3 S3 client."""

    def __init__(
        self,
        *,
        client: Any,
        bucket: str,
        prefix: str = "assets/",
        cache_dir: Path,
        multipart_threshold: int = 8 * MIB,
        multipart_chunksize: int = 8 * MIB,
    ) -> None:
        self.client = client
        self.bucket = bucket
        self.prefix = prefix if not prefix or prefix.endswith("/") else prefix + "/"
        self.cache_dir = cache_dir
        self.transfer = TransferConfig(
            multipart_threshold=multipart_threshold, multipart_chunksize=multipart_chunksize
        )

    def __repr__(self) -> str:
        return f"S3BlobStore(bucket={self.bucket!r}, prefix={self.prefix!r})"

    def object_key(self, key: str) -> str:
        """The S3 object key for a content key."""
        return self.prefix + validate_key(key)

    def put(self, data: bytes | Path, *, ext: str = "", media_type: str | None = None) -> BlobRef:
        if isinstance(data, bytes):
            checksum, size = sha256_bytes(data), len(data)
        elif data.is_file():
            checksum, size = sha256_file(data)
        else:
            raise InputError(
                f"No file at {str(data)!r}.", field="data", fix="Pass an existing file path."
            )
        key = content_key(checksum, ext)
        ref = BlobRef(key=key, checksum=checksum, size=size)
        if self._size_of(key) == size:
            return ref
        extra: dict[str, Any] = {"Metadata": {"sha256": checksum}}
        if media_type:
            extra["ContentType"] = media_type
        try:
            if isinstance(data, bytes):
                self.client.upload_fileobj(
                    io.BytesIO(data),
                    self.bucket,
                    self.object_key(key),
                    ExtraArgs=extra,
                    Config=self.transfer,
                )
            else:
                self.client.upload_file(
                    str(data),
                    self.bucket,
                    self.object_key(key),
                    ExtraArgs=extra,
                    Config=self.transfer,
                )
        except (BotoCoreError, ClientError) as exc:
            raise StorageError(
                f"Upload of {key!r} to bucket {self.bucket!r} failed: {exc}"
            ) from exc
        return ref

    def open(self, key: str) -> BinaryIO:
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=self.object_key(key))
        except ClientError as exc:
            if _is_missing(exc):
                raise NotFound(f"Blob {key!r} not found.", key=key) from exc
            raise StorageError(
                f"Reading {key!r} from bucket {self.bucket!r} failed: {exc}"
            ) from exc
        except BotoCoreError as exc:
            raise StorageError(
                f"Reading {key!r} from bucket {self.bucket!r} failed: {exc}"
            ) from exc
        return cast(BinaryIO, response["Body"])

    def exists(self, key: str) -> bool:
        return self._size_of(key) is not None

    def delete(self, key: str) -> None:
        try:
            self.client.delete_object(Bucket=self.bucket, Key=self.object_key(key))
        except (BotoCoreError, ClientError) as exc:
            raise StorageError(
                f"Deleting {key!r} from bucket {self.bucket!r} failed: {exc}"
            ) from exc
        (self.cache_dir / key).unlink(missing_ok=True)

    def local_path(self, key: str) -> Path:
        target = self.cache_dir / validate_key(key)
        if target.is_file():
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".download-")
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            self._download(key, tmp)
            checksum, _ = sha256_file(tmp)
            if checksum != checksum_of_key(key):
                raise StorageError(f"Blob {key!r} in bucket {self.bucket!r} is corrupt.")
            os.chmod(tmp, 0o444)
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        return target

    def keys(self) -> Iterator[str]:
        paginator = self.client.get_paginator("list_objects_v2")
        try:
            for page in paginator.paginate(Bucket=self.bucket, Prefix=self.prefix):
                for item in page.get("Contents", []):
                    key = item["Key"][len(self.prefix) :]
                    try:
                        yield validate_key(key)
                    except InputError:
                        continue
        except (BotoCoreError, ClientError) as exc:
            raise StorageError(f"Listing bucket {self.bucket!r} failed: {exc}") from exc

    def _download(self, key: str, dest: Path) -> None:
        try:
            self.client.download_file(
                self.bucket, self.object_key(key), str(dest), Config=self.transfer
            )
        except ClientError as exc:
            if _is_missing(exc):
                raise NotFound(f"Blob {key!r} not found.", key=key) from exc
            raise StorageError(f"Download of {key!r} failed: {exc}") from exc
        except BotoCoreError as exc:
            raise StorageError(f"Download of {key!r} failed: {exc}") from exc

    def _size_of(self, key: str) -> int | None:
        """The stored object's size, or None when there is no object under ``key``."""
        try:
            head = self.client.head_object(Bucket=self.bucket, Key=self.object_key(key))
        except ClientError as exc:
            if _is_missing(exc):
                return None
            raise StorageError(f"Checking {key!r} in bucket {self.bucket!r} failed: {exc}") from exc
        except BotoCoreError as exc:
            raise StorageError(f"Checking {key!r} in bucket {self.bucket!r} failed: {exc}") from exc
        return int(head["ContentLength"])


def _is_missing(exc: ClientError) -> bool:
    return str(exc.response.get("Error", {}).get("Code", "")) in _MISSING_CODES
