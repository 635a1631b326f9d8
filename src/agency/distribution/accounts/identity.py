"""Who a fresh token belongs to: the platform's own "me" endpoint, per platform.

Meta is the odd one: a Page (and the Instagram account linked to it) is acted for with
the Page's own access token, which the Pages list hands out beside the Page id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from agency.core.errors import InputError, ProviderError
from agency.distribution.accounts.crypto import Secret
from agency.providers.retry import connection_error, status_error

API_BASES: dict[str, str] = {
    "x": "https://api.x.com",
    "linkedin": "https://api.linkedin.com",
    "facebook": "https://graph.facebook.com/v21.0",
    "instagram": "https://graph.facebook.com/v21.0",
    "tiktok": "https://open.tiktokapis.com",
    "youtube": "https://www.googleapis.com",
}


@dataclass(frozen=True)
class Identity:
    """The account a token acts for; ``access_token`` replaces the user token (Meta Pages)."""

    external_id: str
    display_name: str
    access_token: Secret | None = None


def _get(
    http: httpx.Client, platform: str, url: str, token: Secret, params: dict[str, str]
) -> dict[str, Any]:
    try:
        response = http.get(url, params=params, headers={"Authorization": f"Bearer {token.value}"})
    except httpx.HTTPError as exc:
        raise connection_error(provider=platform, exc=exc) from exc
    if response.status_code >= 400:
        raise status_error(
            provider=platform,
            status=response.status_code,
            body=response.text[:2000],
            request_id=response.headers.get("x-request-id"),
            headers=response.headers,
        )
    data = response.json()
    return data if isinstance(data, dict) else {}


def identify_account(
    platform: str, token: Secret, *, http_client: httpx.Client, api_base: str | None = None
) -> Identity:
    """Ask ``platform`` whose ``token`` this is."""
    base = (api_base or API_BASES.get(platform, "")).rstrip("/")
    if platform == "x":
        user = _get(http_client, platform, f"{base}/2/users/me", token, {})["data"]
        return Identity(str(user["id"]), f"@{user.get('username', '')}")
    if platform == "linkedin":
        info = _get(http_client, platform, f"{base}/v2/userinfo", token, {})
        return Identity(f"urn:li:person:{info['sub']}", str(info.get("name", "")))
    if platform in ("facebook", "instagram"):
        fields = "id,name,access_token,instagram_business_account{id,username}"
        pages = _get(http_client, platform, f"{base}/me/accounts", token, {"fields": fields})
        for page in pages.get("data", []):
            page_token = Secret(str(page["access_token"])) if page.get("access_token") else None
            if platform == "facebook":
                return Identity(str(page["id"]), str(page.get("name", "")), page_token)
            ig = page.get("instagram_business_account")
            if ig:
                return Identity(str(ig["id"]), f"@{ig.get('username', '')}", page_token)
        what = "Facebook Page" if platform == "facebook" else "Instagram professional account"
        raise InputError(
            f"The authorized Meta user manages no {what}.",
            field="account",
            fix=f"Grant access to a {what} in the Meta login dialog and connect again.",
        )
    if platform == "tiktok":
        params = {"fields": "open_id,display_name"}
        user = _get(http_client, platform, f"{base}/v2/user/info/", token, params)["data"]["user"]
        return Identity(str(user["open_id"]), str(user.get("display_name", "")))
    if platform == "youtube":
        params = {"part": "snippet", "mine": "true"}
        items = _get(http_client, platform, f"{base}/youtube/v3/channels", token, params)
        if not items.get("items"):
            raise InputError(
                "The authorized Google account has no YouTube channel.",
                field="account",
                fix="Create a channel for the account, then connect again.",
            )
        channel = items["items"][0]
        return Identity(str(channel["id"]), str(channel["snippet"].get("title", "")))
    raise ProviderError(f"No identity lookup for {platform!r}.", provider=platform)
