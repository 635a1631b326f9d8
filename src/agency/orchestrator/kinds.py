"""Declaring job kinds: a decorated function becomes a durable DBOS workflow.

A job kind is a function ``(ctx: JobContext, params: dict) -> dict | None`` that calls
steps (functions decorated with :func:`job_step`) and :func:`report_progress`. The
kind table below mirrors DBOS's own registry: both are filled at import time, which is
why a worker imports the modules that declare kinds before it launches.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from dbos import DBOS

from agency.core.errors import InputError, ProviderError
from agency.orchestrator.execution import JobFunction, execute_job
from agency.orchestrator.gateway import workflow_name

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class JobKind:
    """A registered kind: its name, the author's function and the DBOS workflow around it."""

    name: str
    run: JobFunction
    workflow: Callable[..., Any]
    description: str


_KINDS: dict[str, JobKind] = {}


def job_kind(name: str, *, description: str = "") -> Callable[[JobFunction], JobFunction]:
    """Register ``fn`` as the job kind ``name`` (a DBOS workflow named ``agency.job.<name>``).

    The function must be deterministic apart from its steps: anything with side effects
    or randomness (I/O, model calls, clocks) goes in a :func:`job_step`, whose result is
    checkpointed so a resumed job skips it.
    """

    def register(fn: JobFunction) -> JobFunction:
        existing = _KINDS.get(name)
        if existing is not None:
            if _same_function(existing.run, fn):
                return fn
            raise ValueError(f"job kind {name!r} is already registered by {existing.run!r}")

        def run_job_workflow(job_id: str, org_id: str, params: dict[str, Any]) -> dict[str, Any]:
            return execute_job(kind=name, fn=fn, job_id=job_id, org_id=org_id, params=params)

        run_job_workflow.__qualname__ = f"job_{name}"
        workflow = DBOS.workflow(name=workflow_name(name))(run_job_workflow)
        _KINDS[name] = JobKind(
            name=name, run=fn, workflow=workflow, description=description or (fn.__doc__ or "")
        )
        return fn

    return register


def job_step(
    *,
    name: str | None = None,
    max_attempts: int = 1,
    interval_s: float = 1.0,
    backoff: float = 2.0,
) -> Callable[[F], F]:
    """Make ``fn`` a checkpointed step: once it returns, a resumed job reuses its result.

    With ``max_attempts > 1`` only errors marked retryable (``ProviderError(retryable=True)``)
    are retried, with exponential backoff. Results must be JSON-like or picklable.
    """
    decorator = DBOS.step(
        name=name,
        retries_allowed=max_attempts > 1,
        max_attempts=max_attempts,
        interval_seconds=interval_s,
        backoff_rate=backoff,
        should_retry=_retryable,
    )
    return cast(Callable[[F], F], decorator)


def get_kind(name: str) -> JobKind:
    """The registered kind ``name``, or an :class:`InputError` listing the known ones."""
    kind = _KINDS.get(name)
    if kind is None:
        known = ", ".join(sorted(_KINDS)) or "none"
        raise InputError(f"Unknown job kind {name!r}.", field="kind", fix=f"Use one of: {known}.")
    return kind


def list_kinds() -> list[JobKind]:
    """Every registered kind, by name."""
    return [_KINDS[name] for name in sorted(_KINDS)]


def _retryable(exc: BaseException) -> bool:
    return isinstance(exc, ProviderError) and exc.retryable


def _same_function(a: Callable[..., Any], b: Callable[..., Any]) -> bool:
    return (a.__module__, a.__qualname__) == (b.__module__, b.__qualname__)
