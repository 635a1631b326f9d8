"""The shared HTTP layer of the publishers: auth header, error classification, polling.

Creating calls (a POST that makes a post) are never retried here: a timeout after the
platform acted would publish twice. Retries happen in the queue, after a reconciliation
read. Errors become :class:`ProviderError` with the platform's own message;
expired/invalid tokens become :class:`AuthExpired`, vanished accounts :class:`AccountGone`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Collection
from typing import Any

import httpx

from agency.core.clock import utcnow
from agency.core.errors import ProviderError
from agency.distribution.accounts.service import Credentials
from agency.providers.retry import connection_error, parse_retry_after, status_error


class AuthExpired(ProviderError):
    """The platform refused the token (expired or revoked): refresh, else reconnect."""

    code = "auth_expired"


class AccountGone(ProviderError):
    """The account or page no longer exists on the platform."""

    code = "account_gone"


def reset_after(headers: httpx.Headers) -> float | None:
    """Seconds until a rate limit resets: Retry-After, x-rate-limit-reset, Meta usage headers."""
    seconds = parse_retry_after(headers)
    if seconds is not None:
        return seconds
    reset = headers.get("x-rate-limit-reset") or headers.get("x-ratelimit-reset")
    if reset:
        try:
            return max(0.0, float(reset) - utcnow().timestamp())
        except ValueError:
            pass
    usage = headers.get("x-business-use-case-usage") or headers.get("x-app-usage")
    if usage:
        try:
            data = json.loads(usage)
        except ValueError:
            return None
        values = data.values() if isinstance(data, dict) else []
        minutes = [
            float(entry.get("estimated_time_to_regain_access", 0))
            for group in values
            for entry in (group if isinstance(group, list) else [group])
            if isinstance(entry, dict)
        ]
        if minutes:
            return max(minutes) * 60.0
    return None


class HttpPublisher:
    """Base of the httpx publishers: ``_call`` sends, ``_classify`` reads the error body."""

    platform = "base"
    default_base_url = ""

    def __init__(
        self,
        *,
        http_client: httpx.Client,
        base_url: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
        poll_interval_s: float = 2.0,
        max_poll_s: float = 120.0,
    ) -> None:
        self.http = http_client
        self.base_url = (base_url or self.default_base_url).rstrip("/")
        self.sleep = sleep
        self.poll_interval_s = poll_interval_s
        self.max_poll_s = max_poll_s

    def _headers(self, account: Credentials) -> dict[str, str]:
        return {"Authorization": f"Bearer {account.access_token.value}"}

    def _call(
        self,
        method: str,
        url: str,
        account: Credentials | None,
        *,
        ok: Collection[int] = (200, 201, 202, 204),
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        if not url.startswith("http"):
            url = f"{self.base_url}{url}"
        all_headers = {**(self._headers(account) if account else {}), **(headers or {})}
        try:
            response = self.http.request(method, url, headers=all_headers, **kwargs)
        except httpx.HTTPError as exc:
            raise connection_error(provider=self.platform, exc=exc) from exc
        if response.status_code not in ok:
            raise self._classify(response)
        return response

    def _json(self, response: httpx.Response) -> dict[str, Any]:
        try:
            data = response.json()
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def _detail(self, body: dict[str, Any]) -> tuple[str, str | None]:
        """The platform's message and error code from an error body."""
        return str(body.get("detail") or body.get("message") or body), None

    def _classify(self, response: httpx.Response) -> ProviderError:
        body = self._json(response)
        message, code = self._detail(body)
        status = response.status_code
        request_id = response.headers.get("x-request-id") or response.headers.get("x-fb-trace-id")
        text = response.text[:4000]
        if status == 401:
            return AuthExpired(
                f"{self.platform} refused the access token: {message}",
                provider=self.platform,
                status_code=status,
                request_id=request_id,
                body=text,
            )
        if status == 429 or code == "rate_limited":
            return ProviderError(
                f"{self.platform} rate limit reached: {message}",
                provider=self.platform,
                retryable=True,
                status_code=status,
                request_id=request_id,
                body=text,
                retry_after=reset_after(response.headers),
            )
        error = status_error(
            provider=self.platform,
            status=status,
            body=text,
            request_id=request_id,
            headers=response.headers,
            detail=message,
        )
        error.details["platform_code"] = code
        return error

    def _poll(self, check: Callable[[], str | None], what: str) -> str:
        """Call ``check`` until it returns a final value; retryable error if it never does."""
        waited = 0.0
        while True:
            result = check()
            if result is not None:
                return result
            if waited >= self.max_poll_s:
                raise ProviderError(
                    f"{self.platform}: {what} is still processing after {waited:g} s; "
                    "the next attempt resumes waiting.",
                    provider=self.platform,
                    retryable=True,
                )
            self.sleep(self.poll_interval_s)
            waited += self.poll_interval_s

    def permanent(self, message: str, **details: Any) -> ProviderError:
        """A non-retryable failure with the platform's message."""
        error = ProviderError(f"{self.platform}: {message}", provider=self.platform)
        error.details.update(details)
        return error
