"""What the publishing entry points (CLI, API, worker) build from settings."""

from __future__ import annotations

from agency.config import Settings
from agency.core.errors import InputError
from agency.distribution.accounts import OAuthClient, Secret


def oauth_clients(settings: Settings) -> dict[str, OAuthClient]:
    """The OAuth app of each platform configured in ``AGENCY_OAUTH_CLIENTS``."""
    clients = {}
    for platform, conf in settings.oauth_clients.items():
        missing = {"client_id", "client_secret", "redirect_uri"} - set(conf)
        if missing:
            raise InputError(
                f"OAuth app for {platform} lacks {', '.join(sorted(missing))}.",
                field="AGENCY_OAUTH_CLIENTS",
                fix='Give {"client_id", "client_secret", "redirect_uri"} per platform.',
            )
        clients[platform] = OAuthClient(
            client_id=conf["client_id"],
            client_secret=Secret(conf["client_secret"]),
            redirect_uri=conf["redirect_uri"],
        )
    return clients


def oauth_client(settings: Settings, platform: str) -> OAuthClient:
    """The OAuth app for ``platform``, or an InputError that says how to configure it."""
    clients = oauth_clients(settings)
    if platform not in clients:
        raise InputError(
            f"No OAuth app is configured for {platform}.",
            field="AGENCY_OAUTH_CLIENTS",
            fix=f'Set AGENCY_OAUTH_CLIENTS=\'{{"{platform}": {{"client_id": "…", '
            '"client_secret": "…", "redirect_uri": "…"}}\' with your app\'s credentials.',
        )
    return clients[platform]
