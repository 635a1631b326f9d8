"""Start and stop the DBOS runtime that executes job workflows in this process.

DBOS is a process-wide singleton: workflows register with it at import time and steps
run on its threads, so the running :class:`WorkflowRuntime` is kept in one module
variable here (the only global in the orchestrator) and reached with
:func:`current_runtime`. Everything else is passed in.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from dbos import DBOS, DBOSConfig

from agency.config import Settings
from agency.core.errors import AgencyError
from agency.db import Database, create_database
from agency.orchestrator.executor_ids import ExecutorClaim, claim_executor_id
from agency.orchestrator.gateway import APP_VERSION, WorkflowGateway
from agency.orchestrator.system_db import APP_NAME, system_database_for

BUILTIN_JOB_MODULES: tuple[str, ...] = ("agency.orchestrator.selftest",)


class RuntimeNotRunning(AgencyError):
    """A job operation needs the workflow runtime (or a gateway) and none is there."""

    code = "runtime_not_running"


@dataclass
class WorkflowRuntime:
    """What job workflows may reach while they run: settings, the app database, the queue."""

    settings: Settings
    database: Database
    gateway: WorkflowGateway
    executor_id: str
    owns_database: bool = False
    claim: ExecutorClaim | None = None


_runtime: WorkflowRuntime | None = None
_lock = threading.Lock()


def import_job_modules(modules: Sequence[str]) -> None:
    """Import modules that declare job kinds, so DBOS knows their workflows before launch."""
    for name in (*BUILTIN_JOB_MODULES, *modules):
        importlib.import_module(name)


def launch_runtime(
    settings: Settings,
    *,
    database: Database | None = None,
    executor_id: str | None = None,
    modules: Sequence[str] = (),
    concurrency: int = 4,
    polling_interval_s: float = 0.25,
    log_level: str = "WARNING",
) -> WorkflowRuntime:
    """Launch DBOS for ``settings``: run queued jobs and resume this executor's unfinished ones.

    ``executor_id`` must be unique among live processes and the same across restarts of
    one worker (DBOS resumes the workflows a restarted executor left pending). Left out,
    the first free ``worker-<host>[-N]`` is claimed with a lock file in the data dir.
    ``concurrency`` caps jobs running at once in this process; ``polling_interval_s`` is
    how often the queue is checked (the main source of start latency).
    """
    global _runtime
    with _lock:
        if _runtime is not None:
            _stop_locked()
        import_job_modules(modules)
        system_db = system_database_for(settings)
        claim = None if executor_id else claim_executor_id(settings.data_dir)
        executor = claim.executor_id if claim is not None else str(executor_id)
        config: DBOSConfig = {
            "name": APP_NAME,
            "system_database_url": system_db.url,
            "dbos_system_schema": system_db.schema,
            "application_version": APP_VERSION,
            "executor_id": executor,
            "log_level": log_level,
            "sys_db_pool_size": 10,
        }
        # Registering the queue before launch lets DBOS poll it from the first second.
        gateway = WorkflowGateway(system_db, migrate=True)
        try:
            gateway.register_jobs_queue(
                concurrency=concurrency, polling_interval_s=polling_interval_s
            )
            DBOS(config=config)
            DBOS.launch()
        except BaseException:
            DBOS.destroy()
            gateway.close()
            if claim is not None:
                claim.release()
            raise
        owns = database is None
        _runtime = WorkflowRuntime(
            settings=settings,
            database=database or create_database(settings.resolved_database_url),
            gateway=gateway,
            executor_id=executor,
            owns_database=owns,
            claim=claim,
        )
        return _runtime


def shutdown_runtime(*, wait_s: int = 0) -> None:
    """Stop DBOS in this process (safe to call when nothing runs).

    ``wait_s`` gives running workflows that long to finish; the rest resume on the next
    launch with the same executor id.
    """
    with _lock:
        _stop_locked(wait_s=wait_s)


def _stop_locked(*, wait_s: int = 0) -> None:
    global _runtime
    runtime, _runtime = _runtime, None
    DBOS.destroy(workflow_completion_timeout_sec=wait_s)
    if runtime is not None:
        runtime.gateway.close()
        if runtime.owns_database:
            runtime.database.dispose()
        if runtime.claim is not None:
            runtime.claim.release()


def current_runtime() -> WorkflowRuntime:
    """The runtime launched in this process, for workflow steps and in-process submitters."""
    if _runtime is None:
        raise RuntimeNotRunning(
            "The workflow runtime is not running in this process.",
            fix="Call agency.orchestrator.launch_runtime(settings) first, "
            "or pass gateway=open_gateway(settings).",
        )
    return _runtime


def runtime_or_none() -> WorkflowRuntime | None:
    """The runtime launched in this process, if any."""
    return _runtime
