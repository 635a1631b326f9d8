"""``agency jobs``: status of durable jobs, with a live progress bar."""

from __future__ import annotations

import json

import typer

from agency.cli.context import cli_context, console
from agency.cli.errors import handle_errors
from agency.cli.progress import follow_job
from agency.orchestrator import get_job

app = typer.Typer(help="Durable jobs: status and progress.", no_args_is_help=True)


def _as_dict(job: object) -> dict:
    fields = ("id", "kind", "status", "step", "percent", "subject_id", "result", "error")
    return {name: getattr(job, name) for name in fields}


@app.command("status")
@handle_errors
def status(
    job_id: str,
    json_out: bool = typer.Option(False, "--json"),
    org: str | None = typer.Option(None, "--org"),
) -> None:
    """Show a job's status, step and percent."""
    with cli_context(org=org) as ctx, ctx.scope() as scope:
        data = _as_dict(get_job(scope, job_id))
    if json_out:
        typer.echo(json.dumps(data, indent=2, default=str))
    else:
        line = f"{data['id']} {data['kind']}: {data['status']}"
        console.print(f"{line} — {data['step']} ({data['percent']:.0f}%)")


@app.command("watch")
@handle_errors
def watch(job_id: str, org: str | None = typer.Option(None, "--org")) -> None:
    """Follow a job with a progress bar until it ends (a worker must be running)."""
    with cli_context(org=org) as ctx:
        job = follow_job(ctx, job_id, quiet=False)
    console.print(f"{job.id}: {job.status}")
