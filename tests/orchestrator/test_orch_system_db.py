"""Where DBOS's tables go for each kind of database URL."""

from __future__ import annotations

from pathlib import Path

from agency.config import Settings
from agency.orchestrator import system_database_for


def _settings(tmp_path: Path, **kwargs: object) -> Settings:
    return Settings(data_dir=tmp_path, _env_file=None, **kwargs)  # type: ignore[call-arg]


def test_sqlite_gets_its_own_file_next_to_the_app_database(tmp_path: Path) -> None:
    system = system_database_for(_settings(tmp_path))
    assert system.is_sqlite
    assert system.url == f"sqlite:///{(tmp_path / 'workflows.sqlite').resolve()}"


def test_postgres_search_path_becomes_a_private_dbos_schema(tmp_path: Path) -> None:
    url = "postgresql://u:p@db:5432/agency?options=-csearch_path%3Dt_abc&sslmode=disable"
    system = system_database_for(_settings(tmp_path, database_url=url))
    assert system.schema == "t_abc_dbos"
    assert system.url == "postgresql://u:p@db:5432/agency?sslmode=disable"


def test_postgres_without_search_path_uses_the_dbos_schema(tmp_path: Path) -> None:
    url = "postgresql+psycopg://u@db/agency"
    system = system_database_for(_settings(tmp_path, database_url=url))
    assert (system.url, system.schema) == (url, "dbos")


def test_explicit_workflow_database_url_wins(tmp_path: Path) -> None:
    system = system_database_for(
        _settings(
            tmp_path,
            database_url="postgresql://u@db/app",
            workflow_database_url="sqlite:////x/w.sqlite",
        )
    )
    assert system.url == "sqlite:////x/w.sqlite"


def test_sqlite_folder_is_created(tmp_path: Path) -> None:
    system = system_database_for(_settings(tmp_path / "not" / "yet"))
    system.ensure_directory()
    assert (tmp_path / "not" / "yet").is_dir()
