"""Jobs in one process: progress, results, failures, idempotency, reconciliation."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import orch_kinds  # noqa: F401  (registers the test job kinds)
import pytest
from dbos import DBOS
from orch_helpers import make_org, marker_lines, wait_until
from sqlalchemy import select, update

from agency.config import Settings
from agency.core.errors import InputError
from agency.db import Database, Job, OrgScope
from agency.orchestrator import (
    PROGRESS_EVENT,
    JobTimeout,
    RuntimeNotRunning,
    WorkflowRuntime,
    cancel_job,
    get_job,
    launch_runtime,
    list_jobs,
    run_job,
    shutdown_runtime,
    submit_job,
    wait_for_job,
)
from agency.orchestrator.progress import write_progress


@pytest.fixture
def runtime(settings: Settings, db: Database) -> Iterator[WorkflowRuntime]:
    rt = launch_runtime(
        settings, database=db, executor_id=f"test-{uuid.uuid4().hex[:8]}", polling_interval_s=0.05
    )
    yield rt
    shutdown_runtime()


def _submit(db: Database, org_id: str, kind: str, params: dict, **kwargs: object) -> Job:
    with db.session() as session:
        return submit_job(OrgScope(session, org_id), kind, params, **kwargs)  # type: ignore[arg-type]


def test_progress_is_in_the_job_row_while_running_and_100_at_the_end(
    runtime: WorkflowRuntime, db: Database, tmp_path: Path
) -> None:
    org_id = make_org(db)
    marker = tmp_path / "m.txt"
    params = {"marker": str(marker), "block_at": 4, "block_s": 1.0}
    job = _submit(db, org_id, "orch_test_markers", params)
    assert job.status == "queued"

    wait_until(Path(f"{marker}.step4.started").exists, timeout=20, what="step 4")
    with db.session() as session:
        mid = get_job(OrgScope(session, org_id), job.id)
    assert (mid.status, mid.step, mid.percent) == ("running", "step 3", 60.0)

    seen: list[tuple[str, float]] = []
    done = wait_for_job(
        db, org_id, job.id, on_progress=lambda s, p: seen.append((s, p)), timeout=20
    )
    assert done.status == "succeeded"
    assert (done.step, done.percent) == ("done", 100.0)
    assert done.result == {"done": [f"step {n}" for n in range(1, 6)], "org": org_id}
    percents = [p for _, p in seen]
    assert percents == sorted(percents) and percents[-1] == 100.0
    assert DBOS.get_event(job.id, PROGRESS_EVENT, timeout_seconds=1) == {
        "step": "step 5",
        "percent": 100.0,
    }
    assert marker_lines(marker) == [f"step {n}" for n in range(1, 6)]


def test_run_job_submits_and_waits(runtime: WorkflowRuntime, db: Database, tmp_path: Path) -> None:
    org_id = make_org(db)
    marker = tmp_path / "selftest.txt"
    calls: list[float] = []
    job = run_job(
        db,
        org_id,
        "selftest",
        {"steps": 4, "sleep_s": 0.01, "marker_path": str(marker)},
        on_progress=lambda _s, p: calls.append(p),
        timeout=20,
    )
    assert job.status == "succeeded"
    assert job.result == {"steps": [1, 2, 3, 4], "job_id": job.id}
    assert marker_lines(marker) == ["step 1", "step 2", "step 3", "step 4"]
    assert calls[-1] == 100.0
    with db.session() as session:
        assert [j.id for j in list_jobs(OrgScope(session, org_id))] == [job.id]


def test_agency_error_is_recorded_with_field_and_fix(
    runtime: WorkflowRuntime, db: Database
) -> None:
    org_id = make_org(db)
    job = run_job(db, org_id, "selftest", {"steps": 3, "sleep_s": 0, "fail_at": 2}, timeout=20)
    assert job.status == "failed"
    assert job.error == {
        "error": "invalid_input",
        "message": "Step 2 was asked to fail.",
        "field": "fail_at",
        "fix": "Leave fail_at out.",
    }
    assert job.percent == pytest.approx(100 / 3, abs=0.01)


def test_unexpected_error_is_generic_and_leaks_nothing(
    runtime: WorkflowRuntime, db: Database
) -> None:
    org_id = make_org(db)
    job = run_job(db, org_id, "orch_test_crash", {}, timeout=20)
    assert job.status == "failed"
    assert job.error is not None and job.error["error"] == "internal_error"
    assert "RuntimeError" in job.error["message"]
    assert "hunter2" not in json.dumps(job.error)


def test_submitting_the_same_job_twice_runs_it_once(
    runtime: WorkflowRuntime, db: Database, tmp_path: Path
) -> None:
    org_id = make_org(db)
    marker = tmp_path / "once.txt"
    params = {"marker": str(marker)}
    first = _submit(db, org_id, "orch_test_markers", params, job_id="same-job-id1")
    second = _submit(db, org_id, "orch_test_markers", params, job_id="same-job-id1")
    assert first.id == second.id == first.workflow_id
    wait_for_job(db, org_id, first.id, timeout=20)
    # Enqueueing the finished workflow id again is a no-op too.
    runtime.gateway.enqueue("orch_test_markers", first.id, first.id, org_id, params)
    time.sleep(0.5)
    assert marker_lines(marker) == [f"step {n}" for n in range(1, 6)]
    with db.session() as session:
        assert len(session.scalars(select(Job).where(Job.org_id == org_id)).all()) == 1


def test_bad_submissions_are_input_errors_and_store_nothing(
    runtime: WorkflowRuntime, db: Database
) -> None:
    org_id = make_org(db)
    with pytest.raises(InputError) as unknown:
        _submit(db, org_id, "no_such_kind", {})
    assert unknown.value.field == "kind" and "selftest" in (unknown.value.fix or "")
    with pytest.raises(InputError) as params:
        _submit(db, org_id, "selftest", {"when": object()})
    assert params.value.field == "params"
    with db.session() as session:
        assert list_jobs(OrgScope(session, org_id)) == []


def test_rolled_back_submission_is_never_enqueued(runtime: WorkflowRuntime, db: Database) -> None:
    org_id = make_org(db)
    with pytest.raises(RuntimeError), db.session() as session:
        job = submit_job(OrgScope(session, org_id), "selftest", {"steps": 1})
        job_id = job.id
        raise RuntimeError("request failed after submitting")
    time.sleep(0.3)
    assert runtime.gateway.status(job_id) is None
    with db.session() as session:
        assert session.get(Job, job_id) is None


def test_lagging_row_is_reconciled_from_dbos(runtime: WorkflowRuntime, db: Database) -> None:
    org_id = make_org(db)
    ok = run_job(db, org_id, "selftest", {"steps": 1, "sleep_s": 0}, timeout=20)
    bad = run_job(db, org_id, "orch_test_crash", {}, timeout=20)
    # As if the worker died after DBOS recorded the outcome but before the row was written.
    with db.session() as session:
        session.execute(
            update(Job)
            .where(Job.id.in_([ok.id, bad.id]))
            .values(status="running", percent=50.0, error=None)
        )
    with db.session() as session:
        scope = OrgScope(session, org_id)
        fixed_ok, fixed_bad = get_job(scope, ok.id), get_job(scope, bad.id)
    assert (fixed_ok.status, fixed_ok.percent) == ("succeeded", 100.0)
    assert fixed_bad.status == "failed" and fixed_bad.error is not None
    with db.session() as session:
        assert session.get(Job, bad.id).status == "failed"  # type: ignore[union-attr]


def test_progress_never_goes_backwards(runtime: WorkflowRuntime, db: Database) -> None:
    org_id = make_org(db)
    job = _submit(db, org_id, "selftest", {"steps": 1, "sleep_s": 0})
    wait_for_job(db, org_id, job.id, timeout=20)
    with db.session() as session:
        session.execute(update(Job).where(Job.id == job.id).values(status="running", percent=50.0))
    assert write_progress(db, job.id, step="replayed", percent=30.0) is False
    assert write_progress(db, job.id, step="later", percent=70.0) is True
    with db.session() as session:
        row = session.get(Job, job.id)
        assert row is not None and (row.step, row.percent) == ("later", 70.0)


def test_wait_for_job_times_out(runtime: WorkflowRuntime, db: Database, tmp_path: Path) -> None:
    org_id = make_org(db)
    marker = tmp_path / "slow.txt"
    job = _submit(
        db, org_id, "orch_test_markers", {"marker": str(marker), "block_at": 1, "block_s": 1}
    )
    with pytest.raises(JobTimeout):
        wait_for_job(db, org_id, job.id, timeout=0.2)
    assert wait_for_job(db, org_id, job.id, timeout=20).status == "succeeded"


def test_cancelled_job_stops_before_its_next_step(
    runtime: WorkflowRuntime, db: Database, tmp_path: Path
) -> None:
    org_id = make_org(db)
    marker = tmp_path / "cancel.txt"
    job = _submit(
        db, org_id, "orch_test_markers", {"marker": str(marker), "block_at": 2, "block_s": 1}
    )
    wait_until(Path(f"{marker}.step2.started").exists, timeout=20, what="step 2")
    with db.session() as session:
        cancelled = cancel_job(OrgScope(session, org_id), job.id)
    assert cancelled.status == "failed" and cancelled.error == {
        "error": "cancelled",
        "message": "The job was cancelled.",
    }
    time.sleep(1.5)
    assert marker_lines(marker) == ["step 1", "step 2"]
    assert runtime.gateway.status(job.id) == "CANCELLED"
    with db.session() as session:
        assert get_job(OrgScope(session, org_id), job.id).status == "failed"


def test_submit_without_runtime_or_gateway_says_how_to_fix(db: Database) -> None:
    org_id = make_org(db)
    with pytest.raises(RuntimeNotRunning) as err, db.session() as session:
        submit_job(OrgScope(session, org_id), "selftest", {})
    assert "open_gateway" in err.value.to_dict()["fix"]
    with db.session() as session:
        assert list_jobs(OrgScope(session, org_id)) == []


def test_steps_retry_only_retryable_provider_errors(
    runtime: WorkflowRuntime, db: Database, tmp_path: Path
) -> None:
    org_id = make_org(db)
    flaky = tmp_path / "flaky.txt"
    ok = run_job(
        db,
        org_id,
        "orch_test_vendor",
        {"counter": str(flaky), "fail_times": 1, "retryable": True},
        timeout=20,
    )
    assert ok.status == "succeeded" and ok.result == {"attempts": 2}

    broken = tmp_path / "broken.txt"
    failed = run_job(
        db,
        org_id,
        "orch_test_vendor",
        {"counter": str(broken), "fail_times": 5, "retryable": False},
        timeout=20,
    )
    assert failed.status == "failed"
    assert failed.error is not None
    assert (failed.error["error"], failed.error["provider"], failed.error["retryable"]) == (
        "provider_error",
        "fake",
        False,
    )
    assert marker_lines(broken) == ["attempt 1"]
