"""A publishing worker process for the chaos test: one Dispatcher against the local
platform servers, killed with SIGKILL at random points by the test.

Usage: python chaos_worker.py DATABASE_URL SANDBOX_URL DATA_DIR WORKER_ID
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import httpx

from agency.config import Settings
from agency.db import Asset, OrgScope, create_database
from agency.distribution.accounts import TokenCipher
from agency.distribution.publishing import Dispatcher, MediaFile, build_publishers
from agency.distribution.publishing.sandbox import base_urls
from agency.providers.retry import RetryPolicy


def main(database_url: str, sandbox_url: str, data_dir: str, worker_id: str) -> None:
    settings = Settings(data_dir=Path(data_dir), _env_file=None)  # type: ignore[call-arg]
    media_dir = Path(data_dir) / "media"
    media_dir.mkdir(parents=True, exist_ok=True)

    def resolve(scope: OrgScope, asset_ids: Sequence[str]) -> list[MediaFile]:
        files = []
        for asset_id in asset_ids:
            asset = scope.get(Asset, asset_id)
            path = media_dir / asset_id
            if not path.exists():
                path.write_bytes(b"\0" * asset.size_bytes)
            url = f"https://cdn.example/{asset_id}" if asset.filename.startswith("pull") else None
            files.append(
                MediaFile(
                    asset_id=asset_id,
                    media_type=asset.media_type,
                    path=path,
                    url=url,
                    size_bytes=asset.size_bytes,
                    width=asset.width,
                    height=asset.height,
                    duration_s=asset.duration_s,
                )
            )
        return files

    with httpx.Client(timeout=10) as http:
        publishers = build_publishers(
            http_client=http, base_urls=base_urls(sandbox_url), poll_interval_s=0.02, max_poll_s=3.0
        )
        Dispatcher(
            create_database(database_url),
            publishers=publishers,
            cipher=TokenCipher.from_settings(settings),
            media_resolver=resolve,
            worker_id=worker_id,
            retry=RetryPolicy(base_delay_s=0.05, max_delay_s=0.2),
            max_attempts=50,
            lease_s=30.0,
            limits={},  # the local servers enforce no daily quotas
        ).run(idle_s=0.05)


if __name__ == "__main__":
    main(*sys.argv[1:5])
