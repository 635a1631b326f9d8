"""Scheduling times: local wall-clock time in the account's zone → UTC, DST-correct,
and default best times to post from published studies until an account has its own data.

A local time that does not exist (the hour skipped when clocks spring forward) or that
happens twice (the hour repeated when they fall back) is refused with the two valid
choices, never silently shifted.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from agency.core.errors import InputError
from agency.db.models import PublishQueueItem
from agency.db.repository import OrgScope
from agency.distribution.accounts.service import as_utc, check_timezone, get_account

# (weekday 0=Mon, hour) windows per platform, local time.
# Sources: Sprout Social "Best times to post on social media" 2023 (34k customers):
# Facebook Mon-Thu 8-13, Instagram Mon 10-12 / Tue 9-13 / Wed 10-13 / Fri 9-11,
# LinkedIn Tue-Thu 9-12. Hootsuite "best time to post" (own accounts): X Fri 9:00,
# TikTok Sun 13:00, LinkedIn Mon 13:00. YouTube: Hootsuite, Fri-Sun afternoons (⚠ second-hand).
DEFAULT_WINDOWS: dict[str, list[tuple[int, int]]] = {
    "facebook": [(d, h) for d in range(0, 4) for h in range(8, 13)],
    "instagram": [
        (0, 10),
        (0, 11),
        (1, 9),
        (1, 10),
        (1, 11),
        (1, 12),
        (2, 10),
        (2, 11),
        (2, 12),
        (4, 9),
        (4, 10),
    ],
    "linkedin": [(d, h) for d in (1, 2, 3) for h in (9, 10, 11)] + [(0, 13)],
    "x": [(4, 9), (1, 9), (2, 9), (3, 9)],
    "tiktok": [(6, 13), (1, 16), (3, 17)],
    "youtube": [(4, 15), (5, 12), (6, 12)],
}
MIN_OWN_POSTS = 20


def to_utc(when: datetime, timezone: str, *, fold: int | None = None) -> datetime:
    """``when`` (naive = wall-clock time in ``timezone``; aware = as is) in UTC.

    Raises InputError for a local time skipped or repeated by a DST change unless
    ``fold`` (0 = first, 1 = second occurrence) says which one is meant.
    """
    check_timezone(timezone)
    if when.tzinfo is not None:
        return when.astimezone(UTC)
    zone = ZoneInfo(timezone)
    first = when.replace(tzinfo=zone, fold=0)
    second = when.replace(tzinfo=zone, fold=1)
    round_trip = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip != when:
        before = (first.astimezone(UTC)).astimezone(zone)
        raise InputError(
            f"{when:%Y-%m-%d %H:%M} does not exist in {timezone}: clocks jump forward then.",
            field="scheduled_at",
            fix=f"Pick a time outside the skipped hour, e.g. {before:%H:%M} local "
            "(which is what the clock reads at that instant).",
        )
    if first.utcoffset() != second.utcoffset():
        if fold is None:
            raise InputError(
                f"{when:%Y-%m-%d %H:%M} happens twice in {timezone}: clocks fall back then.",
                field="scheduled_at",
                fix=f"Say which: the first ({first.astimezone(UTC):%H:%M} UTC, fold=0) or the "
                f"second ({second.astimezone(UTC):%H:%M} UTC, fold=1).",
            )
        return (second if fold else first).astimezone(UTC)
    return first.astimezone(UTC)


def local_label(when_utc: datetime, timezone: str) -> str:
    """``when_utc`` as the account's wall clock, e.g. ``2026-03-29 09:00 CEST``."""
    local = when_utc.astimezone(ZoneInfo(timezone))
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()}"


def _learned_windows(
    history: Sequence[tuple[datetime, float]], timezone: str
) -> list[tuple[int, int]]:
    zone = ZoneInfo(timezone)
    rates: dict[tuple[int, int], list[float]] = defaultdict(list)
    for published_at, rate in history:
        local = published_at.astimezone(zone)
        rates[(local.weekday(), local.hour)].append(rate)
    ranked = sorted(rates.items(), key=lambda kv: -sum(kv[1]) / len(kv[1]))
    return [slot for slot, _ in ranked[:8]]


def suggest_times(
    platform: str,
    *,
    timezone: str,
    after: datetime,
    count: int = 3,
    history: Sequence[tuple[datetime, float]] = (),
) -> list[datetime]:
    """The next ``count`` good times (UTC) to post on ``platform`` after ``after``.

    With at least 20 of the account's own posts in ``history`` ((published_at,
    engagement rate) pairs) the best-performing weekday-hours are used; before that,
    the study defaults in :data:`DEFAULT_WINDOWS`.
    """
    check_timezone(timezone)
    windows = (
        _learned_windows(history, timezone)
        if len(history) >= MIN_OWN_POSTS
        else DEFAULT_WINDOWS.get(platform, [(1, 10), (2, 10), (3, 10)])
    )
    wanted = set(windows)
    zone = ZoneInfo(timezone)
    local = after.astimezone(zone).replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    found: list[datetime] = []
    for _ in range(24 * 14):
        if (local.weekday(), local.hour) in wanted:
            naive = local.replace(tzinfo=None)
            with contextlib.suppress(InputError):  # a skipped hour is no slot
                found.append(to_utc(naive, timezone, fold=0))
            if len(found) >= count:
                break
        local = (local + timedelta(hours=1)).astimezone(zone)
    return found


def account_history(
    session: Session, account_id: str, *, limit: int = 500
) -> list[tuple[datetime, float]]:
    """(published_at, engagement rate) of the account's posts with collected metrics."""
    rows = session.execute(
        select(PublishQueueItem.published_at, PublishQueueItem.analytics)
        .where(
            PublishQueueItem.account_id == account_id,
            PublishQueueItem.status == "published",
            PublishQueueItem.published_at.is_not(None),
        )
        .order_by(PublishQueueItem.published_at.desc())
        .limit(limit)
    ).all()
    history: list[tuple[datetime, float]] = []
    for published_at, analytics in rows:
        rate = (analytics or {}).get("engagement_rate")
        when = as_utc(published_at)
        if rate is not None and when is not None:
            history.append((when, float(rate)))
    return history


def suggest_for_account(
    scope: OrgScope, account_id: str, *, after: datetime, count: int = 3
) -> list[datetime]:
    """Best times for one account: its own results once it has enough, else the defaults."""
    account = get_account(scope, account_id)
    history = account_history(scope.session, account.id)
    return suggest_times(
        account.platform, timezone=account.timezone, after=after, count=count, history=history
    )
