"""Publishing over HTTP: schedule, publish now, the queue, cancel."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, status
from pydantic import BaseModel, Field

from agency.api.deps import CurrentOrg, GatewayDep, SettingsDep
from agency.db import PublishQueueItem
from agency.distribution.publishing import (
    Disclosure,
    cancel_post,
    list_queue,
    publish_now,
    schedule_post,
)
from agency.orchestrator import submit_job
from agency.orchestrator.flows.publishing import DISPATCH_KIND
from agency.storage import build_blob_store

router = APIRouter(prefix="/api/publish", tags=["publishing"])


class DisclosureBody(BaseModel):
    ai_generated: bool = False
    paid_partnership: bool = False
    sponsor_id: str | None = None
    own_brand: bool = False


class PostBody(BaseModel):
    account_id: str
    text: str = ""
    kind: str = "post"
    when: datetime | None = Field(
        default=None, description="Local wall-clock time in the account's zone if naive."
    )
    timezone: str | None = None
    fold: int | None = Field(default=None, ge=0, le=1)
    media_asset_ids: list[str] = Field(default_factory=list)
    title: str | None = None
    link: str | None = None
    disclosure: DisclosureBody | None = None
    campaign_id: str | None = None


def item_out(item: PublishQueueItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "platform": item.platform,
        "account_id": item.account_id,
        "status": item.status,
        "scheduled_at": item.scheduled_at,
        "timezone": item.timezone,
        "attempts": item.attempts,
        "platform_post_id": item.platform_post_id,
        "platform_url": item.platform_url,
        "error": item.error,
        "published_at": item.published_at,
        "content": item.content,
    }


def _kwargs(body: PostBody) -> dict[str, Any]:
    return {
        "account_id": body.account_id,
        "text": body.text,
        "kind": body.kind,
        "timezone": body.timezone,
        "fold": body.fold,
        "media_asset_ids": body.media_asset_ids,
        "title": body.title,
        "link": body.link,
        "disclosure": Disclosure(**body.disclosure.model_dump()) if body.disclosure else None,
        "campaign_id": body.campaign_id,
    }


@router.post("/schedule", status_code=status.HTTP_201_CREATED)
def schedule(body: PostBody, scope: CurrentOrg, settings: SettingsDep) -> dict[str, Any]:
    """Queue a post for ``when``; checked against the platform's specs before it is stored."""
    from agency.core.errors import InputError

    if body.when is None:
        raise InputError("A scheduled post needs a time.", field="when", fix="Give ISO 8601.")
    item = schedule_post(scope, when=body.when, store=build_blob_store(settings), **_kwargs(body))
    return item_out(item)


@router.post("/now", status_code=status.HTTP_202_ACCEPTED)
def now(
    body: PostBody, scope: CurrentOrg, settings: SettingsDep, gateway: GatewayDep
) -> dict[str, Any]:
    """Queue a post for right away and start a dispatch job that sends it."""
    item = publish_now(scope, store=build_blob_store(settings), **_kwargs(body))
    job = submit_job(scope, DISPATCH_KIND, {"max_posts": 50}, subject_id=item.id, gateway=gateway)
    return {**item_out(item), "job_id": job.id}


@router.get("/queue")
def queue(
    scope: CurrentOrg, status: str | None = None, account_id: str | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    """The organization's queued, published and failed posts, by time."""
    items = list_queue(scope, status=status, account_id=account_id, limit=min(limit, 500))
    return [item_out(i) for i in items]


@router.delete("/{item_id}")
def cancel(item_id: str, scope: CurrentOrg) -> dict[str, Any]:
    """Cancel a post that has not gone out yet."""
    return item_out(cancel_post(scope, item_id))
