"""The publish queue as users see it: schedule, list, cancel, reschedule, publish now.

Everything a platform would refuse is refused here first, with the field and the fix:
text over the limit, media of the wrong shape, an inactive account, a time in the past
or one a DST change makes ambiguous, synthetic media without disclosure. A scheduled
post is one ``publish_queue`` row plus its ``publish_dispatch`` row, written together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from agency.core.clock import utcnow
from agency.core.errors import InputError, PolicyViolation
from agency.db.models import PublishQueueItem
from agency.db.publishing_models import PublishDispatch
from agency.db.repository import OrgScope
from agency.distribution.accounts.service import get_account, require_active
from agency.distribution.formatting import split_thread, validate_text
from agency.distribution.platforms import weighted_length
from agency.distribution.publishing.disclosure import disclose_text, require_disclosure
from agency.distribution.publishing.media import check_media, load_assets, provenances
from agency.distribution.publishing.models import POST_KINDS, Disclosure, fingerprint
from agency.distribution.publishing.timing import local_label, to_utc
from agency.storage import BlobStore

PAST_GRACE = timedelta(seconds=60)
OPEN_STATUSES = ("scheduled", "retrying")
FINAL_STATUSES = ("published", "failed", "cancelled")
THREAD_BREAK = "\n\n---\n\n"
X_LIMIT = 280


def _text_field(platform: str, kind: str) -> str:
    if platform == "youtube":
        return "description"
    if platform == "tiktok" and kind == "photo":
        return "photo_description"
    return "post"


def _check_text(platform: str, kind: str, texts: Sequence[str]) -> None:
    for index, text in enumerate(texts, start=1):
        result = validate_text(platform, text, field=_text_field(platform, kind))
        if result.errors:
            where = f" (part {index} of {len(texts)})" if len(texts) > 1 else ""
            details = "; ".join(f"{v.message} {v.fix}" for v in result.errors)
            raise InputError(
                f"The {platform} text{where} cannot be published: {details}",
                field="text",
                fix=result.errors[0].fix,
            )


def _content(
    platform: str,
    kind: str,
    text: str,
    *,
    title: str | None,
    link: str | None,
    disclosure: Disclosure,
    options: dict[str, Any],
) -> dict[str, Any]:
    if kind not in POST_KINDS:
        raise InputError(
            f"Unknown post kind {kind!r}.",
            field="kind",
            fix=f"Use one of: {', '.join(POST_KINDS)}.",
        )
    final = disclose_text(platform, text, disclosure)
    parts: list[str] = []
    if kind == "thread":
        if platform != "x":
            raise InputError("Threads are an X feature.", field="kind", fix="Use kind='post'.")
        if THREAD_BREAK in final:
            parts = [p.strip() for p in final.split(THREAD_BREAK) if p.strip()]
        else:
            parts = split_thread(final, limit=X_LIMIT, measure=weighted_length)
    _check_text(platform, kind, parts or [final])
    bad_title = title is not None and (not 0 < len(title) <= 100 or any(c in title for c in "<>"))
    if platform == "youtube" and bad_title:
        raise InputError(
            "A YouTube title must have 1-100 characters and no < or >.",
            field="title",
            fix="Shorten the title and remove angle brackets.",
        )
    return {
        "text": final,
        "parts": parts,
        "title": title,
        "link": link,
        "kind": kind,
        "disclosure": asdict(disclosure),
        "options": dict(options),
    }


def schedule_post(
    scope: OrgScope,
    *,
    account_id: str,
    text: str,
    when: datetime,
    timezone: str | None = None,
    fold: int | None = None,
    kind: str = "post",
    media_asset_ids: Sequence[str] = (),
    title: str | None = None,
    link: str | None = None,
    disclosure: Disclosure | None = None,
    options: dict[str, Any] | None = None,
    campaign_id: str | None = None,
    now: datetime | None = None,
    store: BlobStore | None = None,
) -> PublishQueueItem:
    """Validate and queue a post for ``when`` (naive = wall clock in the account's zone).

    With the asset ``store`` videos are probed for their codec as well.
    """
    account = get_account(scope, account_id)
    require_active(account)
    zone = timezone or account.timezone
    scheduled = to_utc(when, zone, fold=fold)
    current = now or utcnow()
    if scheduled < current - PAST_GRACE:
        raise InputError(
            f"The time {local_label(scheduled, zone)} is in the past "
            f"(now {local_label(current, zone)}).",
            field="scheduled_at",
            fix="Pick a future time, or publish now.",
        )
    disclosure = disclosure or Disclosure()
    assets = load_assets(scope, media_asset_ids)
    require_disclosure(account.platform, disclosure, provenances(assets))
    check_media(account.platform, kind, assets, store=store)
    content = _content(
        account.platform,
        kind,
        text,
        title=title,
        link=link,
        disclosure=disclosure,
        options=options or {},
    )
    item = PublishQueueItem(
        campaign_id=campaign_id,
        account_id=account.id,
        platform=account.platform,
        content=content,
        media_asset_ids=list(media_asset_ids),
        scheduled_at=scheduled,
        timezone=zone,
        status="scheduled",
    )
    scope.add(item)
    scope.session.add(
        PublishDispatch(
            queue_item_id=item.id,
            org_id=scope.org_id,
            next_attempt_at=scheduled,
            local_time=local_label(scheduled, zone),
            content_hash=fingerprint(content["text"]),
            progress={},
            history=[],
        )
    )
    scope.session.flush()
    return item


def publish_now(scope: OrgScope, **kwargs: Any) -> PublishQueueItem:
    """Queue a post due immediately (the next dispatcher pass sends it)."""
    now = kwargs.pop("now", None) or utcnow()
    return schedule_post(scope, when=now, now=now, **kwargs)


def get_post(scope: OrgScope, item_id: str) -> PublishQueueItem:
    """The queue item ``item_id`` of this organization."""
    return scope.get(PublishQueueItem, item_id)


def list_queue(
    scope: OrgScope,
    *,
    status: str | None = None,
    account_id: str | None = None,
    limit: int = 100,
) -> list[PublishQueueItem]:
    """This organization's queue, soonest first."""
    filters: list[Any] = []
    if status:
        filters.append(PublishQueueItem.status == status)
    if account_id:
        filters.append(PublishQueueItem.account_id == account_id)
    return list(
        scope.list(PublishQueueItem, *filters, order_by=PublishQueueItem.scheduled_at, limit=limit)
    )


def _open_item(
    scope: OrgScope, item_id: str, action: str
) -> tuple[PublishQueueItem, PublishDispatch]:
    stmt = (
        select(PublishQueueItem)
        .where(PublishQueueItem.id == item_id, PublishQueueItem.org_id == scope.org_id)
        .with_for_update()
    )
    item = scope.session.scalars(stmt).first()
    if item is None:
        item = get_post(scope, item_id)  # raises NotFound
    if item.status not in OPEN_STATUSES:
        raise PolicyViolation(
            f"Cannot {action} a post that is {item.status}.",
            fix="Only scheduled or retrying posts can change; a post being published "
            "finishes first."
            if item.status == "publishing"
            else "Schedule a new post.",
            status=item.status,
        )
    dispatch = scope.session.get(PublishDispatch, item.id)
    assert dispatch is not None
    return item, dispatch


def cancel_post(scope: OrgScope, item_id: str) -> PublishQueueItem:
    """Cancel a scheduled (or retrying) post; one being published cannot be cancelled."""
    item, dispatch = _open_item(scope, item_id, "cancel")
    item.status = "cancelled"
    dispatch.history = [*dispatch.history, {"at": utcnow().isoformat(), "event": "cancelled"}]
    scope.session.flush()
    return item


def reschedule_post(
    scope: OrgScope,
    item_id: str,
    *,
    when: datetime,
    timezone: str | None = None,
    fold: int | None = None,
    now: datetime | None = None,
) -> PublishQueueItem:
    """Move a scheduled post to ``when`` (same rules as scheduling)."""
    item, dispatch = _open_item(scope, item_id, "reschedule")
    zone = timezone or item.timezone
    scheduled = to_utc(when, zone, fold=fold)
    current = now or utcnow()
    if scheduled < current - PAST_GRACE:
        raise InputError(
            f"The time {local_label(scheduled, zone)} is in the past.",
            field="scheduled_at",
            fix="Pick a future time.",
        )
    item.scheduled_at = scheduled
    item.timezone = zone
    item.status = "scheduled"
    dispatch.next_attempt_at = scheduled
    dispatch.local_time = local_label(scheduled, zone)
    dispatch.history = [
        *dispatch.history,
        {"at": current.isoformat(), "event": "rescheduled", "to": scheduled.isoformat()},
    ]
    scope.session.flush()
    return item
