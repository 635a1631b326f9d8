"""``agency org`` and ``agency db``: organizations, API keys, migrations."""

from __future__ import annotations

import json

import typer

from agency.cli.context import cli_context, console, load_settings
from agency.cli.errors import handle_errors
from agency.db import upgrade_to_head
from agency.db.tenancy import create_organization, find_organization, issue_api_key

org_app = typer.Typer(help="Organizations and their API keys.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)


@org_app.command("create")
@handle_errors
def create_org(
    name: str,
    slug: str | None = typer.Option(None, "--slug"),
    json_out: bool = typer.Option(False, "--json"),
) -> None:
    """Create an organization and print its first API key (shown once)."""
    with cli_context() as ctx, ctx.database.session() as session:
        org = create_organization(session, name, slug=slug)
        key = issue_api_key(session, org.id, name="initial")
        out = {"id": org.id, "slug": org.slug, "api_key": key.key}
    if json_out:
        typer.echo(json.dumps(out, indent=2))
    else:
        console.print(f"organization [bold]{out['slug']}[/] ({out['id']})")
        console.print(f"API key (store it now, it is not shown again): {out['api_key']}")


@org_app.command("key")
@handle_errors
def new_key(
    slug: str,
    name: str = typer.Option("", "--name"),
    json_out: bool = typer.Option(False, "--json"),
) -> None:
    """Issue another API key for an organization."""
    from agency.core.errors import NotFound

    with cli_context() as ctx, ctx.database.session() as session:
        org = find_organization(session, slug)
        if org is None:
            raise NotFound(f"No organization with slug {slug!r}.")
        key = issue_api_key(session, org.id, name=name)
    if json_out:
        typer.echo(json.dumps({"id": key.id, "api_key": key.key}))
    else:
        console.print(key.key)


@db_app.command("upgrade")
def upgrade() -> None:
    """Apply all migrations to the configured database."""
    settings = load_settings()
    upgrade_to_head(settings.resolved_database_url)
    console.print("database at head")
