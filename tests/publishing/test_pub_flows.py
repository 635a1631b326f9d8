"""The durable publishing jobs on the orchestrator: dispatch and analytics."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from agency.config import Settings
from agency.db import Database, OrgScope, PublishQueueItem
from agency.distribution.publishing import list_queue, publish_now
from agency.distribution.publishing.sandbox import SandboxServer
from agency.orchestrator import WorkflowRuntime, launch_runtime, run_job, shutdown_runtime

FLOWS = "agency.orchestrator.flows.publishing"


@pytest.fixture
def runtime(settings: Settings, db: Database, sandbox: SandboxServer) -> Iterator[WorkflowRuntime]:
    # The setting the lead wires for offline demos (AGENCY_PUBLISH_SANDBOX_URL).
    object.__setattr__(settings, "publish_sandbox_url", sandbox.url)
    rt = launch_runtime(
        settings,
        database=db,
        executor_id=f"pub-{uuid.uuid4().hex[:8]}",
        modules=[FLOWS],
        polling_interval_s=0.05,
    )
    yield rt
    shutdown_runtime()


def test_dispatch_and_analytics_jobs(
    runtime: WorkflowRuntime, db: Database, org_id: str, make_account, sandbox: SandboxServer
) -> None:
    for platform, external in (
        ("x", "u1"),
        ("linkedin", "urn:li:person:m1"),
        ("facebook", "page1"),
    ):
        account = make_account(platform, external)
        with db.session() as s:
            publish_now(OrgScope(s, org_id), account_id=account.id, text=f"job post on {platform}")
    job = run_job(db, org_id, "publish.dispatch", {}, timeout=60)
    assert job.status == "succeeded" and job.result == {"handled": 3, "published": 3}
    with db.session() as s:
        items: list[PublishQueueItem] = list_queue(OrgScope(s, org_id))
        assert {i.status for i in items} == {"published"}
    assert len(sandbox.world.posts) == 3
    metrics = run_job(db, org_id, "publish.analytics", {}, timeout=60)
    assert metrics.status == "succeeded" and metrics.result == {"stored": 3}
