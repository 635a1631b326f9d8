"""Durable jobs on DBOS: declare a kind, submit it, watch its progress, run workers.

Declare a job kind in any module (the lead's campaign and onboarding flows do this)::

    from agency.orchestrator import JobContext, job_kind, job_step, report_progress

    @job_step(max_attempts=3)           # checkpointed; retries retryable ProviderErrors
    def crawl(url: str) -> dict: ...

    @job_kind("brand_onboarding")
    def onboard(ctx: JobContext, params: dict) -> dict:
        pages = crawl(params["url"])    # a resumed job skips finished steps
        report_progress("crawl", 40)
        return {"pages": len(pages)}    # stored as the job's result (JSON)

Submit and watch it (a worker must import the module: ``run_worker(..., modules=[...])``)::

    with database.session() as s:
        job = submit_job(OrgScope(s, org_id), "brand_onboarding", {"url": url})
    job = wait_for_job(database, org_id, job.id, on_progress=bar_update)

In one process, ``launch_runtime(settings, modules=[...])`` runs jobs locally and gives
``submit_job`` its queue; an API beside separate workers passes
``gateway=open_gateway(settings)``. Errors raised by a kind land in ``job.error`` as
``{error, message, field?, fix?}``; anything unexpected as a generic ``internal_error``.
"""

from agency.orchestrator.engine import (
    RuntimeNotRunning,
    WorkflowRuntime,
    current_runtime,
    import_job_modules,
    launch_runtime,
    shutdown_runtime,
)
from agency.orchestrator.execution import JobContext, JobFailed, error_payload
from agency.orchestrator.executor_ids import claim_executor_id, default_executor_id
from agency.orchestrator.gateway import JOBS_QUEUE, WorkflowGateway, WorkflowInfo, open_gateway
from agency.orchestrator.jobs import cancel_job, get_job, list_jobs, submit_job
from agency.orchestrator.kinds import JobKind, get_kind, job_kind, job_step, list_kinds
from agency.orchestrator.progress import PROGRESS_EVENT, estimate_remaining_s, report_progress
from agency.orchestrator.selftest import SELFTEST_KIND
from agency.orchestrator.system_db import SystemDatabase, system_database_for
from agency.orchestrator.worker import (
    JobTimeout,
    resume_abandoned,
    run_job,
    run_worker,
    wait_for_job,
)

__all__ = [
    "JOBS_QUEUE",
    "PROGRESS_EVENT",
    "SELFTEST_KIND",
    "JobContext",
    "JobFailed",
    "JobKind",
    "JobTimeout",
    "RuntimeNotRunning",
    "SystemDatabase",
    "WorkflowGateway",
    "WorkflowInfo",
    "WorkflowRuntime",
    "cancel_job",
    "claim_executor_id",
    "current_runtime",
    "default_executor_id",
    "error_payload",
    "estimate_remaining_s",
    "get_job",
    "get_kind",
    "import_job_modules",
    "job_kind",
    "job_step",
    "launch_runtime",
    "list_jobs",
    "list_kinds",
    "open_gateway",
    "report_progress",
    "resume_abandoned",
    "run_job",
    "run_worker",
    "shutdown_runtime",
    "submit_job",
    "system_database_for",
    "wait_for_job",
]
