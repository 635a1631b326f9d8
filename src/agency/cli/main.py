"""The ``agency`` command: every sub-command registered in one place."""

from __future__ import annotations

import typer

from agency.cli import (
    admin,
    brand,
    campaign,
    demo,
    jobs,
    kata,
    kb,
    media,
    publish,
    research,
    serve,
)
from agency.cli.format_cmd import format_text

app = typer.Typer(
    name="agency",
    help="V3 — an AI marketing agency in a box.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(brand.app, name="brand")
app.add_typer(jobs.app, name="jobs")
app.add_typer(kb.app, name="kb")
app.add_typer(campaign.app, name="campaign")
app.add_typer(media.image_app, name="image")
app.add_typer(media.video_app, name="video")
app.add_typer(media.audio_app, name="audio")
app.add_typer(publish.publish_app, name="publish")
app.add_typer(publish.accounts_app, name="accounts")
app.add_typer(kata.app, name="kata")
app.add_typer(admin.org_app, name="org")
app.add_typer(admin.db_app, name="db")
app.command("demo")(demo.demo)
app.command("format")(format_text)
app.command("research")(research.research)
app.command("serve")(serve.serve)
app.command("worker")(serve.worker)


if __name__ == "__main__":
    app()
