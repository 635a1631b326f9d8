"""Fake OAuth 2 token endpoints for every platform (``/oauth/<platform>/token``).

:meth:`FakeOAuth.authorize` plays the user's consent and returns a code; the token
endpoint checks the client, the redirect URI and the PKCE verifier (S256) and answers
with ``tok-<account>`` access tokens. Refresh tokens in ``revoked`` get ``invalid_grant``.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from typing import Any

import httpx

from agency.distribution.publishing.sandbox.base import FakePlatform
from agency.distribution.publishing.sandbox.world import SandboxWorld, form, json_response


class FakeOAuth(FakePlatform):
    """Authorization-code and refresh grants, as the platforms' token endpoints answer."""

    platform = "oauth"
    prefix = "oauth"

    def __init__(self, world: SandboxWorld) -> None:
        self.codes: dict[str, dict[str, Any]] = {}
        self.revoked: set[str] = set()
        super().__init__(world)

    def setup(self) -> None:
        self.add("POST", r"/(?P<platform>[a-z]+)/token", "token", self.token, auth=False)
        self.add("GET", r"/(?P<platform>[a-z]+)/token", "token", self.token, auth=False)

    def authorize(self, account: str, *, redirect_uri: str, challenge: str | None = None) -> str:
        """The code the platform would send to the callback after the user consents."""
        code = secrets.token_urlsafe(16)
        self.codes[code] = {
            "account": account,
            "redirect_uri": redirect_uri,
            "challenge": challenge,
        }
        return code

    @staticmethod
    def _bad(description: str, error: str = "invalid_grant") -> httpx.Response:
        return json_response(400, {"error": error, "error_description": description})

    def _tokens(self, account: str, scope: str = "") -> httpx.Response:
        return json_response(
            200,
            {
                "access_token": f"tok-{account}",
                "token_type": "bearer",
                "expires_in": 3600,
                "refresh_token": f"refresh-{account}",
                "scope": scope,
            },
        )

    def token(self, request: httpx.Request, platform: str) -> httpx.Response:
        fields = form(request)
        has_client = (
            fields.get("client_id")
            or fields.get("client_key")
            or request.headers.get("authorization", "").startswith("Basic ")
        )
        if not has_client:
            return self._bad("client authentication failed", "invalid_client")
        grant = fields.get("grant_type")
        if grant == "authorization_code":
            entry = self.codes.pop(fields.get("code", ""), None)
            if entry is None:
                return self._bad("authorization code is invalid or was used")
            if entry["redirect_uri"] != fields.get("redirect_uri"):
                return self._bad("redirect_uri does not match")
            if entry["challenge"]:
                verifier = fields.get("code_verifier", "")
                digest = (
                    base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
                    .rstrip(b"=")
                    .decode()
                )
                if digest != entry["challenge"]:
                    return self._bad("code_verifier does not match the challenge")
            return self._tokens(entry["account"], "tweet.read tweet.write")
        if grant in ("refresh_token", "fb_exchange_token"):
            token = fields.get("refresh_token") or fields.get("fb_exchange_token", "")
            if token in self.revoked:
                return self._bad("Token has been expired or revoked.")
            account = token.split("-", 1)[-1]
            return self._tokens(account)
        return self._bad(f"unsupported grant_type {grant}", "unsupported_grant_type")
