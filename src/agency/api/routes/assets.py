"""Assets over HTTP: upload a file (footage, product shot, logo), read its record."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, UploadFile, status

from agency.api.deps import CurrentOrg, SettingsDep
from agency.core.errors import InputError
from agency.db import Asset
from agency.storage import Provenance, build_blob_store, store_asset

router = APIRouter(prefix="/api/assets", tags=["assets"])

MAX_UPLOAD_BYTES = 500 * 1024 * 1024


def asset_out(asset: Asset) -> dict[str, Any]:
    return {
        "id": asset.id,
        "media_type": asset.media_type,
        "size_bytes": asset.size_bytes,
        "width": asset.width,
        "height": asset.height,
        "duration_s": asset.duration_s,
        "checksum": asset.checksum,
        "filename": asset.filename,
        "provenance": asset.provenance,
    }


@router.post("", status_code=status.HTTP_201_CREATED)
def upload(file: UploadFile, scope: CurrentOrg, settings: SettingsDep) -> dict[str, Any]:
    """Store an uploaded file; its type is detected from the content, not the name."""
    data = file.file.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise InputError("The file is over 500 MB.", field="file", fix="Upload a smaller file.")
    asset = store_asset(
        scope,
        build_blob_store(settings),
        data,
        filename=(file.filename or "")[:200],
        provenance=Provenance(provider="upload", stage="upload"),
    )
    return asset_out(asset)


@router.get("/{asset_id}")
def read_asset(asset_id: str, scope: CurrentOrg) -> dict[str, Any]:
    """An asset's record: type, size, dimensions, checksum, provenance."""
    return asset_out(scope.get(Asset, asset_id))
