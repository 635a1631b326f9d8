"""Connected social accounts: connect (OAuth), store tokens encrypted, refresh, revoke.

Everything runs in an :class:`OrgScope`; tokens are stored as Fernet ciphertext and
handed out only as :class:`Credentials` (plaintext wrapped in :class:`Secret`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import httpx
from sqlalchemy import select

from agency.core.clock import utcnow
from agency.core.errors import InputError, NotFound, PolicyViolation, ProviderError
from agency.db.publishing_models import OAuthPending, SocialAccount
from agency.db.repository import OrgScope
from agency.distribution.accounts.crypto import Secret, TokenCipher
from agency.distribution.accounts.identity import identify_account
from agency.distribution.accounts.oauth import (
    AuthorizationRequest,
    OAuthClient,
    OAuthProvider,
    authorization_request,
    exchange_code,
    oauth_provider,
    refresh_tokens,
)

PENDING_TTL = timedelta(minutes=15)
REFRESH_MARGIN = timedelta(minutes=5)
STATUSES = ("active", "revoked", "deleted")


def as_utc(value: datetime | None) -> datetime | None:
    """``value`` as an aware UTC datetime (SQLite hands timestamps back naive)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


@dataclass(frozen=True)
class Credentials:
    """What a publisher needs to act for an account."""

    account_id: str
    platform: str
    external_id: str
    access_token: Secret
    timezone: str


def check_timezone(name: str, *, field: str = "timezone") -> str:
    """``name`` if it is an IANA time zone, else an InputError."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(
            f"Unknown time zone {name!r}.",
            field=field,
            fix="Use an IANA name such as 'Europe/Berlin' or 'America/New_York'.",
        ) from None
    return name


def start_connect(
    scope: OrgScope,
    *,
    platform: str,
    client: OAuthClient,
    cipher: TokenCipher,
    provider: OAuthProvider | None = None,
    timezone: str = "UTC",
) -> AuthorizationRequest:
    """Begin connecting an account: the URL to send the user to (state kept server-side)."""
    provider = provider or oauth_provider(platform)
    check_timezone(timezone)
    request = authorization_request(provider, client)
    verifier = request.code_verifier
    scope.session.add(
        OAuthPending(
            state=request.state,
            org_id=scope.org_id,
            platform=provider.platform,
            redirect_uri=client.redirect_uri,
            code_verifier_enc=cipher.encrypt(verifier.value) if verifier else None,
            timezone=timezone,
            expires_at=utcnow() + PENDING_TTL,
        )
    )
    scope.session.flush()
    return request


def complete_connect(
    scope: OrgScope,
    *,
    state: str,
    code: str,
    client: OAuthClient,
    cipher: TokenCipher,
    http_client: httpx.Client,
    provider: OAuthProvider | None = None,
    api_base: str | None = None,
) -> SocialAccount:
    """The OAuth callback: check ``state``, exchange ``code``, identify and store the account."""
    pending = scope.session.get(OAuthPending, state)
    if pending is None or pending.org_id != scope.org_id:
        raise PolicyViolation(
            "Unknown or already used OAuth state.", fix="Start the connection again."
        )
    scope.session.delete(pending)
    expires = as_utc(pending.expires_at)
    if expires is None or expires < utcnow():
        raise PolicyViolation("The OAuth request expired.", fix="Start the connection again.")
    provider = provider or oauth_provider(pending.platform)
    verifier = cipher.decrypt(pending.code_verifier_enc) if pending.code_verifier_enc else None
    tokens = exchange_code(
        provider, client, code=code, code_verifier=verifier, http_client=http_client
    )
    identity = identify_account(
        pending.platform, tokens.access_token, http_client=http_client, api_base=api_base
    )
    return save_account(
        scope,
        cipher=cipher,
        platform=pending.platform,
        external_id=identity.external_id,
        display_name=identity.display_name,
        access_token=identity.access_token or tokens.access_token,
        refresh_token=tokens.refresh_token,
        expires_at=tokens.expires_at,
        scopes=tokens.scopes or list(provider.scopes),
        timezone=pending.timezone,
    )


def save_account(
    scope: OrgScope,
    *,
    cipher: TokenCipher,
    platform: str,
    external_id: str,
    display_name: str,
    access_token: Secret,
    refresh_token: Secret | None = None,
    expires_at: datetime | None = None,
    scopes: list[str] | None = None,
    timezone: str = "UTC",
) -> SocialAccount:
    """Insert or update the account (reconnecting reactivates it), tokens encrypted."""
    check_timezone(timezone)
    stmt = select(SocialAccount).where(
        SocialAccount.org_id == scope.org_id,
        SocialAccount.platform == platform,
        SocialAccount.external_id == external_id,
    )
    account = scope.session.scalars(stmt).first()
    if account is None:
        account = SocialAccount(org_id=scope.org_id, platform=platform, external_id=external_id)
        scope.session.add(account)
    account.display_name = display_name
    account.access_token_enc = cipher.encrypt(access_token.value)
    account.refresh_token_enc = cipher.encrypt(refresh_token.value) if refresh_token else None
    account.token_expires_at = expires_at
    account.scopes = list(scopes or [])
    account.timezone = timezone
    account.status = "active"
    account.status_reason = None
    scope.session.flush()
    return account


def get_account(scope: OrgScope, account_id: str) -> SocialAccount:
    """The account ``account_id`` of this organization, else NotFound."""
    return scope.get(SocialAccount, account_id)


def list_accounts(scope: OrgScope, *, platform: str | None = None) -> list[SocialAccount]:
    """This organization's accounts, optionally for one platform."""
    filters = [SocialAccount.platform == platform] if platform else []
    return list(scope.list(SocialAccount, *filters, order_by=SocialAccount.created_at))


