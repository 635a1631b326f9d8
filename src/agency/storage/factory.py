"""Pick the blob store an installation is configured for."""

from __future__ import annotations

from typing import Any

from agency.config.settings import Settings
from agency.storage.blobs import BlobStore
from agency.storage.local import LocalBlobStore
from agency.storage.s3 import S3BlobStore


def build_s3_client(settings: Settings) -> Any:
    """A boto3 S3 client from the ``s3_*`` settings (path-style for custom endpoints)."""
    import boto3
    from botocore.config import Config

    key_id = settings.s3_access_key_id
    secret = settings.s3_secret_access_key
    config = Config(
        retries={"max_attempts": 5, "mode": "standard"},
        s3={"addressing_style": "path"} if settings.s3_endpoint_url else {},
    )
    return boto3.session.Session().client(
        "s3",
        endpoint_url=settings.s3_endpoint_url,
        region_name=settings.s3_region,
        aws_access_key_id=key_id.get_secret_value() if key_id else None,
        aws_secret_access_key=secret.get_secret_value() if secret else None,
        config=config,
    )


def build_blob_store(settings: Settings, *, s3_client: Any = None) -> BlobStore:
    """An S3 store when ``settings.s3_bucket`` is set, else a local one under assets_dir.

    ``s3_client`` replaces the client built from settings (tests, custom sessions).
    """
    if settings.s3_bucket:
        return S3BlobStore(
            client=s3_client if s3_client is not None else build_s3_client(settings),
            bucket=settings.s3_bucket,
            prefix=settings.s3_prefix,
            cache_dir=settings.data_dir / "cache" / "blobs",
        )
    return LocalBlobStore(settings.assets_dir)
