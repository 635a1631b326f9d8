"""``agency demo``: the whole pipeline, as far as it is built, on the bundled sample brand.

Serves the sample coffee brand's site and two competitor sites on loopback, onboards
the brand, then creates a campaign for its cold brew (knowledge base, research,
brief, budget, calendar, copy) and prints where the campaign folder is.
"""

from __future__ import annotations

import json
from contextlib import ExitStack
from pathlib import Path

import typer

from agency.cli.campaign import build_request, run_campaign
from agency.cli.context import cli_context, console, job_runtime, load_settings
from agency.cli.errors import handle_errors
from agency.cli.progress import follow_job
from agency.core.errors import AgencyError
from agency.intelligence.onboarding import brand_detail, write_brand_folder
from agency.orchestrator import submit_job
from agency.samples.competitors import serve_competitor_sites
from agency.samples.server import serve_sample_site

DEMO_GOAL = "Launch our new cold brew"
DEMO_PRODUCT = "North Shore Cold Brew"
DEMO_TIMEZONE = "America/Chicago"  # the sample brand roasts in Duluth, Minnesota


@handle_errors
def demo(
    json_out: bool = typer.Option(False, "--json", help="Print id, status and folder as JSON."),
) -> None:
    """Serve the sample brand's site and run the whole pipeline on it."""
    with ExitStack() as sites:
        site_url = sites.enter_context(serve_sample_site())
        competitors = sites.enter_context(serve_competitor_sites())
        settings = load_settings()
        # The demo fetches its own sites on loopback: allow exactly that host for this run.
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
                raise AgencyError(error.get("message", f"Onboarding ended {job.status}."))
            brand_id = (job.result or {})["brand_id"]
            request = build_request(
                goal=DEMO_GOAL,
                product=DEMO_PRODUCT,
                timezone=DEMO_TIMEZONE,
                competitors=sorted(competitors.values()),
            )
            summary = run_campaign(ctx, brand_id, request, quiet=json_out)
            folder = Path(summary["folder"])
            with ctx.scope() as scope:
                write_brand_folder(brand_detail(scope, brand_id), folder)
    files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    out = {
        "id": summary["id"],
        "status": summary["status"],
        "folder": str(folder),
        "brand_id": brand_id,
        "onboarding_job_id": job.id,
        "copy_pieces": summary.get("copy_pieces"),
        "files": len(files),
    }
    if json_out:
        typer.echo(json.dumps(out, indent=2))
        return
    console.print(f"[bold green]demo {out['status']}[/]: campaign {out['id']} for brand {brand_id}")
    console.print(f"{len(files)} files, {out['copy_pieces']} copy pieces, in {folder}")
