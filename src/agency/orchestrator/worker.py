"""The worker process and waiting for a job: what ``agency worker`` and the CLI call."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from dbos import DBOS

from agency.config import Settings
from agency.core.errors import AgencyError
from agency.db import Database, Job, OrgScope
from agency.orchestrator.engine import (
    WorkflowRuntime,
    current_runtime,
    launch_runtime,
    shutdown_runtime,
)
from agency.orchestrator.gateway import WorkflowGateway
from agency.orchestrator.jobs import get_job, submit_job
from agency.orchestrator.progress import TERMINAL

ProgressCallback = Callable[[str, float], None]


class JobTimeout(AgencyError):
    """A job did not finish within the time the caller was willing to wait."""

    code = "job_timeout"


def run_worker(
    settings: Settings,
    *,
    stop_event: threading.Event | None = None,
    executor_id: str | None = None,
    modules: Sequence[str] = (),
    concurrency: int = 4,
    polling_interval_s: float = 0.25,
    adopt: Sequence[str] = (),
    on_ready: Callable[[WorkflowRuntime], None] | None = None,
) -> None:
    """Run queued jobs until ``stop_event`` is set (or SIGTERM / Ctrl-C), then shut down.

    On start it resumes the jobs this ``executor_id`` left unfinished (a crash or kill),
    each at its first unfinished step. ``modules`` are imported first so the job kinds
    they declare can run here. Start as many as you like, here or on other machines
    sharing the database: each claims its own id unless given one. ``adopt`` names
    dead workers whose jobs this one should resume (see :func:`resume_abandoned`).
    """
    stop = stop_event or threading.Event()
    previous = _on_sigterm(stop)
    try:
        runtime = launch_runtime(
            settings,
            executor_id=executor_id,
            modules=modules,
            concurrency=concurrency,
            polling_interval_s=polling_interval_s,
        )
        if adopt:
            resume_abandoned(adopt)
        if on_ready is not None:
            on_ready(runtime)
        while not stop.wait(0.5):
            pass
    finally:
        shutdown_runtime()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def resume_abandoned(executor_ids: Sequence[str]) -> list[str]:
    """Hand the unfinished jobs of dead workers (by executor id) to the live workers.

    For a machine that is gone for good: its jobs are re-queued and resume, at their
    first unfinished step, on whichever worker dequeues them. Needs the runtime launched
    in this process. Never name a worker that is still running: its jobs would run twice.
    """
    current_runtime()
    handles = DBOS._recover_pending_workflows(list(executor_ids))
    return [handle.get_workflow_id() for handle in handles]


def wait_for_job(
    database: Database,
    org_id: str,
    job_id: str,
    *,
    on_progress: ProgressCallback | None = None,
    timeout: float | None = None,
    poll_s: float = 0.25,
    gateway: WorkflowGateway | None = None,
) -> Job:
    """Poll the job until it succeeds or fails, calling ``on_progress(step, percent)`` on change.

    Raises :class:`JobTimeout` after ``timeout`` seconds (the job keeps running).
    """
    deadline = None if timeout is None else time.monotonic() + timeout
    last: tuple[str, float] | None = None
    while True:
        with database.session() as session:
            job = get_job(OrgScope(session, org_id), job_id, gateway=gateway)
        seen = (job.step, job.percent)
        if on_progress is not None and seen != last:
            on_progress(*seen)
            last = seen
        if job.status in TERMINAL:
            return job
        if deadline is not None and time.monotonic() > deadline:
            raise JobTimeout(
                f"Job {job_id} is still {job.status} after {timeout:g} s.",
                job_id=job_id,
                status=job.status,
            )
        time.sleep(poll_s)


def run_job(
    database: Database,
    org_id: str,
    kind: str,
    params: dict[str, Any],
    *,
    subject_id: str | None = None,
    gateway: WorkflowGateway | None = None,
    on_progress: ProgressCallback | None = None,
    timeout: float | None = None,
) -> Job:
    """Submit a job and wait for it: the synchronous path for the CLI.

    Something must run it: a worker sharing the database, or the runtime launched in
    this process (``launch_runtime``).
    """
    with database.session() as session:
        job = submit_job(
            OrgScope(session, org_id), kind, params, subject_id=subject_id, gateway=gateway
        )
    return wait_for_job(
        database, org_id, job.id, on_progress=on_progress, timeout=timeout, gateway=gateway
    )


def _on_sigterm(stop: threading.Event) -> Any:
    """Turn SIGTERM into a clean stop when running on the main thread."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def handle(_signum: int, _frame: Any) -> None:
        stop.set()

    return signal.signal(signal.SIGTERM, handle)
