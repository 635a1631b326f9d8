"""Acceptance: a worker killed with SIGKILL mid-job resumes at the first unfinished step."""

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
from orch_helpers import make_org, marker_lines, wait_until

from agency.config import Settings
from agency.db import Database, Job, OrgScope
from agency.orchestrator import WorkflowGateway, get_job, open_gateway, submit_job, wait_for_job

WORKER = Path(__file__).parent / "orch_worker.py"


@pytest.fixture
def gateway(settings: Settings) -> Iterator[WorkflowGateway]:
    gw = open_gateway(settings)
    yield gw
    gw.close()


def _worker_env(settings: Settings) -> dict[str, str]:
    return {
        **os.environ,
        "AGENCY_DATA_DIR": str(settings.data_dir),
        "AGENCY_DATABASE_URL": settings.resolved_database_url,
    }


def _start_worker(settings: Settings, executor_id: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), executor_id],
        cwd=cwd,
        env=_worker_env(settings),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _stop(worker: subprocess.Popen[str]) -> str:
    """SIGTERM the worker (a clean stop) and return its output."""
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
    try:
        out, _ = worker.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()
        out, _ = worker.communicate()
    return out


def _submit_and_kill_at_step_3(
    settings: Settings, db: Database, gateway: WorkflowGateway, tmp_path: Path, executor_id: str
) -> tuple[str, str, Path]:
    """Submit the 5-step job, let a worker run it into step 3, SIGKILL the worker."""
    org_id = make_org(db)
    marker = tmp_path / "markers.txt"
    with db.session() as session:
        job = submit_job(
            OrgScope(session, org_id),
            "orch_test_markers",
            {"marker": str(marker), "block_at": 3},
            gateway=gateway,
        )
    worker = _start_worker(settings, executor_id, tmp_path)
    try:
        wait_until(Path(f"{marker}.step3.started").exists, timeout=60, what="step 3 to start")
        # Progress is in the job row while the job runs (no runtime here: the row as is).
        with db.session() as session:
            mid = get_job(OrgScope(session, org_id), job.id)
        assert (mid.status, mid.step, mid.percent) == ("running", "step 2", 40.0)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        assert worker.returncode == -signal.SIGKILL
    finally:
        _stop(worker)
    assert marker_lines(marker) == ["step 1", "step 2"]
    return org_id, job.id, marker


def _assert_finished_once(job: Job, org_id: str, marker: Path, log: str) -> None:
    assert marker_lines(marker) == [f"step {n}" for n in range(1, 6)], log
    assert job.status == "succeeded", (job.error, log)
    assert job.percent == 100.0
    assert job.result == {"done": [f"step {n}" for n in range(1, 6)], "org": org_id}


@pytest.mark.slow
def test_sigkilled_worker_resumes_at_first_unfinished_step(
    settings: Settings, db: Database, gateway: WorkflowGateway, tmp_path: Path
) -> None:
    executor_id = f"kill-test-{uuid.uuid4().hex[:8]}"
    org_id, job_id, marker = _submit_and_kill_at_step_3(
        settings, db, gateway, tmp_path, executor_id
    )

    restarted = time.monotonic()
    worker = _start_worker(settings, executor_id, tmp_path)
    try:
        done = wait_for_job(db, org_id, job_id, gateway=gateway, timeout=60, poll_s=0.05)
        resume_s = time.monotonic() - restarted
    finally:
        log = _stop(worker)
    assert worker.returncode == 0, log
    _assert_finished_once(done, org_id, marker, log)
    print(f"\nrestart-to-done {resume_s:.2f} s")


@pytest.mark.slow
def test_another_worker_adopts_the_jobs_of_a_dead_one(
    settings: Settings, db: Database, gateway: WorkflowGateway, tmp_path: Path
) -> None:
    dead = f"dead-{uuid.uuid4().hex[:8]}"
    org_id, job_id, marker = _submit_and_kill_at_step_3(settings, db, gateway, tmp_path, dead)

    worker = subprocess.Popen(
        [sys.executable, str(WORKER), f"live-{uuid.uuid4().hex[:8]}", dead],
        cwd=tmp_path,
        env=_worker_env(settings),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        done = wait_for_job(db, org_id, job_id, gateway=gateway, timeout=60, poll_s=0.05)
    finally:
        log = _stop(worker)
    _assert_finished_once(done, org_id, marker, log)
