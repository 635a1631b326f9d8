"""Assets: a blob in the store plus a row that says what it is and where it came from.

Order of work in :func:`store_asset`: check the content (type, size, integrity),
check every reference belongs to the organization, write the blob, then add the
row. Bad input stops before anything is written; a crash after the blob leaves at
worst an unreferenced blob, never a row without its blob.
"""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import BinaryIO

from sqlalchemy.exc import IntegrityError

from agency.core.errors import NotFound
from agency.db import Asset, Brand, Campaign, OrgScope
from agency.storage.blobs import BlobStore, sha256_bytes, sha256_file
from agency.storage.probing import DEFAULT_MAX_PIXELS, extension_for, probe_media
from agency.storage.provenance import Provenance

FILENAME_MAX = 500


def store_asset(
    scope: OrgScope,
    store: BlobStore,
    data: bytes | Path,
    *,
    filename: str = "",
    media_type: str | None = None,
    provenance: Provenance | None = None,
    brand_id: str | None = None,
    campaign_id: str | None = None,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> Asset:
    """Store ``data`` as an asset of the scope's organization and return its row.

    The media type is detected from the content (``media_type`` only names what the
    bytes cannot tell). The same content stored twice in one organization returns
    the existing row. Raises ``InputError`` for empty, corrupt, truncated or
    oversized media and ``NotFound`` for a brand, campaign or source asset outside
    the organization.
    """
    provenance = provenance or Provenance()
    info = probe_media(data, declared=media_type, max_pixels=max_pixels)
    checksum = sha256_bytes(data) if isinstance(data, bytes) else sha256_file(data)[0]
    provenance = _checked_references(scope, provenance, brand_id=brand_id, campaign_id=campaign_id)

    existing = _find(scope, checksum)
    if existing is not None:
        _ensure_blob(store, existing, data)
        return existing

    blob = store.put(data, ext=extension_for(info.media_type), media_type=info.media_type)
    asset = Asset(
        checksum=blob.checksum,
        media_type=info.media_type,
        size_bytes=blob.size,
        width=info.width,
        height=info.height,
        duration_s=info.duration_s,
        storage_key=blob.key,
        filename=_clean_filename(filename),
        provenance=provenance.model_dump(mode="json"),
        brand_id=brand_id,
        campaign_id=campaign_id,
    )
    try:
        with scope.session.begin_nested():
            scope.add(asset)
    except IntegrityError:
        # Another writer stored the same content in this organization first.
        winner = _find(scope, blob.checksum)
        if winner is None:
            raise
        return winner
    return asset


def get_asset(scope: OrgScope, asset_id: str) -> Asset:
    """The asset row with ``asset_id`` in this organization, else ``NotFound``."""
    return scope.get(Asset, asset_id)


def open_asset(scope: OrgScope, store: BlobStore, asset_id: str) -> BinaryIO:
    """A binary reader over the asset's content (close it, or use ``with``)."""
    return store.open(get_asset(scope, asset_id).storage_key)


def asset_path(scope: OrgScope, store: BlobStore, asset_id: str) -> Path:
    """A local, read-only file with the asset's content, for tools that need a path."""
    return store.local_path(get_asset(scope, asset_id).storage_key)


def asset_provenance(asset: Asset) -> Provenance:
    """The asset's provenance as a model."""
    return Provenance.model_validate(asset.provenance or {})


def _checked_references(
    scope: OrgScope, provenance: Provenance, *, brand_id: str | None, campaign_id: str | None
) -> Provenance:
    """Raise ``NotFound`` unless every referenced record is in this organization."""
    if brand_id is not None:
        _require(scope, Brand, brand_id, "brand_id")
    if campaign_id is not None:
        _require(scope, Campaign, campaign_id, "campaign_id")
    sources = list(dict.fromkeys(provenance.source_assets))
    for source_id in sources:
        _require(scope, Asset, source_id, "provenance.source_assets")
    return provenance.model_copy(update={"source_assets": sources})


def _require(scope: OrgScope, model: type, record_id: str, field: str) -> None:
    try:
        scope.get(model, record_id)
    except NotFound as exc:
        raise NotFound(
            f"{model.__name__} {record_id!r} not found in this organization.",
            id=record_id,
            field=field,
        ) from exc


def _find(scope: OrgScope, checksum: str) -> Asset | None:
    rows = scope.list(Asset, Asset.checksum == checksum, limit=1)
    return rows[0] if rows else None


def _ensure_blob(store: BlobStore, asset: Asset, data: bytes | Path) -> None:
    """Put the content back if an existing row's blob went missing (same key)."""
    if not store.exists(asset.storage_key):
        store.put(data, ext=PurePath(asset.storage_key).suffix, media_type=asset.media_type)


def _clean_filename(filename: str) -> str:
    """The base name only (no client directories), bounded to the column's length."""
    name = PurePath(filename.replace("\\", "/")).name
    return name[:FILENAME_MAX]
