"""The one retry policy: what is retried, how long it waits, what it raises."""

from __future__ import annotations

import random
from datetime import timedelta
from email.utils import format_datetime

import pytest

from agency.core import ProviderError, utcnow
from agency.providers import RetryPolicy, is_retryable_status, parse_retry_after, with_retries
from agency.providers.retry import status_error


@pytest.mark.parametrize(
    ("status", "retryable"),
    [(408, True), (409, True), (429, True), (500, True), (529, True), (None, True),
     (400, False), (401, False), (403, False), (404, False), (422, False)],
)  # fmt: skip
def test_retryable_statuses(status: int | None, retryable: bool) -> None:
    assert is_retryable_status(status) is retryable


def test_parse_retry_after_forms() -> None:
    assert parse_retry_after({"Retry-After": "12"}) == 12.0
    assert parse_retry_after({"retry-after": "1.5"}) == 1.5
    assert parse_retry_after({"retry-after-ms": "250", "retry-after": "9"}) == 0.25
    future = format_datetime(utcnow() + timedelta(seconds=40), usegmt=True)
    assert 37 <= (parse_retry_after({"retry-after": future}) or 0) <= 40
    past = format_datetime(utcnow() - timedelta(seconds=40), usegmt=True)
    assert parse_retry_after({"retry-after": past}) == 0.0
    assert parse_retry_after({"retry-after": "soon"}) is None
    assert parse_retry_after({}) is None and parse_retry_after(None) is None


def _flaky(errors: list[ProviderError], value: str = "done"):
    calls = {"n": 0}

    def call() -> str:
        calls["n"] += 1
        if errors:
            raise errors.pop(0)
        return value

    return call, calls


def test_retries_retryable_then_returns() -> None:
    sleeps: list[float] = []
    errs = [ProviderError("busy", provider="x", retryable=True) for _ in range(3)]
    call, calls = _flaky(errs)
    policy = RetryPolicy(max_retries=3, base_delay_s=1.0, sleep=sleeps.append, rng=random.Random(3))
    assert with_retries(call, policy=policy) == "done"
    assert calls["n"] == 4
    assert 0.5 <= sleeps[0] <= 1.0 and 1.0 <= sleeps[1] <= 2.0 and 2.0 <= sleeps[2] <= 4.0


def test_backoff_is_capped() -> None:
    policy = RetryPolicy(base_delay_s=1.0, max_delay_s=4.0, rng=random.Random(0))
    err = ProviderError("busy", provider="x", retryable=True)
    assert all(policy.delay(n, err) <= 4.0 for n in range(1, 20))


def test_non_retryable_raised_at_once() -> None:
    sleeps: list[float] = []
    call, calls = _flaky([ProviderError("bad", provider="x", retryable=False)])
    with pytest.raises(ProviderError, match="bad"):
        with_retries(call, policy=RetryPolicy(sleep=sleeps.append))
    assert calls["n"] == 1 and sleeps == []


def test_gives_up_after_max_retries_keeping_retryable() -> None:
    sleeps: list[float] = []
    errs = [ProviderError("busy", provider="x", retryable=True) for _ in range(10)]
    call, calls = _flaky(errs)
    with pytest.raises(ProviderError) as info:
        with_retries(call, policy=RetryPolicy(max_retries=2, sleep=sleeps.append))
    assert info.value.retryable is True
    assert calls["n"] == 3 and len(sleeps) == 2


def test_status_error_carries_vendor_details() -> None:
    err = status_error(
        provider="acme",
        status=429,
        body='{"error": "slow"}',
        request_id="req_9",
        headers={"Retry-After": "4"},
        detail="rate_limit_error slow",
    )
    assert err.retryable and err.retry_after == 4.0 and err.request_id == "req_9"
    assert "HTTP 429" in err.message and "rate_limit_error" in err.message
    bad = status_error(provider="acme", status=400, body="{}", request_id=None, headers=None)
    assert not bad.retryable and bad.retry_after is None


def test_vendor_should_retry_header_overrides_status() -> None:
    no = status_error(
        provider="a", status=500, body="", request_id=None, headers={"X-Should-Retry": "false"}
    )
    yes = status_error(
        provider="a", status=400, body="", request_id=None, headers={"x-should-retry": "true"}
    )
    assert no.retryable is False and yes.retryable is True
