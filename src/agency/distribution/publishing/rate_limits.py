"""Publishing rate limits per platform and account, counted from the queue itself.

The windows are the platforms' documented per-account publishing caps (kept a little
under, so one worker never runs into them); a 429 from the platform additionally
pauses the account until the reset it announced (``social_accounts.rate_limited_until``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from agency.db.models import PublishQueueItem
from agency.db.publishing_models import SocialAccount
from agency.distribution.accounts.service import as_utc


@dataclass(frozen=True)
class RateLimit:
    """At most ``posts`` per ``window`` for one account."""

    posts: int
    window: timedelta
    source: str


DEFAULT_LIMITS: dict[str, RateLimit] = {
    "x": RateLimit(100, timedelta(minutes=15), "X API v2 POST /2/tweets: 100 / 15 min per user"),
    "linkedin": RateLimit(
        150, timedelta(days=1), "LinkedIn Community Management: 150 / day per member ⚠"
    ),
    "instagram": RateLimit(
        50, timedelta(days=1), "Instagram content publishing: 50 posts / 24 h (older docs 25) ⚠"
    ),
    "facebook": RateLimit(
        200, timedelta(hours=1), "Graph API: 200 calls / hour per user, per app ⚠"
    ),
    "tiktok": RateLimit(
        6, timedelta(minutes=1), "TikTok Content Posting: 6 init requests / min per user token"
    ),
    "youtube": RateLimit(
        6, timedelta(days=1), "YouTube Data API: 10,000 units / day, upload = 1,600 units"
    ),
}


def next_allowed(
    session: Session,
    account: SocialAccount,
    *,
    now: datetime,
    limits: dict[str, RateLimit] | None = None,
) -> datetime | None:
    """When ``account`` may publish next, or None if now is fine (``limits={}``: no caps)."""
    paused = as_utc(account.rate_limited_until)
    if paused is not None and paused > now:
        return paused
    limit = (DEFAULT_LIMITS if limits is None else limits).get(account.platform)
    if limit is None:
        return None
    start = now - limit.window
    stmt = select(func.count(), func.min(PublishQueueItem.published_at)).where(
        PublishQueueItem.account_id == account.id,
        or_(
            PublishQueueItem.published_at >= start,
            PublishQueueItem.status == "publishing",
        ),
    )
    count, oldest = session.execute(stmt).one()
    if count < limit.posts:
        return None
    return (as_utc(oldest) or now) + limit.window
