"""Default executor ids: stable across restarts, never shared by two live processes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from agency.orchestrator import claim_executor_id


def test_second_live_claim_gets_the_next_slot_and_a_restart_gets_its_id_back(
    tmp_path: Path,
) -> None:
    first = claim_executor_id(tmp_path, base="worker-h")
    second = claim_executor_id(tmp_path, base="worker-h")
    assert (first.executor_id, second.executor_id) == ("worker-h", "worker-h-2")
    first.release()
    again = claim_executor_id(tmp_path, base="worker-h")
    assert again.executor_id == "worker-h"
    again.release()
    second.release()


def test_claims_hold_across_processes(tmp_path: Path) -> None:
    held = claim_executor_id(tmp_path, base="worker-h")
    code = (
        "import sys; from pathlib import Path; from agency.orchestrator import claim_executor_id;"
        "print(claim_executor_id(Path(sys.argv[1]), base='worker-h').executor_id)"
    )
    other = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True
    )
    assert other.stdout.strip() == "worker-h-2"
    held.release()
