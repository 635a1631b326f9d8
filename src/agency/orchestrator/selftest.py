"""The built-in ``selftest`` job kind: N short steps, proving a worker runs and resumes jobs."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from agency.core.errors import InputError
from agency.orchestrator.execution import JobContext
from agency.orchestrator.kinds import job_kind, job_step
from agency.orchestrator.progress import report_progress

SELFTEST_KIND = "selftest"


@job_step(name="selftest.step")
def selftest_step(number: int, marker_path: str | None, sleep_s: float) -> int:
    """Append ``step N`` to the marker file (if any) and sleep a little."""
    if marker_path:
        with Path(marker_path).open("a", encoding="utf-8") as marker:
            marker.write(f"step {number}\n")
    time.sleep(sleep_s)
    return number


@job_kind(
    SELFTEST_KIND, description="N short steps that write markers; checks a worker end to end."
)
def selftest(ctx: JobContext, params: dict[str, Any]) -> dict[str, Any]:
    """Run ``steps`` steps (default 3), each sleeping ``sleep_s``; fail at ``fail_at`` if set."""
    steps = params.get("steps", 3)
    if not isinstance(steps, int) or not 1 <= steps <= 100:
        raise InputError("steps must be a whole number from 1 to 100.", field="steps")
    fail_at = params.get("fail_at")
    done = []
    for number in range(1, steps + 1):
        if fail_at == number:
            raise InputError(
                f"Step {number} was asked to fail.", field="fail_at", fix="Leave fail_at out."
            )
        done.append(
            selftest_step(number, params.get("marker_path"), float(params.get("sleep_s", 0.05)))
        )
        report_progress(f"step {number}/{steps}", 100.0 * number / steps)
    return {"steps": done, "job_id": ctx.job_id}
