"""Connected accounts: tokens encrypted at rest, OAuth connect flows against local token
endpoints (state, PKCE, client_key, Meta Page tokens), refresh and revocation."""

from __future__ import annotations

import logging
import stat
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr

from agency.config import Settings
from agency.core.errors import PolicyViolation
from agency.db import Database, OrgScope
from agency.db.publishing_models import SocialAccount
from agency.distribution.accounts import (
    OAuthClient,
    Secret,
    TokenCipher,
    complete_connect,
    credentials,
    oauth_provider,
    refresh_account,
    start_connect,
)
from agency.distribution.publishing.sandbox import SandboxServer, base_urls


def test_key_file_is_generated_once_with_0600(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "d", _env_file=None)  # type: ignore[call-arg]
    cipher = TokenCipher.from_settings(settings)
    key_file = tmp_path / "d" / "token.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    token = cipher.encrypt("secret-token")
    assert "secret-token" not in token
    again = TokenCipher.from_settings(settings)
    assert again.decrypt(token).value == "secret-token"


def test_secret_key_as_fernet_key_or_passphrase(tmp_path: Path) -> None:
    for secret in (Fernet.generate_key().decode(), "correct horse battery staple"):
        settings = Settings(data_dir=tmp_path, secret_key=SecretStr(secret), _env_file=None)  # type: ignore[call-arg]
        cipher = TokenCipher.from_settings(settings)
        assert cipher.decrypt(cipher.encrypt("t")).value == "t"
    assert not (tmp_path / "token.key").exists()
    other = TokenCipher(Fernet.generate_key())
    with pytest.raises(PolicyViolation, match="cannot be decrypted"):
        other.decrypt(cipher.encrypt("t"))


def test_plaintext_never_prints(caplog: pytest.LogCaptureFixture) -> None:
    secret = Secret("tok-very-secret")
    client = OAuthClient("cid", Secret("client-secret"), "https://app/cb")
    account = SocialAccount(platform="x", external_id="u1", access_token_enc="gAAAA-cipher")
    caplog.set_level(logging.DEBUG)
    logging.getLogger("test").info("values %s %r %r %r", secret, secret, client, account)
    assert "very-secret" not in caplog.text and "client-secret" not in caplog.text
    assert "gAAAA" not in repr(account)


def _connect(
    db: Database,
    org_id: str,
    cipher: TokenCipher,
    sandbox: SandboxServer,
    http: httpx.Client,
    platform: str,
    account: str,
) -> SocialAccount:
    urls = base_urls(sandbox.url)
    provider = oauth_provider(platform, token_url=f"{urls['oauth']}/{platform}/token")
    client = OAuthClient("cid", Secret("csecret"), "https://app.example/callback")
    with db.session() as s:
        request = start_connect(
            OrgScope(s, org_id),
            platform=platform,
            client=client,
            cipher=cipher,
            provider=provider,
            timezone="Europe/Berlin",
        )
    query = parse_qs(urlparse(request.url).query)
    assert query["state"] == [request.state]
    challenge = query.get("code_challenge", [None])[0]
    code = sandbox.sandbox.oauth.authorize(
        account, redirect_uri=client.redirect_uri, challenge=challenge
    )
    with db.session() as s:
        return complete_connect(
            OrgScope(s, org_id),
            state=request.state,
            code=code,
            client=client,
            cipher=cipher,
            http_client=http,
            provider=provider,
            api_base=urls[platform],
        )


@pytest.mark.parametrize(
    ("platform", "expected_id"),
    [
        ("x", "alice"),
        ("linkedin", "urn:li:person:alice"),
        ("tiktok", "alice"),
        ("youtube", "alice"),
        ("facebook", "pagealice"),
        ("instagram", "igalice"),
    ],
)
def test_connect_flow_per_platform(
    db: Database,
    org_id: str,
    cipher: TokenCipher,
    sandbox: SandboxServer,
    http: httpx.Client,
    platform: str,
    expected_id: str,
) -> None:
    account = _connect(db, org_id, cipher, sandbox, http, platform, "alice")
    assert account.external_id == expected_id and account.timezone == "Europe/Berlin"
    assert "tok-" not in account.access_token_enc
    token = cipher.decrypt(account.access_token_enc).value
    # Meta acts for a Page with the Page's own token
    assert token == ("tok-pagealice" if platform in ("facebook", "instagram") else "tok-alice")


def test_authorization_urls_follow_each_platform(
    db: Database, org_id: str, cipher: TokenCipher
) -> None:
    client = OAuthClient("cid", Secret("s"), "https://app/cb")
    with db.session() as s:
        x = start_connect(OrgScope(s, org_id), platform="x", client=client, cipher=cipher)
        tiktok = start_connect(OrgScope(s, org_id), platform="tiktok", client=client, cipher=cipher)
        linkedin = start_connect(
            OrgScope(s, org_id), platform="linkedin", client=client, cipher=cipher
        )
        youtube = start_connect(
            OrgScope(s, org_id), platform="youtube", client=client, cipher=cipher
        )
    xq = parse_qs(urlparse(x.url).query)
    assert xq["code_challenge_method"] == ["S256"] and "offline.access" in xq["scope"][0]
    assert "client_key" in parse_qs(urlparse(tiktok.url).query)
    assert "code_challenge" not in parse_qs(urlparse(linkedin.url).query)
    assert parse_qs(urlparse(youtube.url).query)["access_type"] == ["offline"]


def test_state_is_single_use(
    db: Database, org_id: str, cipher: TokenCipher, sandbox: SandboxServer, http: httpx.Client
) -> None:
    client = OAuthClient("cid", Secret("s"), "https://app/cb")
    with db.session() as s, pytest.raises(PolicyViolation, match="Unknown or already used"):
        complete_connect(
            OrgScope(s, org_id),
            state="forged",
            code="c",
            client=client,
            cipher=cipher,
            http_client=http,
        )


def test_refresh_and_revocation(
    db: Database, org_id: str, cipher: TokenCipher, sandbox: SandboxServer, http: httpx.Client
) -> None:
    account = _connect(db, org_id, cipher, sandbox, http, "x", "bob")
    provider = oauth_provider("x", token_url=f"{base_urls(sandbox.url)['oauth']}/x/token")
    client = OAuthClient("cid", Secret("csecret"), "https://app.example/callback")
    with db.session() as s:
        row = s.get(SocialAccount, account.id)
        assert row is not None
        assert (
            refresh_account(row, cipher=cipher, client=client, http_client=http, provider=provider)
            is False
        )  # not expiring yet
        assert (
            refresh_account(
                row, cipher=cipher, client=client, http_client=http, provider=provider, force=True
            )
            is True
        )
    sandbox.sandbox.oauth.revoked.add("refresh-bob")
    with db.session() as s:
        row = s.get(SocialAccount, account.id)
        assert row is not None
        with pytest.raises(PolicyViolation, match="revoked"):
            refresh_account(
                row, cipher=cipher, client=client, http_client=http, provider=provider, force=True
            )
        assert row.status == "revoked"
        with pytest.raises(PolicyViolation, match="is revoked") as err:
            credentials(row, cipher=cipher)
        assert err.value.details["fix"] == "Reconnect the account."
