"""A worker for the kill -9 tests: ``python orch_worker.py EXECUTOR_ID [DEAD_ID ...]``.

Settings come from the environment (AGENCY_DATA_DIR, AGENCY_DATABASE_URL), as for
``agency worker``. Prints READY once DBOS is launched.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from agency.config import Settings
from agency.orchestrator import run_worker


def main() -> None:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    run_worker(
        settings,
        executor_id=sys.argv[1],
        modules=["orch_kinds"],
        polling_interval_s=0.1,
        adopt=sys.argv[2:],
        on_ready=lambda _runtime: print("READY", flush=True),
    )


if __name__ == "__main__":
    main()
