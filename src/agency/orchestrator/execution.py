"""The body every job workflow shares: context, status bookkeeping, error capture."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dbos import error as dbos_error

from agency.config import Settings
from agency.core.errors import AgencyError
from agency.db import Database
from agency.orchestrator.engine import current_runtime
from agency.orchestrator.progress import mark_failed, mark_running, mark_succeeded

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobContext:
    """What a running job knows about itself and may use: ids, settings, the database."""

    job_id: str
    org_id: str
    kind: str
    settings: Settings
    database: Database


JobFunction = Callable[[JobContext, dict[str, Any]], dict[str, Any] | None]


class JobFailed(Exception):
    """Raised out of a job workflow after its error was recorded, so DBOS marks it ERROR."""


def execute_job(
    *, kind: str, fn: JobFunction, job_id: str, org_id: str, params: dict[str, Any]
) -> dict[str, Any]:
    """Run ``fn`` as job ``job_id`` and record how it ended in the ``jobs`` row."""
    runtime = current_runtime()
    ctx = JobContext(
        job_id=job_id,
        org_id=org_id,
        kind=kind,
        settings=runtime.settings,
        database=runtime.database,
    )
    mark_running(runtime.database, job_id)
    try:
        result = _as_result(fn(ctx, params))
    except Exception as exc:
        error = error_payload(exc)
        if error["error"] == "internal_error":
            log.exception("job %s (%s) failed", job_id, kind)
        mark_failed(runtime.database, job_id, error)
        raise JobFailed(error["message"]) from None
    mark_succeeded(runtime.database, job_id, result)
    return result


def error_payload(exc: BaseException) -> dict[str, Any]:
    """``{error, message, field?, fix?}`` for a job's failure, never an internal detail."""
    if isinstance(exc, dbos_error.DBOSMaxStepRetriesExceeded) and exc.errors:
        exc = exc.errors[-1]
    if isinstance(exc, AgencyError):
        return _jsonable(exc.to_dict())
    return {
        "error": "internal_error",
        "message": f"The job failed unexpectedly ({type(exc).__name__}); "
        "the worker log has the details.",
    }


def _as_result(value: dict[str, Any] | None) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise TypeError(f"a job must return a dict or None, not {type(value).__name__}")
    return _jsonable(value)


def _jsonable(value: dict[str, Any]) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(json.dumps(value, default=str))
    return loaded
