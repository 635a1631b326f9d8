"""``agency campaign``: create a campaign (research → strategy → copy) and show it."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import typer
from pydantic import ValidationError

from agency.cli.context import CliContext, cli_context, console, job_runtime
from agency.cli.errors import handle_errors
from agency.cli.progress import follow_job
from agency.core.errors import AgencyError, InputError
from agency.db import Campaign
from agency.orchestrator.flows.campaign import submit_campaign
from agency.strategy.planning import CampaignRequest

app = typer.Typer(help="Campaigns: create and show.", no_args_is_help=True)


def build_request(**fields: Any) -> CampaignRequest:
    """A validated CampaignRequest, or an InputError naming the bad field."""
    try:
        return CampaignRequest(**{k: v for k, v in fields.items() if v is not None})
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "request"
        raise InputError(
            f"Invalid {field}: {first['msg']}.", field=field, fix="See --help."
        ) from exc


def run_campaign(ctx: CliContext, brand_id: str, request: CampaignRequest, *, quiet: bool) -> dict:
    """Create and run a campaign in this process; its summary."""
    with job_runtime(ctx):
        with ctx.scope() as scope:
            campaign, job = submit_campaign(scope, brand_id, request)
            campaign_id, job_id = campaign.id, job.id
        job = follow_job(ctx, job_id, quiet=quiet)
    if job.status != "succeeded":
        error = job.error or {}
        raise AgencyError(error.get("message", f"Campaign job ended {job.status}."))
    with ctx.scope() as scope:
        campaign = scope.get(Campaign, campaign_id)
        return {
            "id": campaign.id,
            "status": campaign.status,
            "folder": campaign.folder,
            "job_id": job_id,
            **{k: v for k, v in (job.result or {}).items() if k not in {"id", "status", "folder"}},
        }


@app.command("create")
@handle_errors
def create(
    goal: str = typer.Argument(..., help='e.g. "Launch our new cold brew"'),
    brand: str = typer.Option(..., "--brand", help="Brand id."),
    product: str = typer.Option(..., "--product", help="Product id or name."),
    budget: float | None = typer.Option(None, "--budget", help="Total budget (default 5000)."),
    currency: str | None = typer.Option(None, "--currency"),
    channels: str | None = typer.Option(
        None, "--channels", help="Comma-separated, e.g. instagram,tiktok,email,meta_ads"
    ),
    objective: str | None = typer.Option(None, "--objective"),
    start: str | None = typer.Option(None, "--start", help="YYYY-MM-DD (default tomorrow)."),
    days: int | None = typer.Option(None, "--days"),
    timezone: str | None = typer.Option(None, "--timezone", help="IANA name, e.g. Europe/Paris"),
    competitor: list[str] = typer.Option([], "--competitor", help="Competitor site; repeatable."),
    json_out: bool = typer.Option(False, "--json"),
    org: str | None = typer.Option(None, "--org"),
) -> None:
    """Research, plan and write a whole campaign into its folder."""
    try:
        start_date = date.fromisoformat(start) if start else None
    except ValueError as exc:
        raise InputError(f"Bad --start {start!r}.", field="--start", fix="Use YYYY-MM-DD.") from exc
    request = build_request(
        goal=goal,
        product=product,
        budget=budget,
        currency=currency,
        channels=[c for c in channels.split(",")] if channels else None,
        objective=objective,
        start=start_date,
        days=days,
        timezone=timezone,
        competitors=competitor or None,
    )
    with cli_context(org=org) as ctx:
        summary = run_campaign(ctx, brand, request, quiet=json_out)
    if json_out:
        typer.echo(json.dumps(summary, indent=2, default=str))
    else:
        console.print(f"[bold green]campaign {summary['id']} {summary['status']}[/]")
        console.print(f"folder: {summary['folder']}")


@app.command("show")
@handle_errors
def show(
    campaign_id: str,
    json_out: bool = typer.Option(False, "--json"),
    org: str | None = typer.Option(None, "--org"),
) -> None:
    """Show a campaign's status and folder."""
    with cli_context(org=org) as ctx, ctx.scope() as scope:
        c = scope.get(Campaign, campaign_id)
        data = {"id": c.id, "status": c.status, "goal": c.goal, "folder": c.folder}
    if json_out:
        typer.echo(json.dumps(data, indent=2))
    else:
        console.print(data)
