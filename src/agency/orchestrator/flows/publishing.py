"""Durable jobs for publishing: ``publish.dispatch`` (send what is due) and
``publish.analytics`` (read metrics). Add this module to ``FLOW_MODULES``.

Each dispatch pass is a checkpointed step. A pass re-run after a crash is safe: the
dispatcher first makes its own (this job's) leases reclaimable and reconciles every
post an earlier attempt may have sent before sending anything again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx
from dbos import DBOS
from dbos._error import DBOSException

from agency.distribution.accounts import TokenCipher
from agency.distribution.publishing.analytics import collect_metrics
from agency.distribution.publishing.registry import build_publishers
from agency.distribution.publishing.sandbox import base_urls
from agency.distribution.publishing.worker import build_dispatcher
from agency.orchestrator.engine import current_runtime
from agency.orchestrator.execution import JobContext
from agency.orchestrator.kinds import job_kind, job_step
from agency.orchestrator.progress import report_progress

DISPATCH_KIND = "publish.dispatch"
ANALYTICS_KIND = "publish.analytics"
PASS_SIZE = 25


def _publishers(http: httpx.Client) -> dict[str, Any]:
    settings = current_runtime().settings
    sandbox = getattr(settings, "publish_sandbox_url", None)  # offline demo: local servers
    return build_publishers(http_client=http, base_urls=base_urls(sandbox) if sandbox else None)


@job_step(name="publish.pass")
def dispatch_pass(worker_id: str, limit: int) -> dict[str, int]:
    """Publish up to ``limit`` due posts; counts by outcome."""
    runtime = current_runtime()
    counts: dict[str, int] = {}
    with httpx.Client(timeout=60) as http:
        dispatcher = build_dispatcher(
            runtime.settings, runtime.database, http_client=http, worker_id=worker_id
        )
        dispatcher.release_own_leases()
        for _ in range(limit):
            outcomes = dispatcher.run_once()
            if not outcomes:
                break
            for outcome in outcomes:
                counts[outcome.status] = counts.get(outcome.status, 0) + 1
    return counts


@job_kind(DISPATCH_KIND, description="Publish every post that is due (exactly once).")
def dispatch(ctx: JobContext, params: dict[str, Any]) -> dict[str, Any]:
    """Run dispatch passes until nothing is due or ``params['max_posts']`` were handled."""
    worker_id = f"job-{ctx.job_id}"
    max_posts = int(params.get("max_posts", 500))
    totals: dict[str, int] = {}
    handled = 0
    while handled < max_posts:
        counts = dispatch_pass(worker_id, min(PASS_SIZE, max_posts - handled))
        done = sum(counts.values())
        for status, count in counts.items():
            totals[status] = totals.get(status, 0) + count
        handled += done
        report_progress(f"dispatched {handled}", min(99.0, 100.0 * handled / max_posts))
        if done == 0:
            break
    return {"handled": handled, **totals}


@job_step(name="publish.metrics", max_attempts=3)
def metrics_pass() -> int:
    """Read metrics of recent posts."""
    runtime = current_runtime()
    with httpx.Client(timeout=60) as http:
        return collect_metrics(
            runtime.database,
            publishers=_publishers(http),
            cipher=TokenCipher.from_settings(runtime.settings),
        )


@job_kind(ANALYTICS_KIND, description="Collect metrics of published posts.")
def analytics(ctx: JobContext, params: dict[str, Any]) -> dict[str, Any]:
    """One metrics collection round (schedule it periodically)."""
    stored = metrics_pass()
    report_progress("metrics stored", 100.0)
    return {"stored": stored}


# Periodic work, as DBOS cron schedules stored in the system database: each tick runs
# once across all workers. Created by `agency worker` and `agency serve`.


@DBOS.workflow(name="agency.schedule.publish_dispatch")
def scheduled_dispatch(scheduled_time: datetime, _context: Any) -> dict[str, int]:
    """Send what is due; the worker id is per tick, so a resumed tick keeps its leases."""
    return dispatch_pass(f"tick-{scheduled_time:%Y%m%dT%H%M%S}", PASS_SIZE * 4)


@DBOS.workflow(name="agency.schedule.publish_analytics")
def scheduled_analytics(_scheduled_time: datetime, _context: Any) -> int:
    """Pull metrics of published posts into publish_queue.analytics and post_metrics."""
    return metrics_pass()


SCHEDULES: dict[str, tuple[Any, str]] = {
    "publish-dispatch": (scheduled_dispatch, "*/15 * * * * *"),  # every 15 seconds
    "publish-analytics": (scheduled_analytics, "0 */30 * * * *"),  # every 30 minutes
}


def ensure_schedules() -> list[str]:
    """Create the publishing schedules that do not exist yet; the names created."""
    created = []
    for name, (workflow, cron) in SCHEDULES.items():
        try:
            DBOS.create_schedule(schedule_name=name, workflow_fn=workflow, schedule=cron)
        except DBOSException as exc:
            if "already exists" not in str(exc):
                raise
        else:
            created.append(name)
    return created
