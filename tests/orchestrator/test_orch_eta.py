"""The ETA shown beside a job's progress bar."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from agency.db import Job
from agency.orchestrator import estimate_remaining_s

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def _job(status: str, percent: float) -> Job:
    return Job(kind="selftest", workflow_id="w", status=status, percent=percent, created_at=T0)


def test_eta_follows_the_pace_so_far() -> None:
    now = T0 + timedelta(seconds=30)
    assert estimate_remaining_s(_job("running", 25.0), now=now) == 90.0
    assert estimate_remaining_s(_job("running", 75.0), now=now) == 10.0


def test_eta_is_unknown_before_progress_and_zero_when_final() -> None:
    now = T0 + timedelta(seconds=5)
    assert estimate_remaining_s(_job("queued", 0.0), now=now) is None
    assert estimate_remaining_s(_job("running", 0.0), now=now) is None
    assert estimate_remaining_s(_job("succeeded", 100.0), now=now) == 0.0
    assert estimate_remaining_s(_job("failed", 40.0), now=now) == 0.0
