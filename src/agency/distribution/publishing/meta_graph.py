"""What Instagram and Facebook Pages share: the Graph API error envelope and throttling.

Meta answers errors as ``{"error": {"message", "type", "code", "error_subcode",
"fbtrace_id"}}``. Code 190 is an invalid or expired token; codes 4, 17, 32, 613 and
80001–80014 are throttling (with ``X-Business-Use-Case-Usage`` saying when access
returns); code 100 with subcode 33 is an object that no longer exists.
"""

from __future__ import annotations

from typing import Any

import httpx

from agency.core.errors import ProviderError
from agency.distribution.publishing.http import AccountGone, AuthExpired, HttpPublisher, reset_after

THROTTLE_CODES = frozenset({4, 17, 32, 613, *range(80001, 80015)})
GRAPH_VERSION = "v21.0"


class GraphPublisher(HttpPublisher):
    """Base of the Meta Graph API publishers."""

    default_base_url = f"https://graph.facebook.com/{GRAPH_VERSION}"

    def _detail(self, body: dict[str, Any]) -> tuple[str, str | None]:
        error = body.get("error") if isinstance(body.get("error"), dict) else {}
        assert isinstance(error, dict)
        user_msg = error.get("error_user_msg")
        message = str(error.get("message") or body)
        if user_msg:
            message = f"{message} ({user_msg})"
        return message, str(error.get("code")) if error.get("code") is not None else None

    def _classify(self, response: httpx.Response) -> ProviderError:
        body = self._json(response)
        error = body.get("error") if isinstance(body.get("error"), dict) else {}
        assert isinstance(error, dict)
        message, _ = self._detail(body)
        code = int(error.get("code") or 0)
        common: dict[str, Any] = {
            "provider": self.platform,
            "status_code": response.status_code,
            "request_id": error.get("fbtrace_id") or response.headers.get("x-fb-trace-id"),
            "body": response.text[:4000],
        }
        if code == 190 or response.status_code == 401:
            return AuthExpired(f"{self.platform} refused the access token: {message}", **common)
        if code in THROTTLE_CODES or response.status_code == 429:
            return ProviderError(
                f"{self.platform} rate limit reached: {message}",
                retryable=True,
                retry_after=reset_after(response.headers),
                **common,
            )
        if code == 100 and int(error.get("error_subcode") or 0) == 33:
            return AccountGone(f"{self.platform}: {message}", **common)
        retryable = response.status_code >= 500 or bool(error.get("is_transient"))
        return ProviderError(
            f"{self.platform} answered HTTP {response.status_code}: {message}",
            retryable=retryable,
            **common,
        )

    def _insights(self, account: Any, object_id: str, metrics: str) -> dict[str, float]:
        data = self._json(
            self._call("GET", f"/{object_id}/insights", account, params={"metric": metrics})
        )
        values: dict[str, float] = {}
        for entry in data.get("data") or []:
            total = entry.get("total_value", {}).get("value")
            if total is None and entry.get("values"):
                total = entry["values"][0].get("value")
            if isinstance(total, int | float):
                values[str(entry["name"])] = total
        return values
