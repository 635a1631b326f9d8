"""Talking to the DBOS system database from any process: enqueue and look up workflows.

A :class:`WorkflowGateway` wraps a ``DBOSClient``. It needs no launched DBOS runtime, so
the API process (or a CLI that only submits) can enqueue jobs that separate
``agency worker`` processes pick up, as long as they share the system database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dbos import DBOS, DBOSClient, EnqueueOptions

import agency
from agency.config import Settings
from agency.orchestrator.system_db import APP_NAME, SystemDatabase, system_database_for

JOBS_QUEUE = "agency_jobs"
APP_VERSION = f"agency-{agency.__version__}"


@dataclass(frozen=True)
class WorkflowInfo:
    """DBOS's view of one job workflow."""

    status: str
    executor_id: str | None
    recovery_attempts: int | None


def workflow_name(kind: str) -> str:
    """The name a job kind's workflow is registered under in DBOS."""
    return f"agency.job.{kind}"


class WorkflowGateway:
    """Enqueue job workflows and read their DBOS status, with or without a local runtime."""

    def __init__(self, system_db: SystemDatabase, *, migrate: bool = True) -> None:
        system_db.ensure_directory()
        if migrate:
            # Creates the database and schema on first use; a no-op once current.
            DBOS.migrate(system_db.url, schema=system_db.schema)
        self.system_db = system_db
        self._client = DBOSClient(
            system_database_url=system_db.url,
            dbos_system_schema=system_db.schema,
            application_name=APP_NAME,
            system_database_pool_size=2,
        )

    def enqueue(self, kind: str, workflow_id: str, *args: Any) -> None:
        """Put ``workflow_id`` on the jobs queue; a second call with the same id is a no-op."""
        options: EnqueueOptions = {
            "workflow_name": workflow_name(kind),
            "queue_name": JOBS_QUEUE,
            "workflow_id": workflow_id,
            "workflow_id_reuse_policy": "return-existing",
            "app_version": APP_VERSION,
        }
        self._client.enqueue(options, *args)

    def register_jobs_queue(self, *, concurrency: int, polling_interval_s: float) -> None:
        """Create or update the jobs queue (per-worker concurrency, polling interval)."""
        self._client.register_queue(
            JOBS_QUEUE,
            worker_concurrency=concurrency,
            polling_interval_sec=polling_interval_s,
            on_conflict="always_update",
        )

    def info(self, workflow_id: str) -> WorkflowInfo | None:
        """What DBOS knows of ``workflow_id``, or None when it was never enqueued."""
        found = self._client.list_workflows(
            workflow_ids=[workflow_id], load_input=False, load_output=False
        )
        if not found:
            return None
        return WorkflowInfo(
            status=str(found[0].status),
            executor_id=found[0].executor_id,
            recovery_attempts=found[0].recovery_attempts,
        )

    def status(self, workflow_id: str) -> str | None:
        """DBOS's status for ``workflow_id`` (ENQUEUED, PENDING, SUCCESS, ERROR, ...), or None."""
        info = self.info(workflow_id)
        return info.status if info else None

    def cancel(self, workflow_id: str) -> None:
        """Stop ``workflow_id`` at its next step boundary (a running step finishes first)."""
        self._client.cancel_workflow(workflow_id)

    def close(self) -> None:
        """Release the gateway's connections."""
        self._client.destroy()


def open_gateway(settings: Settings, *, migrate: bool = True) -> WorkflowGateway:
    """A gateway to the system database ``settings`` point at."""
    return WorkflowGateway(system_database_for(settings), migrate=migrate)
