"""Build a dispatcher from settings: what ``agency worker`` and the durable jobs use."""

from __future__ import annotations

import threading
from collections.abc import Mapping

import httpx

from agency.config import Settings
from agency.db.engine import Database
from agency.distribution.accounts import OAuthClient, TokenCipher, oauth_provider
from agency.distribution.publishing.dispatcher import Dispatcher, OAuthRefresher
from agency.distribution.publishing.media import store_resolver
from agency.distribution.publishing.registry import build_publishers
from agency.distribution.publishing.sandbox import base_urls
from agency.storage import build_blob_store


def build_dispatcher(
    settings: Settings,
    database: Database,
    *,
    http_client: httpx.Client,
    worker_id: str,
    oauth_clients: Mapping[str, OAuthClient] | None = None,
    sandbox_url: str | None = None,
    public_media_base_url: str | None = None,
) -> Dispatcher:
    """A dispatcher on the real platforms, or on the local servers at ``sandbox_url``.

    ``oauth_clients`` (per platform) let it refresh expired tokens; media are read from
    the asset store and offered to pulling platforms under ``public_media_base_url``.
    """
    sandbox_url = sandbox_url or getattr(settings, "publish_sandbox_url", None)
    public = public_media_base_url or getattr(settings, "public_media_base_url", None)
    urls = base_urls(sandbox_url) if sandbox_url else None
    refresher = None
    if oauth_clients:
        providers = {
            platform: oauth_provider(platform, token_url=f"{urls['oauth']}/{platform}/token")
            if urls
            else oauth_provider(platform)
            for platform in oauth_clients
        }
        refresher = OAuthRefresher(
            clients=dict(oauth_clients), http_client=http_client, providers=providers
        )
    return Dispatcher(
        database,
        publishers=build_publishers(http_client=http_client, base_urls=urls),
        cipher=TokenCipher.from_settings(settings),
        media_resolver=store_resolver(build_blob_store(settings), public_base_url=public),
        worker_id=worker_id,
        refresher=refresher,
    )


def run_publisher(
    settings: Settings,
    database: Database,
    *,
    worker_id: str,
    stop: threading.Event,
    oauth_clients: Mapping[str, OAuthClient] | None = None,
    idle_s: float = 1.0,
) -> None:
    """Dispatch due posts until ``stop`` is set (one long-running publishing worker)."""
    with httpx.Client(timeout=60) as http:
        build_dispatcher(
            settings, database, http_client=http, worker_id=worker_id, oauth_clients=oauth_clients
        ).run(stop, idle_s=idle_s)
