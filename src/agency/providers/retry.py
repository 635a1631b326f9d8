"""The one retry policy for every provider call.

408, 409, 429 and 5xx (529 "overloaded" included) and connection failures are
retried with exponential backoff and full jitter; a ``Retry-After`` (seconds or an
HTTP date, or ``retry-after-ms``) is honoured up to a cap. Anything else is raised
at once. Vendor SDKs run with their own retries off so this is the only loop.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import TypeVar

from agency.core import ProviderError, utcnow
from agency.core.logging import get_logger

T = TypeVar("T")
log = get_logger(__name__)

RETRYABLE_STATUS = frozenset({408, 409, 429})


def is_retryable_status(status: int | None) -> bool:
    """Whether a vendor HTTP status is worth another attempt."""
    if status is None:
        return True  # no response at all: a connection error or timeout
    return status in RETRYABLE_STATUS or status >= 500


def parse_retry_after(headers: Mapping[str, str] | None) -> float | None:
    """Seconds to wait from ``retry-after-ms`` or ``Retry-After`` (seconds or HTTP date)."""
    if not headers:
        return None
    lowered = {k.lower(): v for k, v in headers.items()}
    ms = lowered.get("retry-after-ms")
    if ms:
        try:
            return max(0.0, float(ms) / 1000.0)
        except ValueError:
            pass
    value = lowered.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - utcnow()).total_seconds())


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to retry. ``sleep`` and ``rng`` are injectable for tests."""

    max_retries: int = 4
    base_delay_s: float = 0.5
    max_delay_s: float = 8.0
    max_retry_after_s: float = 60.0
    sleep: Callable[[float], None] = time.sleep
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int, error: ProviderError) -> float:
        """Seconds before retry number ``attempt`` (1-based)."""
        if error.retry_after is not None:
            return min(error.retry_after, self.max_retry_after_s)
        ceiling = min(self.max_delay_s, self.base_delay_s * (2 ** (attempt - 1)))
        return ceiling / 2 + self.rng.uniform(0, ceiling / 2)


def with_retries(call: Callable[[], T], *, policy: RetryPolicy) -> T:
    """Run ``call``; retry ProviderErrors marked retryable, per ``policy``.

    The final retryable failure is re-raised as is (still ``retryable=True``), so a
    durable job may retry the whole step later.
    """
    attempt = 0
    while True:
        try:
            return call()
        except ProviderError as exc:
            if not exc.retryable or attempt >= policy.max_retries:
                raise
            attempt += 1
            delay = policy.delay(attempt, exc)
            log.warning(
                "provider_retry",
                provider=exc.provider,
                status=exc.status_code,
                request_id=exc.request_id,
                attempt=attempt,
                delay_s=round(delay, 3),
            )
            policy.sleep(delay)


def status_error(
    *,
    provider: str,
    status: int,
    body: str | None,
    request_id: str | None,
    headers: Mapping[str, str] | None,
    detail: str = "",
) -> ProviderError:
    """The ProviderError for a vendor HTTP error response, classified by this policy.

    A vendor's explicit ``x-should-retry: true|false`` header overrides the status.
    """
    retryable = is_retryable_status(status)
    should = {k.lower(): v for k, v in (headers or {}).items()}.get("x-should-retry", "").lower()
    if should in ("true", "false"):
        retryable = should == "true"
    hint = "retry later" if retryable else "check the request, model name and API key"
    message = f"{provider} answered HTTP {status}"
    if detail:
        message += f": {detail}"
    message += f" (request id {request_id or 'n/a'}; {hint})."
    return ProviderError(
        message,
        provider=provider,
        retryable=retryable,
        status_code=status,
        request_id=request_id,
        body=body,
        retry_after=parse_retry_after(headers) if retryable else None,
    )


def connection_error(*, provider: str, exc: BaseException) -> ProviderError:
    """A retryable ProviderError for a failure with no HTTP response."""
    return ProviderError(
        f"{provider} could not be reached ({type(exc).__name__}: {exc}); "
        "check the network and base URL.",
        provider=provider,
        retryable=True,
    )
