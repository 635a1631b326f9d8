"""Job progress in the ``jobs`` row (and a DBOS event), written from inside workflows."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

from dbos import DBOS
from sqlalchemy import update

from agency.core.clock import utcnow
from agency.db import Database, Job
from agency.orchestrator.engine import runtime_or_none

PROGRESS_EVENT = "progress"
ACTIVE = ("queued", "running")
TERMINAL = ("succeeded", "failed")


def report_progress(step: str, percent: float) -> None:
    """Record that the current job is at ``step``, ``percent`` done (0-100).

    Call it from a job's workflow function or from its steps. Percent never goes back:
    a lower value (a resumed job replaying its early calls) leaves the row unchanged.
    Outside a running job it does nothing, so stage code can call it unconditionally.
    """
    workflow_id = DBOS.workflow_id
    runtime = runtime_or_none()
    if workflow_id is None or runtime is None:
        return
    value = _clamp(percent)
    write_progress(runtime.database, workflow_id, step=step, percent=value)
    DBOS.set_event(PROGRESS_EVENT, {"step": step[:200], "percent": value})


def write_progress(database: Database, workflow_id: str, *, step: str, percent: float) -> bool:
    """Move the job to ``step``/``percent`` if that is not backwards; True when it moved."""
    with database.session() as session:
        moved = session.execute(
            update(Job)
            .where(
                Job.workflow_id == workflow_id,
                Job.status.in_(ACTIVE),
                Job.percent <= percent,
            )
            .values(step=step[:200], percent=percent, status="running", updated_at=utcnow())
        )
    return bool(getattr(moved, "rowcount", 0))


def mark_running(database: Database, workflow_id: str) -> None:
    """A queued job has started."""
    with database.session() as session:
        session.execute(
            update(Job)
            .where(Job.workflow_id == workflow_id, Job.status == "queued")
            .values(status="running", updated_at=utcnow())
        )


def mark_succeeded(database: Database, workflow_id: str, result: dict[str, Any]) -> None:
    """The job finished: store its result and show 100 % (a cancelled job stays cancelled)."""
    with database.session() as session:
        session.execute(
            update(Job)
            .where(Job.workflow_id == workflow_id, Job.status.in_(ACTIVE))
            .values(
                status="succeeded",
                step="done",
                percent=100.0,
                result=result,
                error=None,
                updated_at=utcnow(),
            )
        )


def mark_failed(database: Database, workflow_id: str, error: dict[str, Any]) -> None:
    """The job failed: store the error (``{error, message, field?, fix?}``)."""
    with database.session() as session:
        session.execute(
            update(Job)
            .where(Job.workflow_id == workflow_id, Job.status.in_(ACTIVE))
            .values(status="failed", error=error, updated_at=utcnow())
        )


def estimate_remaining_s(job: Job, *, now: datetime | None = None) -> float | None:
    """Seconds a running job probably still needs, from its pace so far; None when unknown.

    A straight-line estimate (elapsed since submission x remaining / done): good enough
    for an ETA next to a progress bar, not a promise.
    """
    if job.status in TERMINAL:
        return 0.0
    if job.status != "running" or job.percent <= 0:
        return None
    started = job.created_at if job.created_at.tzinfo else job.created_at.replace(tzinfo=UTC)
    elapsed = ((now or utcnow()) - started).total_seconds()
    return round(max(0.0, elapsed * (100.0 - job.percent) / job.percent), 1)


def _clamp(percent: float) -> float:
    if math.isnan(percent):
        return 0.0
    return round(min(100.0, max(0.0, float(percent))), 2)
