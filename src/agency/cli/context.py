"""What every CLI command needs: settings, a migrated database, the local organization."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from rich.console import Console

from agency.config import Settings, get_settings
from agency.core.logging import configure_logging
from agency.db import Database, OrgScope, create_database, upgrade_to_head
from agency.db.tenancy import find_organization, get_or_create_local_org
from agency.orchestrator import launch_runtime, shutdown_runtime
from agency.orchestrator.flows import FLOW_MODULES

console = Console()
err_console = Console(stderr=True)


@dataclass
class CliContext:
    settings: Settings
    database: Database
    org_id: str

    @contextmanager
    def scope(self) -> Iterator[OrgScope]:
        with self.database.session() as session:
            yield OrgScope(session, self.org_id)


def load_settings(**overrides: object) -> Settings:
    settings = get_settings(**overrides)
    configure_logging(settings.log_level, json=settings.log_json)
    settings.ensure_dirs()
    return settings


@contextmanager
def cli_context(
    settings: Settings | None = None, *, org: str | None = None
) -> Iterator[CliContext]:
    """Settings, a migrated database and the organization the CLI acts for."""
    settings = settings or load_settings()
    upgrade_to_head(settings.resolved_database_url)
    database = create_database(settings.resolved_database_url)
    try:
        with database.session() as session:
            if org:
                found = find_organization(session, org)
                if found is None:
                    from agency.core.errors import InputError

                    raise InputError(
                        f"No organization with slug {org!r}.",
                        field="--org",
                        fix="Create it with `agency org create NAME` or omit --org.",
                    )
                org_id = found.id
            else:
                org_id = get_or_create_local_org(session).id
        yield CliContext(settings=settings, database=database, org_id=org_id)
    finally:
        database.dispose()


@contextmanager
def job_runtime(ctx: CliContext) -> Iterator[None]:
    """Run the durable-job runtime in this process for the duration of a command."""
    launch_runtime(ctx.settings, database=ctx.database, modules=FLOW_MODULES)
    try:
        yield
    finally:
        shutdown_runtime()
