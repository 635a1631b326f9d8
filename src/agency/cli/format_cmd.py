"""``agency format PLATFORM --text …``: the text validator from the command line.

Exit codes: 0 valid, 1 invalid, 2 unknown platform or field.
"""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table

from agency.core.errors import InputError
from agency.distribution.formatting import TextValidation, validate_text


def _render(result: TextValidation, console: Console) -> None:
    status = "[green]valid[/]" if result.valid else "[bold red]invalid[/]"
    console.print(
        f"{result.platform} {result.field}: {result.weighted_length}/{result.limit} "
        f"({result.counting}) — {status}"
    )
    if not result.violations:
        return
    table = Table("severity", "code", "by", "message", "fix")
    for item in result.violations:
        by = "" if item.by is None else f"{item.by:g}"
        table.add_row(item.severity, item.code, by, item.message, item.fix)
    console.print(table)


def format_text(
    platform: str = typer.Argument(..., help="x, linkedin, instagram, facebook, tiktok, …"),
    text: str = typer.Option(..., "--text", help="The text to check."),
    json_out: bool = typer.Option(False, "--json", help="Print the result as JSON."),
    field: str = typer.Option("post", "--field", help="Text field (post, title, headline, …)."),
) -> None:
    """Check TEXT against PLATFORM's limits (X: weighted length as twitter-text counts it)."""
    try:
        result = validate_text(platform, text, field=field)
    except InputError as exc:
        if json_out:
            typer.echo(json.dumps({"status": "failed", **exc.to_dict()}, indent=2))
        else:
            Console(stderr=True).print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(2) from exc
    if json_out:
        typer.echo(result.model_dump_json(indent=2))
    else:
        _render(result, Console())
    raise typer.Exit(0 if result.valid else 1)
