"""Publishing fixtures: the local platform servers, publishers pointed at them, an org,
accounts with encrypted tokens, and media assets of known shape."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from agency.config import Settings
from agency.core.clock import utcnow
from agency.db import Asset, Database, OrgScope
from agency.db.publishing_models import SocialAccount
from agency.db.tenancy import create_organization
from agency.distribution.accounts import Secret, TokenCipher, save_account
from agency.distribution.publishing import (
    Dispatcher,
    MediaFile,
    Publisher,
    build_publishers,
    is_synthetic,
)
from agency.distribution.publishing.sandbox import SandboxServer, base_urls
from agency.providers.retry import RetryPolicy


@pytest.fixture
def sandbox() -> Iterator[SandboxServer]:
    server = SandboxServer().start()
    yield server
    server.stop()


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10) as client:
        yield client


@pytest.fixture
def publishers(sandbox: SandboxServer, http: httpx.Client) -> dict[str, Publisher]:
    return build_publishers(
        http_client=http, base_urls=base_urls(sandbox.url), sleep=lambda _s: None, poll_interval_s=0
    )


@pytest.fixture
def pub_settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", _env_file=None)  # type: ignore[call-arg]


@pytest.fixture
def cipher(pub_settings: Settings) -> TokenCipher:
    return TokenCipher.from_settings(pub_settings)


@pytest.fixture
def org_id(db: Database) -> str:
    with db.session() as s:
        return create_organization(s, "Brew Co").id


AccountFactory = Callable[..., SocialAccount]


@pytest.fixture
def make_account(db: Database, org_id: str, cipher: TokenCipher) -> AccountFactory:
    def make(
        platform: str,
        external_id: str,
        *,
        token: str | None = None,
        timezone: str = "UTC",
        refresh: str | None = None,
        expires_in_s: float = 3600,
    ) -> SocialAccount:
        with db.session() as s:
            return save_account(
                OrgScope(s, org_id),
                cipher=cipher,
                platform=platform,
                external_id=external_id,
                display_name=external_id,
                access_token=Secret(token or f"tok-{external_id.rsplit(':', 1)[-1]}"),
                refresh_token=Secret(refresh) if refresh else None,
                expires_at=utcnow() + timedelta(seconds=expires_in_s),
                timezone=timezone,
            )

    return make


AssetFactory = Callable[..., str]


@pytest.fixture
def make_asset(db: Database, org_id: str) -> AssetFactory:
    def make(
        media_type: str = "image/jpeg",
        *,
        width: int = 1080,
        height: int = 1350,
        duration_s: float | None = None,
        size: int = 2048,
        provenance: dict | None = None,
        name: str = "",
    ) -> str:
        with db.session() as s:
            asset = Asset(
                checksum=f"{media_type}-{width}-{height}-{duration_s}-{size}-{name}",
                media_type=media_type,
                size_bytes=size,
                width=width,
                height=height,
                duration_s=duration_s,
                storage_key="none",
                filename=name or "file",
                provenance=provenance or {"stage": "upload"},
            )
            return OrgScope(s, org_id).add(asset).id

    return make


@pytest.fixture
def media_resolver(tmp_path: Path) -> Callable[[OrgScope, Sequence[str]], list[MediaFile]]:
    """Assets as files of their recorded size, with a public URL (as S3 would give)."""

    def resolve(scope: OrgScope, asset_ids: Sequence[str]) -> list[MediaFile]:
        files = []
        for asset_id in asset_ids:
            asset = scope.get(Asset, asset_id)
            path = tmp_path / f"{asset_id}.bin"
            if not path.exists():
                path.write_bytes(b"\0" * asset.size_bytes)
            files.append(
                MediaFile(
                    asset_id=asset.id,
                    media_type=asset.media_type,
                    path=path,
                    url=f"https://cdn.example/{asset.id}",
                    size_bytes=asset.size_bytes,
                    width=asset.width,
                    height=asset.height,
                    duration_s=asset.duration_s,
                    synthetic=is_synthetic(dict(asset.provenance or {})),
                )
            )
        return files

    return resolve


@pytest.fixture
def dispatcher(
    db: Database,
    publishers: dict[str, Publisher],
    cipher: TokenCipher,
    media_resolver: Callable[[OrgScope, Sequence[str]], list[MediaFile]],
) -> Dispatcher:
    return Dispatcher(
        db,
        publishers=publishers,
        cipher=cipher,
        media_resolver=media_resolver,
        worker_id="test-worker",
        retry=RetryPolicy(base_delay_s=0.0, max_delay_s=0.0),
    )
