"""``agency serve`` (API) and ``agency worker`` (durable job executor)."""

from __future__ import annotations

import typer

from agency.cli.context import load_settings


def serve(
    host: str = typer.Option("127.0.0.1", "--host"),
    port: int = typer.Option(8000, "--port"),
    no_worker: bool = typer.Option(
        False, "--no-worker", help="Only accept jobs; leave executing them to `agency worker`."
    ),
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs)."""
    import uvicorn

    from agency.api import create_app

    settings = load_settings()
    app = create_app(settings, run_workflows=not no_worker, schedules=not no_worker)
    uvicorn.run(app, host=host, port=port)


def worker() -> None:
    """Execute queued jobs and resume interrupted ones until stopped (Ctrl-C)."""
    from agency.orchestrator import run_worker
    from agency.orchestrator.flows import FLOW_MODULES
    from agency.orchestrator.flows.publishing import ensure_schedules

    def on_ready(_runtime: object) -> None:
        ensure_schedules()

    run_worker(load_settings(), modules=FLOW_MODULES, on_ready=on_ready)
