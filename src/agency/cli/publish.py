"""``agency publish`` and ``agency accounts``: the publish queue and connected accounts."""

from __future__ import annotations

import json
import threading
from datetime import datetime
from typing import Any

import httpx
import typer
from rich.table import Table

from agency.cli.context import cli_context, console
from agency.cli.errors import handle_errors
from agency.core.errors import InputError
from agency.distribution.accounts import TokenCipher, complete_connect, list_accounts, start_connect
from agency.distribution.publishing import (
    Disclosure,
    cancel_post,
    list_queue,
    publish_now,
    schedule_post,
)
from agency.distribution.publishing.setup import oauth_client, oauth_clients
from agency.distribution.publishing.worker import run_publisher
from agency.storage import build_blob_store

publish_app = typer.Typer(help="Schedule, publish and cancel posts.", no_args_is_help=True)
accounts_app = typer.Typer(help="Connected social accounts (OAuth 2).", no_args_is_help=True)


def _row(item: Any) -> dict[str, Any]:
    return {
        "id": item.id,
        "platform": item.platform,
        "status": item.status,
        "scheduled_at": item.scheduled_at.isoformat(),
        "platform_post_id": item.platform_post_id,
        "error": item.error,
    }


def _post_kwargs(
    account: str, text: str, kind: str, media: list[str], link: str | None, ai: bool, paid: bool
) -> dict[str, Any]:
    return {
        "account_id": account,
        "text": text,
        "kind": kind,
        "media_asset_ids": media,
        "link": link,
        "disclosure": Disclosure(ai_generated=ai, paid_partnership=paid) if ai or paid else None,
    }


@publish_app.command("schedule")
@handle_errors
def schedule(
    account: str = typer.Option(..., "--account", help="Connected account id."),
    text: str = typer.Option("", "--text"),
    when: str = typer.Option(..., "--when", help="ISO time; without offset: account's zone."),
    kind: str = typer.Option("post", "--kind", help="post, thread, carousel, reel, story, …"),
    media: list[str] = typer.Option([], "--media", help="Asset id; repeatable."),
    link: str | None = typer.Option(None, "--link"),
    ai_generated: bool = typer.Option(False, "--ai-generated", help="Label as AI-generated."),
    paid: bool = typer.Option(False, "--paid-partnership", help="Mark as sponsored."),
    json_out: bool = typer.Option(False, "--json"),
    org: str | None = typer.Option(None, "--org"),
) -> None:
    """Queue a post; it is validated against the platform's specs before it is stored."""
    try:
        at = datetime.fromisoformat(when)
    except ValueError as exc:
        raise InputError(f"Bad --when {when!r}.", field="--when", fix="2026-12-01T09:00") from exc
    with cli_context(org=org) as ctx, ctx.scope() as scope:
        item = schedule_post(
            scope,
            when=at,
            store=build_blob_store(ctx.settings),
            **_post_kwargs(account, text, kind, media, link, ai_generated, paid),
        )
        row = _row(item)
    typer.echo(
        json.dumps(row, indent=2) if json_out else f"scheduled {row['id']} at {row['scheduled_at']}"
    )


@publish_app.command("now")
@handle_errors
def now(
    account: str = typer.Option(..., "--account"),
    text: str = typer.Option("", "--text"),
    kind: str = typer.Option("post", "--kind"),
    media: list[str] = typer.Option([], "--media"),
    link: str | None = typer.Option(None, "--link"),
    ai_generated: bool = typer.Option(False, "--ai-generated"),
    paid: bool = typer.Option(False, "--paid-partnership"),
    json_out: bool = typer.Option(False, "--json"),
    org: str | None = typer.Option(None, "--org"),
) -> None:
    """Queue a post for right away (a running `agency publish run` sends it)."""
    with cli_context(org=org) as ctx, ctx.scope() as scope:
        item = publish_now(
            scope,
            store=build_blob_store(ctx.settings),
            **_post_kwargs(account, text, kind, media, link, ai_generated, paid),
        )
        row = _row(item)
    typer.echo(json.dumps(row, indent=2) if json_out else f"queued {row['id']} for now")


