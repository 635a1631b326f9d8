"""``agency demo``: the whole pipeline, as far as it is built, on the bundled sample brand."""

from __future__ import annotations

import json

import typer

from agency.cli.context import cli_context, console, job_runtime, load_settings
from agency.cli.errors import handle_errors
from agency.cli.progress import follow_job
from agency.core.errors import AgencyError
from agency.intelligence.onboarding import brand_detail, write_brand_folder
from agency.orchestrator import submit_job
from agency.samples.server import serve_sample_site


@handle_errors
def demo(
    json_out: bool = typer.Option(False, "--json", help="Print id, status and folder as JSON."),
) -> None:
    """Serve the sample coffee brand's site locally and run the pipeline on it."""
    with serve_sample_site() as site_url:
        settings = load_settings()
        # The demo fetches its own site on loopback: allow exactly that host for this run.
        host = site_url.split("//", 1)[1].split(":", 1)[0]
        allow = ",".join(filter(None, [settings.url_allowlist, host]))
        settings = settings.model_copy(update={"url_allowlist": allow})
        with cli_context(settings) as ctx:
            with job_runtime(ctx):
                with ctx.scope() as scope:
                    job = submit_job(scope, "brand.onboard", {"url": site_url})
                job = follow_job(ctx, job.id, quiet=json_out)
            if job.status != "succeeded":
                error = job.error or {}
                raise AgencyError(error.get("message", f"Demo job ended {job.status}."))
            brand_id = (job.result or {})["brand_id"]
            folder = ctx.settings.data_dir / "runs" / job.id
            with ctx.scope() as scope:
                detail = brand_detail(scope, brand_id)
            files = write_brand_folder(detail, folder)
    out = {
        "id": job.id,
        "status": job.status,
        "folder": str(folder),
        "brand_id": brand_id,
        "brand": detail["profile"].get("name"),
        "files": [str(p.relative_to(folder)) for p in files],
    }
    if json_out:
        typer.echo(json.dumps(out, indent=2))
        return
    console.print(f"[bold green]demo {out['status']}[/]: brand {out['brand']} ({brand_id})")
    console.print(f"results in {folder}")
