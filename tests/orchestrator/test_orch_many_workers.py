"""Scale-out: several worker processes share one queue and run each job exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import orch_kinds  # noqa: F401  (registers the test job kinds in this process too)
import pytest
from orch_helpers import make_org, marker_lines

from agency.config import Settings
from agency.db import Database, OrgScope
from agency.orchestrator import WorkflowGateway, open_gateway, submit_job, wait_for_job

WORKER = Path(__file__).parent / "orch_worker.py"


@pytest.fixture
def gateway(settings: Settings) -> Iterator[WorkflowGateway]:
    gw = open_gateway(settings)
    yield gw
    gw.close()


def _start_ready_worker(settings: Settings, executor_id: str, cwd: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "AGENCY_DATA_DIR": str(settings.data_dir),
        "AGENCY_DATABASE_URL": settings.resolved_database_url,
    }
    worker = subprocess.Popen(
        [sys.executable, str(WORKER), executor_id],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert worker.stdout is not None
    for line in worker.stdout:
        if line.strip() == "READY":
            return worker
    raise AssertionError(f"worker {executor_id} exited before it was ready")


@pytest.mark.slow
def test_two_workers_split_the_queue_and_run_every_job_once(
    settings: Settings, db: Database, gateway: WorkflowGateway, tmp_path: Path
) -> None:
    org_id = make_org(db)
    executors = [f"w{n}-{uuid.uuid4().hex[:6]}" for n in (1, 2)]
    workers = [_start_ready_worker(settings, ex, tmp_path) for ex in executors]
    try:
        time.sleep(1.2)  # both have discovered the jobs queue
        markers = [tmp_path / f"job{n}.txt" for n in range(8)]
        with db.session() as session:
            jobs = [
                submit_job(
                    OrgScope(session, org_id),
                    "selftest",
                    {"steps": 2, "sleep_s": 0.3, "marker_path": str(marker)},
                    gateway=gateway,
                )
                for marker in markers
            ]
        finished = [
            wait_for_job(db, org_id, job.id, gateway=gateway, timeout=60, poll_s=0.05)
            for job in jobs
        ]
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        for worker in workers:
            worker.communicate(timeout=20)
    assert [job.status for job in finished] == ["succeeded"] * len(jobs)
    assert all(marker_lines(m) == ["step 1", "step 2"] for m in markers)
    ran_on = {info.executor_id for job in jobs if (info := gateway.info(job.id))}
    assert ran_on == set(executors)
    assert all(worker.returncode == 0 for worker in workers)
