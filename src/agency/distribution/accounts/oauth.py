"""OAuth 2 authorization-code flows for each platform: authorization URL, code exchange, refresh.

Endpoints and quirks are data (:data:`PROVIDERS`); tests and the local sandbox point
them at local servers with :func:`oauth_provider`. PKCE (S256) is used where the
platform documents it (X, Google/YouTube, TikTok). Token responses never get logged.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import httpx

from agency.core.clock import utcnow
from agency.core.errors import InputError, ProviderError
from agency.distribution.accounts.crypto import Secret
from agency.providers.retry import connection_error, status_error


@dataclass(frozen=True)
class OAuthProvider:
    """One platform's OAuth 2 endpoints and conventions."""

    platform: str
    authorize_url: str
    token_url: str
    scopes: tuple[str, ...]
    pkce: bool = False
    client_id_param: str = "client_id"
    client_secret_param: str = "client_secret"
    scope_separator: str = " "
    basic_auth: bool = False
    token_via_get: bool = False
    extra_authorize: tuple[tuple[str, str], ...] = ()
    refresh_grant: str = "refresh_token"


@dataclass(frozen=True)
class OAuthClient:
    """The app's registration on a platform."""

    client_id: str
    client_secret: Secret
    redirect_uri: str

    def __repr__(self) -> str:
        return f"OAuthClient(client_id={self.client_id!r}, redirect_uri={self.redirect_uri!r})"


@dataclass(frozen=True)
class TokenSet:
    """Tokens from a code exchange or refresh (plaintext wrapped in :class:`Secret`)."""

    access_token: Secret
    refresh_token: Secret | None
    expires_at: datetime | None
    scopes: list[str]
    raw: dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class AuthorizationRequest:
    """Where to send the user, and what to keep until the callback."""

    url: str
    state: str
    code_verifier: Secret | None


_META_SCOPES_IG = (
    "instagram_basic",
    "instagram_content_publish",
    "instagram_manage_insights",
    "pages_show_list",
    "pages_read_engagement",
)
PROVIDERS: dict[str, OAuthProvider] = {
    "x": OAuthProvider(
        platform="x",
        authorize_url="https://x.com/i/oauth2/authorize",
        token_url="https://api.x.com/2/oauth2/token",
        scopes=("tweet.read", "tweet.write", "users.read", "media.write", "offline.access"),
        pkce=True,
        basic_auth=True,
    ),
    "linkedin": OAuthProvider(
        platform="linkedin",
        authorize_url="https://www.linkedin.com/oauth/v2/authorization",
        token_url="https://www.linkedin.com/oauth/v2/accessToken",
        scopes=("openid", "profile", "w_member_social", "w_organization_social"),
    ),
    "instagram": OAuthProvider(
        platform="instagram",
        authorize_url="https://www.facebook.com/v21.0/dialog/oauth",
        token_url="https://graph.facebook.com/v21.0/oauth/access_token",
        scopes=_META_SCOPES_IG,
        scope_separator=",",
        token_via_get=True,
        refresh_grant="fb_exchange_token",
    ),
    "facebook": OAuthProvider(
        platform="facebook",
        authorize_url="https://www.facebook.com/v21.0/dialog/oauth",
        token_url="https://graph.facebook.com/v21.0/oauth/access_token",
        scopes=("pages_show_list", "pages_manage_posts", "pages_read_engagement", "read_insights"),
        scope_separator=",",
        token_via_get=True,
        refresh_grant="fb_exchange_token",
    ),
    "tiktok": OAuthProvider(
        platform="tiktok",
        authorize_url="https://www.tiktok.com/v2/auth/authorize/",
        token_url="https://open.tiktokapis.com/v2/oauth/token/",
        scopes=("user.info.basic", "video.publish", "video.upload", "video.list"),
        pkce=True,
        client_id_param="client_key",
        scope_separator=",",
    ),
    "youtube": OAuthProvider(
        platform="youtube",
        authorize_url="https://accounts.google.com/o/oauth2/v2/auth",
        token_url="https://oauth2.googleapis.com/token",
        scopes=(
            "https://www.googleapis.com/auth/youtube.upload",
            "https://www.googleapis.com/auth/youtube.readonly",
            "https://www.googleapis.com/auth/yt-analytics.readonly",
        ),
        pkce=True,
        extra_authorize=(("access_type", "offline"), ("prompt", "consent")),
    ),
}


