"""Turn domain errors into a clear message and an exit code."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from agency.cli.context import err_console
from agency.core.errors import AgencyError, InputError, NotFound

F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(func: F) -> F:
    """Print AgencyErrors as 'error: …' (JSON on stdout with --json) and exit non-zero."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AgencyError as exc:
            code = 2 if isinstance(exc, InputError | NotFound) else 1
            if kwargs.get("json_out"):
                typer.echo(json.dumps({"status": "failed", **exc.to_dict()}, indent=2))
            else:
                err_console.print(f"[bold red]error:[/] {exc}")
            raise typer.Exit(code) from exc

    return wrapper  # type: ignore[return-value]
