"""Submitting jobs and reading them back, with status reconciled from DBOS."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from agency.core.clock import utcnow
from agency.core.errors import InputError
from agency.core.ids import new_id
from agency.db import Job, OrgScope
from agency.orchestrator.engine import current_runtime, runtime_or_none
from agency.orchestrator.gateway import WorkflowGateway
from agency.orchestrator.kinds import get_kind
from agency.orchestrator.progress import ACTIVE

_PENDING_KEY = "agency.orchestrator.pending_jobs"
REQUEUE_AFTER = timedelta(seconds=10)
_FINAL = ("SUCCESS", "ERROR", "CANCELLED", "MAX_RECOVERY_ATTEMPTS_EXCEEDED")


def submit_job(
    scope: OrgScope,
    kind: str,
    params: dict[str, Any],
    *,
    subject_id: str | None = None,
    job_id: str | None = None,
    gateway: WorkflowGateway | None = None,
) -> Job:
    """Create a queued job of ``kind`` and enqueue its workflow when the session commits.

    The workflow id is the job id, so a job runs at most once however often it is
    enqueued; passing an existing ``job_id`` returns that job without a second run.
    ``gateway`` defaults to the runtime launched in this process; a process without one
    (the API beside separate workers) passes ``open_gateway(settings)``.
    """
    get_kind(kind)
    _check_params(params)
    target = gateway or current_runtime().gateway
    if job_id is not None:
        existing = scope.session.get(Job, job_id)
        if existing is not None:
            if existing.org_id != scope.org_id or existing.kind != kind:
                raise InputError(
                    f"Job id {job_id!r} is already used.", field="job_id", fix="Use a new id."
                )
            return existing
    new = job_id or new_id()
    job = scope.add(
        Job(
            id=new,
            kind=kind,
            workflow_id=new,
            status="queued",
            step="",
            percent=0.0,
            params=params,
            subject_id=subject_id,
        )
    )
    _enqueue_on_commit(scope.session, target, (kind, new, scope.org_id, params))
    return job


def get_job(scope: OrgScope, job_id: str, *, gateway: WorkflowGateway | None = None) -> Job:
    """The job ``job_id``; when its row still says queued/running, DBOS's view is checked.

    A worker killed between its last step and the row update, a cancelled workflow or an
    enqueue lost after commit leave the row behind; this brings it up to date.
    """
    job = scope.get(Job, job_id)
    target = gateway or _runtime_gateway()
    if job.status in ACTIVE and target is not None:
        reconcile(scope.session, job, target)
    return job


def cancel_job(scope: OrgScope, job_id: str, *, gateway: WorkflowGateway | None = None) -> Job:
    """Cancel a queued or running job; it stops before its next step. Final jobs are kept."""
    job = scope.get(Job, job_id)
    if job.status not in ACTIVE:
        return job
    (gateway or current_runtime().gateway).cancel(job.workflow_id)
    job.status = "failed"
    job.error = {"error": "cancelled", "message": "The job was cancelled."}
    scope.session.flush()
    return job


def list_jobs(scope: OrgScope, *, kind: str | None = None, limit: int = 50) -> list[Job]:
    """This organization's jobs, newest first."""
    filters = [Job.kind == kind] if kind else []
    return list(scope.list(Job, *filters, order_by=Job.created_at.desc(), limit=limit))


def reconcile(session: Session, job: Job, gateway: WorkflowGateway) -> None:
    """Align a queued/running job row with its workflow's DBOS status (in place, flushed)."""
    status = gateway.status(job.workflow_id)
    if status is None:
        if job.status == "queued" and utcnow() - _aware(job.created_at) > REQUEUE_AFTER:
            gateway.enqueue(job.kind, job.workflow_id, job.id, job.org_id, job.params)
        return
    if status in _FINAL:
        # The workflow may have written its outcome since the row was read.
        session.refresh(job)
        if job.status not in ACTIVE:
            return
    if status == "PENDING" and job.status == "queued":
        job.status = "running"
    elif status == "SUCCESS":
        job.status, job.percent, job.step = "succeeded", 100.0, "done"
    elif status in _FINAL:
        job.status = "failed"
        job.error = job.error or {
            "error": "cancelled" if status == "CANCELLED" else "internal_error",
            "message": f"The job's workflow ended with {status}.",
        }
    session.flush()


def _runtime_gateway() -> WorkflowGateway | None:
    runtime = runtime_or_none()
    return runtime.gateway if runtime else None


def _check_params(params: dict[str, Any]) -> None:
    if not isinstance(params, dict):
        raise InputError("Job parameters must be a JSON object.", field="params")
    try:
        json.dumps(params)
    except (TypeError, ValueError) as exc:
        raise InputError(
            f"Job parameters must be plain JSON: {exc}.",
            field="params",
            fix="Pass strings, numbers, lists and objects only.",
        ) from None


def _enqueue_on_commit(
    session: Session, gateway: WorkflowGateway, args: tuple[str, str, str, dict[str, Any]]
) -> None:
    """Enqueue after the job row is committed (never for a row that was rolled back)."""
    pending: list[tuple[WorkflowGateway, tuple[str, str, str, dict[str, Any]]]]
    pending = session.info.setdefault(_PENDING_KEY, [])
    pending.append((gateway, args))
    if not event.contains(session, "after_commit", _flush_pending):
        event.listen(session, "after_commit", _flush_pending)
        event.listen(session, "after_rollback", _drop_pending)


def _flush_pending(session: Session) -> None:
    pending = session.info.pop(_PENDING_KEY, [])
    for gateway, (kind, workflow_id, org_id, params) in pending:
        gateway.enqueue(kind, workflow_id, workflow_id, org_id, params)


def _drop_pending(session: Session) -> None:
    session.info.pop(_PENDING_KEY, None)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)
