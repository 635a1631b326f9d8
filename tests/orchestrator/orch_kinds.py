"""Job kinds the orchestrator tests run (imported by the tests and by orch_worker.py)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from agency.core.errors import ProviderError
from agency.orchestrator import JobContext, job_kind, job_step, report_progress

STEPS = 5


def _append(path: str, line: str) -> None:
    with Path(path).open("a", encoding="utf-8") as marker:
        marker.write(line + "\n")
        marker.flush()


@job_step(name="orch_test.marker_step")
def marker_step(number: int, params: dict[str, Any]) -> str:
    """Append ``step N``; step ``block_at`` hangs on its first attempt (so it can be killed)."""
    block_at = params.get("block_at")
    if number == block_at:
        flag = Path(params["marker"] + f".step{number}.started")
        if not flag.exists():
            flag.write_text("started", encoding="utf-8")
            time.sleep(float(params.get("block_s", 120)))
    _append(params["marker"], f"step {number}")
    time.sleep(float(params.get("sleep_s", 0.05)))
    return f"step {number}"


@job_kind("orch_test_markers")
def markers(ctx: JobContext, params: dict[str, Any]) -> dict[str, Any]:
    """Five marker steps with progress after each."""
    done = []
    for number in range(1, STEPS + 1):
        done.append(marker_step(number, params))
        report_progress(f"step {number}", 100.0 * number / STEPS)
    return {"done": done, "org": ctx.org_id}


@job_kind("orch_test_crash")
def crash(ctx: JobContext, params: dict[str, Any]) -> dict[str, Any]:
    """Fails with an unexpected error whose message must not reach the job row."""
    report_progress("about to fail", 10)
    raise RuntimeError("password=hunter2 leaked into an exception")


@job_step(name="orch_test.vendor_call", max_attempts=3, interval_s=0.01)
def vendor_call(params: dict[str, Any]) -> int:
    """Fails with a ProviderError until ``fail_times`` attempts were made (counted in a file)."""
    counter = Path(params["counter"])
    attempts = len(marker_lines_of(counter)) + 1
    _append(str(counter), f"attempt {attempts}")
    if attempts <= params["fail_times"]:
        raise ProviderError(
            "vendor unavailable", provider="fake", retryable=params["retryable"], status_code=503
        )
    return attempts


def marker_lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


@job_kind("orch_test_vendor")
def vendor(ctx: JobContext, params: dict[str, Any]) -> dict[str, Any]:
    """One vendor call through a retrying step."""
    return {"attempts": vendor_call(params)}
