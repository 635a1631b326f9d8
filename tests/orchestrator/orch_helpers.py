"""Small helpers shared by the orchestrator tests."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from agency.core.ids import new_id
from agency.db import Database, Organization


def make_org(db: Database) -> str:
    """A new organization; returns its id."""
    with db.session() as session:
        org = Organization(name="Test Org", slug=f"org-{new_id().lower()}")
        session.add(org)
        session.flush()
        return org.id


def wait_until(check: Callable[[], bool], *, timeout: float = 30.0, what: str = "it") -> float:
    """Poll ``check`` until true; returns the seconds it took, fails after ``timeout``."""
    start = time.monotonic()
    while not check():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.02)
    return time.monotonic() - start


def marker_lines(path: Path) -> list[str]:
    """The lines of a marker file (none when it does not exist yet)."""
    if not path.exists():
        return []
    return path.read_text(encoding="utf-8").splitlines()
