"""Where DBOS keeps its own tables: the system database URL and schema for a Settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from sqlalchemy import make_url

from agency.config import Settings

APP_NAME = "agency"
DEFAULT_SCHEMA = "dbos"


@dataclass(frozen=True)
class SystemDatabase:
    """The DBOS system database: a URL DBOS accepts plus the schema its tables live in."""

    url: str
    schema: str

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    def ensure_directory(self) -> None:
        """Create the folder of a SQLite system database file (DBOS creates only the file)."""
        if self.is_sqlite:
            path = make_url(self.url).database
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)


def system_database_for(settings: Settings) -> SystemDatabase:
    """The DBOS system database for ``settings``.

    SQLite: a separate file next to the application database (DBOS ignores schemas there).
    PostgreSQL: the same server and database, DBOS's tables in their own schema. A URL
    carrying ``?options=-csearch_path=<schema>`` (one schema per tenant or per test) gets
    ``<schema>_dbos`` so two such schemas never share workflow state; the option itself
    is dropped because DBOS qualifies every table with its schema.
    """
    url = settings.resolved_workflow_database_url
    if url.startswith("sqlite"):
        return SystemDatabase(url=url, schema=DEFAULT_SCHEMA)
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    schema = DEFAULT_SCHEMA
    kept: list[tuple[str, str]] = []
    for key, value in query:
        search_path = _search_path(value) if key == "options" else None
        if search_path:
            schema = f"{search_path}_dbos"
        else:
            kept.append((key, value))
    clean = urlunsplit(parts._replace(query=urlencode(kept)))
    return SystemDatabase(url=clean, schema=schema)


def _search_path(options: str) -> str | None:
    """The first schema of a libpq ``-csearch_path=...`` option, if that is all it sets."""
    text = unquote(options).strip()
    for prefix in ("-csearch_path=", "-c search_path="):
        if text.startswith(prefix):
            value = text[len(prefix) :].split()[0] if text[len(prefix) :].split() else ""
            first = value.split(",")[0].strip().strip('"')
            return first or None
    return None
