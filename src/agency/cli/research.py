"""``agency research``: market, competitor and audience research with citations."""

from __future__ import annotations

import json

import typer

from agency.cli.context import cli_context, err_console
from agency.cli.errors import handle_errors
from agency.intelligence.research import (
    page_resolver,
    passage_resolver,
    run_research,
    validate_citations,
)


@handle_errors
def research(
    brand_id: str = typer.Argument(..., help="The brand's id (see `agency brand list`)."),
    competitor: list[str] = typer.Option(
        [], "--competitor", help="A competitor's website; repeat for several."
    ),
    json_out: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    org: str | None = typer.Option(None, "--org"),
) -> None:
    """Research BRAND's market: competitors, white space and audiences, every claim cited."""
    with cli_context(org=org) as ctx:

        def on_progress(message: str, fraction: float) -> None:
            if not json_out:
                err_console.print(f"[dim]{fraction:4.0%}[/] {message}")

        with ctx.scope() as scope:
            report = run_research(
                scope,
                brand_id,
                settings=ctx.settings,
                competitor_urls=competitor,
                on_progress=on_progress,
            )
            # Every citation must resolve: passages by id, URLs re-fetched (safely).
            resolve = passage_resolver(scope, fallback=page_resolver(ctx.settings))
            problems = validate_citations(report, resolve=resolve)
        folder = ctx.settings.data_dir / "research" / brand_id
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "research.md").write_text(report.to_markdown())
        (folder / "research.json").write_text(report.model_dump_json(indent=2))
    if json_out:
        typer.echo(report.model_dump_json(indent=2))
    else:
        typer.echo(report.to_markdown())
        err_console.print(f"saved to {folder}")
    if problems:
        err_console.print("[red]citation problems:[/] " + json.dumps(problems))
        raise typer.Exit(1)