def set_account_status(
    scope: OrgScope, account_id: str, status: str, *, reason: str | None = None
) -> SocialAccount:
    """Mark an account active, revoked (token refused) or deleted (gone on the platform)."""
    if status not in STATUSES:
        raise InputError(
            f"Unknown status {status!r}.", field="status", fix="active|revoked|deleted"
        )
    account = get_account(scope, account_id)
    account.status = status
    account.status_reason = reason
    scope.session.flush()
    return account


def disconnect_account(scope: OrgScope, account_id: str) -> None:
    """Forget the tokens of an account (the row stays for the history of its posts)."""
    account = get_account(scope, account_id)
    account.access_token_enc = ""
    account.refresh_token_enc = None
    account.status = "revoked"
    account.status_reason = "disconnected by the user"
    scope.session.flush()


def require_active(account: SocialAccount) -> None:
    """PolicyViolation unless the account can publish."""
    if account.status != "active":
        raise PolicyViolation(
            f"The {account.platform} account {account.display_name or account.external_id} "
            f"is {account.status}"
            + (f" ({account.status_reason})" if account.status_reason else "")
            + ".",
            fix="Reconnect the account."
            if account.status == "revoked"
            else "Pick another account.",
            account_id=account.id,
        )


def credentials(account: SocialAccount, *, cipher: TokenCipher) -> Credentials:
    """Decrypted credentials for a publisher (never stored, never logged)."""
    require_active(account)
    return Credentials(
        account_id=account.id,
        platform=account.platform,
        external_id=account.external_id,
        access_token=cipher.decrypt(account.access_token_enc),
        timezone=account.timezone,
    )


def refresh_account(
    account: SocialAccount,
    *,
    cipher: TokenCipher,
    client: OAuthClient,
    http_client: httpx.Client,
    provider: OAuthProvider | None = None,
    force: bool = False,
) -> bool:
    """Refresh the account's tokens when they expire soon (or ``force``); True if refreshed.

    A refused refresh (revoked grant) marks the account revoked and raises PolicyViolation.
    """
    if account.refresh_token_enc is None:
        return False
    expires_at = as_utc(account.token_expires_at)
    expiring = expires_at is not None and expires_at <= utcnow() + REFRESH_MARGIN
    if not (force or expiring):
        return False
    provider = provider or oauth_provider(account.platform)
    try:
        tokens = refresh_tokens(
            provider,
            client,
            refresh_token=cipher.decrypt(account.refresh_token_enc),
            http_client=http_client,
        )
    except ProviderError as exc:
        if exc.retryable:
            raise
        account.status = "revoked"
        account.status_reason = exc.message
        raise PolicyViolation(
            f"The {account.platform} account's access was revoked: {exc.message}",
            fix="Reconnect the account.",
            account_id=account.id,
        ) from exc
    account.access_token_enc = cipher.encrypt(tokens.access_token.value)
    if tokens.refresh_token is not None:
        account.refresh_token_enc = cipher.encrypt(tokens.refresh_token.value)
    account.token_expires_at = tokens.expires_at
    return True


def find_account(scope: OrgScope, account_id: str | None) -> SocialAccount:
    """The account a queue item names; NotFound with a fix when missing."""
    if not account_id:
        raise NotFound("The post names no account.", fix="Connect an account and pick it.")
    return get_account(scope, account_id)
