"""Blobs as files under a local directory (the default: ``settings.assets_dir``).

Writes go to a temporary file in the same file system, are fsynced, then renamed
into place with ``os.replace``: a reader sees the whole blob or none, and a crash
mid-write leaves only a stray file under ``.tmp/`` that no key points at.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from agency.core.errors import InputError, NotFound
from agency.storage.blobs import (
    CHUNK_SIZE,
    BlobRef,
    BlobStore,
    content_key,
    sha256_bytes,
    validate_key,
)

TEMP_DIR = ".tmp"


class LocalBlobStore(BlobStore):
    """Content-addressed files under ``root`` as ``ab/cd/<sha256><ext>``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def __repr__(self) -> str:
        return f"LocalBlobStore({str(self.root)!r})"

    def path_for(self, key: str) -> Path:
        """Where the blob for ``key`` lives (whether or not it exists yet)."""
        return self.root / validate_key(key)

    def put(self, data: bytes | Path, *, ext: str = "", media_type: str | None = None) -> BlobRef:
        if isinstance(data, bytes):
            checksum = sha256_bytes(data)
            key = content_key(checksum, ext)
            if self._is_complete(key, len(data)):
                return BlobRef(key=key, checksum=checksum, size=len(data))
        elif not data.is_file():
            raise InputError(
                f"No file at {str(data)!r}.", field="data", fix="Pass an existing file path."
            )
        tmp_dir = self.root / TEMP_DIR
        tmp_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=tmp_dir, prefix="put-")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                checksum, size = _write_hashing(data, out)
                out.flush()
                os.fsync(out.fileno())
            key = content_key(checksum, ext)
            if not self._is_complete(key, size):
                target = self.path_for(key)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.chmod(tmp, 0o444)
                os.replace(tmp, target)
                _fsync_dir(target.parent)
            return BlobRef(key=key, checksum=checksum, size=size)
        finally:
            tmp.unlink(missing_ok=True)

    def open(self, key: str) -> BinaryIO:
        try:
            return self.path_for(key).open("rb")
        except FileNotFoundError as exc:
            raise NotFound(f"Blob {key!r} not found.", key=key) from exc

    def exists(self, key: str) -> bool:
        return self.path_for(key).is_file()

    def delete(self, key: str) -> None:
        self.path_for(key).unlink(missing_ok=True)

    def local_path(self, key: str) -> Path:
        path = self.path_for(key)
        if not path.is_file():
            raise NotFound(f"Blob {key!r} not found.", key=key)
        return path

    def keys(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for path in self.root.glob("??/??/*"):
            key = path.relative_to(self.root).as_posix()
            if path.is_file() and _is_key(key):
                yield key

    def _is_complete(self, key: str, size: int) -> bool:
        path = self.path_for(key)
        try:
            return path.stat().st_size == size
        except FileNotFoundError:
            return False


def _write_hashing(data: bytes | Path, out: BinaryIO) -> tuple[str, int]:
    """Copy ``data`` into ``out`` while hashing it; one pass over big files."""
    if isinstance(data, bytes):
        out.write(data)
        return sha256_bytes(data), len(data)
    digest = hashlib.sha256()
    size = 0
    with data.open("rb") as src:
        while chunk := src.read(CHUNK_SIZE):
            digest.update(chunk)
            out.write(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _fsync_dir(directory: Path) -> None:
    """Make a rename in ``directory`` durable."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _is_key(key: str) -> bool:
    try:
        validate_key(key)
    except InputError:
        return False
    return True
