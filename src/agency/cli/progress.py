"""Follow a job with a Rich progress bar (or quietly, for --json)."""

from __future__ import annotations

from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from agency.cli.context import CliContext, err_console
from agency.db import Job
from agency.orchestrator import wait_for_job


def follow_job(ctx: CliContext, job_id: str, *, quiet: bool, timeout: float | None = None) -> Job:
    """Wait for ``job_id`` to finish, drawing step and percent on stderr unless ``quiet``."""
    if quiet:
        return wait_for_job(ctx.database, ctx.org_id, job_id, on_progress=None, timeout=timeout)
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        console=err_console,
        transient=False,
    ) as bar:
        task = bar.add_task("queued", total=100)

        def on_progress(step: str, percent: float) -> None:
            bar.update(task, description=step or "running", completed=percent)

        job = wait_for_job(
            ctx.database, ctx.org_id, job_id, on_progress=on_progress, timeout=timeout
        )
        bar.update(task, description=job.step or job.status, completed=job.percent)
    return job
