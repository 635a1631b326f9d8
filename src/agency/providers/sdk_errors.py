"""Turn the official SDKs' exceptions into ProviderErrors classified by the retry policy.

The Anthropic and OpenAI SDKs share one shape (``APIStatusError`` with a response,
``APIConnectionError`` without one), so one converter serves both.
"""

from __future__ import annotations

import json
from typing import Any

from agency.core import ProviderError
from agency.providers.retry import connection_error, status_error


def _body_text(body: Any, response: Any) -> str | None:
    if body is not None:
        return body if isinstance(body, str) else json.dumps(body)
    try:
        return str(response.text)
    except Exception:  # the stream may be closed already
        return None


def _detail(body: Any) -> str:
    """The vendor's own error message, if its JSON body has one."""
    if isinstance(body, dict):
        err = body.get("error", body)
        if isinstance(err, dict):
            kind = err.get("type") or err.get("code") or ""
            msg = err.get("message") or ""
            return f"{kind} {msg}".strip()
    return ""


def convert_sdk_error(
    exc: Exception, *, provider: str, status_errors: type, conn_errors: type
) -> ProviderError:
    """The ProviderError for an SDK exception (raise it ``from exc``)."""
    if isinstance(exc, status_errors):
        response = exc.response  # type: ignore[attr-defined]
        body = getattr(exc, "body", None)
        request_id = getattr(exc, "request_id", None) or response.headers.get("request-id")
        return status_error(
            provider=provider,
            status=int(response.status_code),
            body=_body_text(body, response),
            request_id=request_id,
            headers=dict(response.headers),
            detail=_detail(body),
        )
    if isinstance(exc, conn_errors):
        return connection_error(provider=provider, exc=exc)
    return ProviderError(
        f"{provider} failed unexpectedly ({type(exc).__name__}: {exc}).",
        provider=provider,
        retryable=False,
    )
