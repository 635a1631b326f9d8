"""Polling a vendor's long-running task: wait for the next poll, or give up in time."""

from __future__ import annotations

from collections.abc import Callable

from agency.core import ProviderError


def sleep_or_time_out(
    *,
    delay: float,
    deadline: float,
    clock: Callable[[], float],
    sleep: Callable[[float], None],
    provider: str,
    max_wait_s: float,
    request_id: str,
) -> None:
    """Sleep ``delay`` before the next poll, or raise a retryable :class:`ProviderError`
    when that poll would come after ``deadline`` (a ``clock()`` time)."""
    if clock() + delay > deadline:
        raise ProviderError(
            f"{provider} did not finish within {max_wait_s:.0f} s.",
            provider=provider,
            retryable=True,
            request_id=request_id,
        )
    sleep(delay)