@publish_app.command("queue")
@handle_errors
def queue(
    status: str | None = typer.Option(None, "--status"),
    json_out: bool = typer.Option(False, "--json"),
    org: str | None = typer.Option(None, "--org"),
) -> None:
    """List queued, published and failed posts."""
    with cli_context(org=org) as ctx, ctx.scope() as scope:
        rows = [_row(i) for i in list_queue(scope, status=status, limit=500)]
    if json_out:
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table("id", "platform", "status", "scheduled (UTC)", "post id", "error")
    for r in rows:
        table.add_row(r["id"], r["platform"], r["status"], r["scheduled_at"],
                      r["platform_post_id"] or "", (r["error"] or "")[:60])  # fmt: skip
    console.print(table)


@publish_app.command("cancel")
@handle_errors
def cancel(
    item_id: str,
    json_out: bool = typer.Option(False, "--json"),
    org: str | None = typer.Option(None, "--org"),
) -> None:
    """Cancel a post that has not gone out yet."""
    with cli_context(org=org) as ctx, ctx.scope() as scope:
        row = _row(cancel_post(scope, item_id))
    typer.echo(json.dumps(row, indent=2) if json_out else f"cancelled {row['id']}")


@publish_app.command("run")
def run(worker_id: str = typer.Option("publisher-1", "--worker-id")) -> None:
    """Send due posts until stopped (Ctrl-C): exactly once, with retries and rate limits."""
    with cli_context() as ctx:
        stop = threading.Event()
        try:
            run_publisher(
                ctx.settings,
                ctx.database,
                worker_id=worker_id,
                stop=stop,
                oauth_clients=oauth_clients(ctx.settings),
            )
        except KeyboardInterrupt:
            stop.set()


@accounts_app.command("connect")
@handle_errors
def connect(
    platform: str,
    code: str | None = typer.Option(None, "--code", help="Code from the redirect (step 2)."),
    state: str | None = typer.Option(None, "--state", help="State from the redirect (step 2)."),
    timezone: str = typer.Option("UTC", "--timezone", help="The account's posting time zone."),
    json_out: bool = typer.Option(False, "--json"),
    org: str | None = typer.Option(None, "--org"),
) -> None:
    """Connect an account: prints the authorization URL, then completes with --code/--state."""
    with cli_context(org=org) as ctx, ctx.scope() as scope:
        client = oauth_client(ctx.settings, platform)
        cipher = TokenCipher.from_settings(ctx.settings)
        if code is None or state is None:
            request = start_connect(
                scope, platform=platform, client=client, cipher=cipher, timezone=timezone
            )
            out = {"authorization_url": request.url, "state": request.state}
            message = (
                f"Open this URL, approve, then run:\n  agency accounts connect {platform} "
                f"--state {request.state} --code <code from the redirect>\n\n{request.url}"
            )
        else:
            with httpx.Client(timeout=30) as http:
                account = complete_connect(
                    scope, state=state, code=code, client=client, cipher=cipher, http_client=http
                )
            out = {"id": account.id, "platform": account.platform, "name": account.display_name}
            message = f"connected {account.platform} account {account.display_name} ({account.id})"
    typer.echo(json.dumps(out, indent=2) if json_out else message)


@accounts_app.command("list")
@handle_errors
def accounts_list(
    json_out: bool = typer.Option(False, "--json"), org: str | None = typer.Option(None, "--org")
) -> None:
    """Connected accounts (tokens are never shown)."""
    with cli_context(org=org) as ctx, ctx.scope() as scope:
        rows = [
            {
                "id": a.id,
                "platform": a.platform,
                "name": a.display_name,
                "status": a.status,
                "timezone": a.timezone,
            }
            for a in list_accounts(scope)
        ]
    typer.echo(json.dumps(rows, indent=2) if json_out else "\n".join(map(str, rows)) or "none")
