"""A real `agency worker` creates the periodic publishing schedules, once."""

from __future__ import annotations

from pathlib import Path

from agency.config import Settings
from agency.db import create_database, upgrade_to_head
from agency.orchestrator import launch_runtime, shutdown_runtime
from agency.orchestrator.flows import FLOW_MODULES
from agency.orchestrator.flows.publishing import SCHEDULES, ensure_schedules


def test_schedules_are_created_once(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, _env_file=None)  # type: ignore[call-arg]
    settings.ensure_dirs()
    upgrade_to_head(settings.resolved_database_url)
    database = create_database(settings.resolved_database_url)
    launch_runtime(settings, database=database, modules=FLOW_MODULES)
    try:
        assert sorted(ensure_schedules()) == sorted(SCHEDULES)
        assert ensure_schedules() == []  # already there: nothing new, no error
    finally:
        shutdown_runtime()
        database.dispose()
