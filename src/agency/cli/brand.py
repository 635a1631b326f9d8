"""``agency brand``: onboard a brand from its website, list and show brands."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from agency.cli.context import cli_context, console, job_runtime
from agency.cli.errors import handle_errors
from agency.cli.progress import follow_job
from agency.core.errors import AgencyError
from agency.db import Brand
from agency.intelligence.onboarding import brand_detail, validate_brand_url
from agency.orchestrator import submit_job

app = typer.Typer(help="Brands: onboard from a website, list, show.", no_args_is_help=True)


@app.command("add")
@handle_errors
def add(
    url: str = typer.Argument(..., help="The brand's website, e.g. https://example.com"),
    json_out: bool = typer.Option(False, "--json", help="Print the profile as JSON."),
    org: str | None = typer.Option(None, "--org", help="Organization slug (default: local)."),
) -> None:
    """Crawl URL and store the brand's profile (name, products, palette, fonts, …)."""
    with cli_context(org=org) as ctx:
        url = validate_brand_url(url, settings=ctx.settings)
        with job_runtime(ctx):
            with ctx.scope() as scope:
                job = submit_job(scope, "brand.onboard", {"url": url})
            job = follow_job(ctx, job.id, quiet=json_out)
        if job.status != "succeeded":
            error = job.error or {"error": "job_failed", "message": f"Job ended {job.status}."}
            raise AgencyError(
                error.get("message", "Onboarding failed."),
                **{k: v for k, v in error.items() if k != "message"},
            )
        brand_id = (job.result or {})["brand_id"]
        with ctx.scope() as scope:
            detail = brand_detail(scope, brand_id)
    if json_out:
        typer.echo(json.dumps(public_profile(detail), indent=2, default=str))
        return
    show_profile(detail)


def public_profile(detail: dict) -> dict:
    """The profile fields ``--json`` promises, plus the brand id."""
    profile = dict(detail["profile"])
    profile["id"] = detail["id"]
    profile.setdefault("products", detail["products"])
    return profile


def show_profile(detail: dict) -> None:
    profile = detail["profile"]
    console.print(
        f"[bold]{profile.get('name')}[/] ({detail['id']}) — {profile.get('tagline') or ''}"
    )
    console.print(profile.get("description") or "")
    table = Table("field", "value", show_header=False)
    table.add_row("products", ", ".join(p["name"] for p in profile.get("products", [])))
    table.add_row("palette", " ".join(profile.get("palette", [])))
    table.add_row("fonts", ", ".join(profile.get("fonts", [])))
    table.add_row("logo", str(profile.get("logo") or "—"))
    table.add_row(
        "social", ", ".join(f"{k}: {v}" for k, v in profile.get("social_links", {}).items())
    )
    table.add_row("pages crawled", str(profile.get("pages_crawled")))
    table.add_row("skipped", str(len(profile.get("skipped", []))))
    console.print(table)


@app.command("list")
@handle_errors
def list_brands(
    json_out: bool = typer.Option(False, "--json"),
    org: str | None = typer.Option(None, "--org"),
) -> None:
    """List the organization's brands."""
    with cli_context(org=org) as ctx, ctx.scope() as scope:
        rows = [
            {"id": b.id, "name": b.name, "url": b.url, "created_at": b.created_at.isoformat()}
            for b in scope.list(Brand, order_by=Brand.created_at.desc(), limit=500)
        ]
    if json_out:
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table("id", "name", "url", "created")
    for row in rows:
        table.add_row(row["id"], row["name"], row["url"], row["created_at"])
    console.print(table)


@app.command("show")
@handle_errors
def show(
    brand_id: str,
    json_out: bool = typer.Option(False, "--json"),
    org: str | None = typer.Option(None, "--org"),
) -> None:
    """Show one brand's profile."""
    with cli_context(org=org) as ctx, ctx.scope() as scope:
        detail = brand_detail(scope, brand_id)
    if json_out:
        typer.echo(json.dumps(public_profile(detail), indent=2, default=str))
    else:
        show_profile(detail)
