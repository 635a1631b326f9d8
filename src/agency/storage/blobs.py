"""The blob store interface and the content-addressed key scheme both backends share.

A blob is immutable bytes named by its SHA-256: ``ab/cd/<sha256><ext>``. The same
content always gets the same key, so putting it twice is a no-op and a key never
points at different bytes over time. Keys are relative: the local store roots them
under its directory, the S3 store under its prefix, so a database row stays valid
when an installation moves from one backend to the other.
"""

from __future__ import annotations

import hashlib
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from agency.core.errors import AgencyError, InputError

CHUNK_SIZE = 1024 * 1024
_KEY_RE = re.compile(r"^[0-9a-f]{2}/[0-9a-f]{2}/([0-9a-f]{64})(\.[a-z0-9]{1,10})?$")
_EXT_RE = re.compile(r"^(\.[a-z0-9]{1,10})?$")


class StorageError(AgencyError):
    """The blob backend failed (bucket unreachable, access denied, corrupt download)."""

    code = "storage_error"


@dataclass(frozen=True)
class BlobRef:
    """Where a blob was stored: its key, SHA-256 hex digest and size in bytes."""

    key: str
    checksum: str
    size: int


def content_key(checksum: str, ext: str = "") -> str:
    """The key for content with SHA-256 ``checksum`` and file extension ``ext`` (".png")."""
    ext = ext.lower()
    if not _EXT_RE.match(ext):
        raise InputError(
            f"Invalid file extension {ext!r}.", field="ext", fix="Use '' or a short '.ext'."
        )
    key = f"{checksum[:2]}/{checksum[2:4]}/{checksum}{ext}"
    validate_key(key)
    return key


def validate_key(key: str) -> str:
    """Return ``key`` if it is a well-formed content key, else raise :class:`InputError`.

    Checking the shape keeps callers from reaching outside the store (``../``).
    """
    if not _KEY_RE.match(key):
        raise InputError(
            f"Invalid storage key {key!r}.",
            field="key",
            fix="Use a key returned by BlobStore.put (ab/cd/<sha256><ext>).",
        )
    return key


def checksum_of_key(key: str) -> str:
    """The SHA-256 hex digest a content key names."""
    match = _KEY_RE.match(validate_key(key))
    assert match is not None
    return match.group(1)


def sha256_bytes(data: bytes) -> str:
    """SHA-256 hex digest of ``data``."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> tuple[str, int]:
    """SHA-256 hex digest and size of the file at ``path``, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK_SIZE):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


class BlobStore(ABC):
    """Immutable, content-addressed bytes: put, open, check, delete, list."""

    @abstractmethod
    def put(self, data: bytes | Path, *, ext: str = "", media_type: str | None = None) -> BlobRef:
        """Store ``data`` (bytes or a file to copy) and return its reference.

        Idempotent: the same content yields the same key and is written once.
        A failed put leaves nothing behind under the key.
        """

    @abstractmethod
    def open(self, key: str) -> BinaryIO:
        """A binary reader for the blob; :class:`~agency.core.errors.NotFound` if absent."""

    @abstractmethod
    def exists(self, key: str) -> bool:
        """True when a blob is stored under ``key``."""

    @abstractmethod
    def delete(self, key: str) -> None:
        """Remove the blob under ``key``; a missing blob is not an error."""

    @abstractmethod
    def local_path(self, key: str) -> Path:
        """A local file holding the blob, for tools that need a path (ffmpeg, Pillow).

        The file is shared and must be treated as read-only.
        """

    @abstractmethod
    def keys(self) -> Iterator[str]:
        """Every key in the store, in no particular order."""

    def read(self, key: str) -> bytes:
        """The whole blob as bytes."""
        with self.open(key) as handle:
            return handle.read()
