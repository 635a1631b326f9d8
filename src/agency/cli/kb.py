"""``agency kb``: add documents to a brand's knowledge base and search it with citations."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from agency.cli.context import cli_context, console
from agency.cli.errors import handle_errors
from agency.intelligence.knowledge import ingest_files, ingest_pages
from agency.intelligence.knowledge import search as kb_search
from agency.intelligence.knowledge.selection import embedder_for

app = typer.Typer(help="A brand's knowledge base: add documents, search.", no_args_is_help=True)


@app.command("add")
@handle_errors
def add(
    brand_id: str = typer.Argument(..., help="The brand's id (see `agency brand list`)."),
    files: list[Path] = typer.Argument(None, help="PDF, DOCX, Markdown or text files."),
    pages: bool = typer.Option(True, "--pages/--no-pages", help="Also ingest crawled pages."),
    json_out: bool = typer.Option(False, "--json"),
    org: str | None = typer.Option(None, "--org"),
) -> None:
    """Ingest files (and the brand's crawled pages) into passages; one result per file."""
    with cli_context(org=org) as ctx:
        embedder = embedder_for(ctx.settings)
        results = []
        if pages:
            with ctx.scope() as scope:
                results += ingest_pages(scope, brand_id, embedder=embedder).results
        if files:
            with ctx.scope() as scope:
                results += ingest_files(scope, brand_id, files, embedder=embedder).results
    rows = [r.model_dump(mode="json") for r in results]
    if json_out:
        typer.echo(json.dumps({"results": rows}, indent=2))
    else:
        table = Table("source", "status", "passages", "error")
        for row in rows:
            table.add_row(row["source"], row["status"], str(row["passages"]), row["error"] or "")
        console.print(table)
    if any(r.status == "error" for r in results):
        raise typer.Exit(1)


@app.command("search")
@handle_errors
def search(
    brand_id: str,
    question: str,
    k: int = typer.Option(5, "--k", min=1, max=50),
    json_out: bool = typer.Option(False, "--json"),
    org: str | None = typer.Option(None, "--org"),
) -> None:
    """The passages that best answer QUESTION, with scores and sources."""
    with cli_context(org=org) as ctx, ctx.scope() as scope:
        hits = kb_search(scope, brand_id, question, embedder=embedder_for(ctx.settings), k=k)
    rows = [h.model_dump(mode="json") for h in hits]
    if json_out:
        typer.echo(json.dumps({"question": question, "passages": rows}, indent=2))
        return
    for i, hit in enumerate(hits, 1):
        console.print(f"[bold]{i}. {hit.score:.3f}[/] {hit.source} (passage {hit.passage_id})")
        console.print(f"   {hit.text[:300]}")
