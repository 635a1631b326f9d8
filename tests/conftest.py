"""Shared fixtures: settings in a temp dir, and a migrated database on SQLite and PostgreSQL.

``db`` is parametrized over both backends. PostgreSQL tests need a server on
127.0.0.1:5432 (``AGENCY_TEST_PG_URL`` overrides); they are skipped only when
``AGENCY_TEST_SKIP_PG=1`` — CI never sets that.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from agency.config import Settings
from agency.db import Database, create_database, upgrade_to_head

PG_ADMIN_URL = os.environ.get("AGENCY_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def _pg_server_url(dbname: str) -> str:
    base, _, _ = PG_ADMIN_URL.rpartition("/")
    return f"{base}/{dbname}"


@pytest.fixture(scope="session")
def pg_database_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for this test session, dropped afterwards."""
    if os.environ.get("AGENCY_TEST_SKIP_PG") == "1":
        pytest.skip("AGENCY_TEST_SKIP_PG=1")
    import psycopg

    name = f"agency_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield _pg_server_url(name)
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database URL on each backend (a fresh schema for every test)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'agency.sqlite'}"
        return
    base = request.getfixturevalue("pg_database_url")
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    yield f"{base}?options=-csearch_path%3D{schema}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    """Settings whose data dir is a temp dir and whose database is ``database_url``."""
    s = Settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        url_allowlist="127.0.0.1,localhost,::1",
        crawl_delay_s=0.0,
        _env_file=None,  # type: ignore[call-arg]
    )
    s.ensure_dirs()
    return s


@pytest.fixture
def sqlite_settings(tmp_path: Path) -> Settings:
    """Settings on a SQLite file only, for tests that need no database matrix."""
    s = Settings(
        data_dir=tmp_path / "data",
        url_allowlist="127.0.0.1,localhost,::1",
        crawl_delay_s=0.0,
        _env_file=None,  # type: ignore[call-arg]
    )
    s.ensure_dirs()
    return s


@pytest.fixture
def db(settings: Settings) -> Iterator[Database]:
    """A migrated database on each backend."""
    upgrade_to_head(settings.resolved_database_url)
    database = create_database(settings.resolved_database_url)
    yield database
    database.dispose()
