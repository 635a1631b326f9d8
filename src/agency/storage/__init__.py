"""The asset store: content-addressed blobs (local directory or S3) and asset records.

Others use it as::

    store = build_blob_store(settings)
    asset = store_asset(scope, store, png_bytes, filename="hero.png",
                        provenance=Provenance(provider="openai", model="gpt-image-1",
                                              prompt_hash=prompt_hash(prompt)))
    with open_asset(scope, store, asset.id) as fh: ...
    path = asset_path(scope, store, asset.id)   # for ffmpeg, Pillow, …
"""

from agency.storage.assets import (
    asset_path,
    asset_provenance,
    get_asset,
    open_asset,
    store_asset,
)
from agency.storage.blobs import BlobRef, BlobStore, StorageError, content_key
from agency.storage.factory import build_blob_store, build_s3_client
from agency.storage.local import LocalBlobStore
from agency.storage.probing import (
    DEFAULT_MAX_PIXELS,
    MediaInfo,
    extension_for,
    normalize_media_type,
    probe_media,
    sniff_media_type,
)
from agency.storage.provenance import Provenance, prompt_hash
from agency.storage.s3 import S3BlobStore

__all__ = [
    "DEFAULT_MAX_PIXELS",
    "BlobRef",
    "BlobStore",
    "LocalBlobStore",
    "MediaInfo",
    "Provenance",
    "S3BlobStore",
    "StorageError",
    "asset_path",
    "asset_provenance",
    "build_blob_store",
    "build_s3_client",
    "content_key",
    "extension_for",
    "get_asset",
    "normalize_media_type",
    "open_asset",
    "probe_media",
    "prompt_hash",
    "sniff_media_type",
    "store_asset",
]