def oauth_provider(
    platform: str, *, authorize_url: str | None = None, token_url: str | None = None
) -> OAuthProvider:
    """The provider for ``platform``, optionally pointed at other endpoints (tests, sandbox)."""
    try:
        provider = PROVIDERS[platform]
    except KeyError:
        raise InputError(
            f"No OAuth flow for platform {platform!r}.",
            field="platform",
            fix=f"Use one of: {', '.join(sorted(PROVIDERS))}.",
        ) from None
    return replace(
        provider,
        authorize_url=authorize_url or provider.authorize_url,
        token_url=token_url or provider.token_url,
    )


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def authorization_request(provider: OAuthProvider, client: OAuthClient) -> AuthorizationRequest:
    """The authorization URL with a fresh ``state`` (and PKCE S256 challenge where used)."""
    state = secrets.token_urlsafe(24)
    params: dict[str, str] = {
        provider.client_id_param: client.client_id,
        "redirect_uri": client.redirect_uri,
        "response_type": "code",
        "scope": provider.scope_separator.join(provider.scopes),
        "state": state,
        **dict(provider.extra_authorize),
    }
    verifier = None
    if provider.pkce:
        verifier = secrets.token_urlsafe(64)[:96]
        params["code_challenge"] = _challenge(verifier)
        params["code_challenge_method"] = "S256"
    url = f"{provider.authorize_url}?{urlencode(params)}"
    return AuthorizationRequest(
        url=url, state=state, code_verifier=Secret(verifier) if verifier else None
    )


def _token_call(
    provider: OAuthProvider, client: OAuthClient, data: dict[str, str], http: httpx.Client
) -> TokenSet:
    secret = client.client_secret.value
    auth = None
    if provider.basic_auth:
        auth = httpx.BasicAuth(client.client_id, secret)
    else:
        data = {provider.client_id_param: client.client_id, **data}
        data[provider.client_secret_param] = secret
    try:
        if provider.token_via_get:
            response = http.get(provider.token_url, params=data)
        else:
            response = http.post(
                provider.token_url, data=data, auth=auth or httpx.USE_CLIENT_DEFAULT
            )
    except httpx.HTTPError as exc:
        raise connection_error(provider=provider.platform, exc=exc) from exc
    body = _json(response)
    error = body.get("error")
    if response.status_code >= 400 or (error and "access_token" not in body):
        detail = _oauth_error_detail(body)
        if detail.startswith("invalid_grant") or response.status_code in (400, 401):
            raise ProviderError(
                f"{provider.platform} refused the authorization ({detail}); "
                "the grant is expired or revoked: reconnect the account.",
                provider=provider.platform,
                retryable=False,
                status_code=response.status_code,
                body=None,
            )
        raise status_error(
            provider=provider.platform,
            status=response.status_code,
            body=None,
            request_id=response.headers.get("x-request-id"),
            headers=response.headers,
            detail=detail,
        )
    return _token_set(body)


def _oauth_error_detail(body: dict[str, Any]) -> str:
    error = body.get("error")
    if isinstance(error, dict):
        return str(error.get("message") or error.get("code") or error)
    description = body.get("error_description") or body.get("message") or ""
    return f"{error or 'error'}: {description}".strip(": ")


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _token_set(body: dict[str, Any]) -> TokenSet:
    data = body.get("data") if isinstance(body.get("data"), dict) else body
    assert isinstance(data, dict)
    expires_in = data.get("expires_in")
    scope = data.get("scope") or ""
    refresh = data.get("refresh_token")
    return TokenSet(
        access_token=Secret(str(data["access_token"])),
        refresh_token=Secret(str(refresh)) if refresh else None,
        expires_at=utcnow() + timedelta(seconds=int(expires_in)) if expires_in else None,
        scopes=[s for s in str(scope).replace(",", " ").split() if s],
        raw={k: v for k, v in data.items() if "token" not in k},
    )


def exchange_code(
    provider: OAuthProvider,
    client: OAuthClient,
    *,
    code: str,
    code_verifier: Secret | None,
    http_client: httpx.Client,
) -> TokenSet:
    """Trade the callback's ``code`` for tokens."""
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": client.redirect_uri,
    }
    if code_verifier is not None:
        data["code_verifier"] = code_verifier.value
    return _token_call(provider, client, data, http_client)


def refresh_tokens(
    provider: OAuthProvider,
    client: OAuthClient,
    *,
    refresh_token: Secret,
    http_client: httpx.Client,
) -> TokenSet:
    """New tokens from a refresh token (Meta: exchange a long-lived token for a fresh one)."""
    if provider.refresh_grant == "fb_exchange_token":
        data = {"grant_type": "fb_exchange_token", "fb_exchange_token": refresh_token.value}
    else:
        data = {"grant_type": "refresh_token", "refresh_token": refresh_token.value}
    tokens = _token_call(provider, client, data, http_client)
    if tokens.refresh_token is None:
        keep = (
            tokens.access_token if provider.refresh_grant == "fb_exchange_token" else refresh_token
        )
        tokens = replace(tokens, refresh_token=keep)
    return tokens
