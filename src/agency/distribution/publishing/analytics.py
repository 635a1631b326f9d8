"""The analytics collector: each published post's metrics into ``post_metrics`` and
``publish_queue.analytics``, with one engagement-rate formula for every platform.

Engagement rate = (likes + comments + shares + saves + clicks) / impressions (reach,
then video views, where a platform reports no impressions). Rival IQ and others
publish rates per follower; this one is per impression so platforms compare.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from datetime import datetime, timedelta

from sqlalchemy import select

from agency.core.clock import utcnow
from agency.core.errors import AgencyError
from agency.core.logging import get_logger
from agency.db.engine import Database
from agency.db.models import PublishQueueItem
from agency.db.publishing_models import PostMetric, SocialAccount
from agency.distribution.accounts.crypto import TokenCipher
from agency.distribution.accounts.service import credentials
from agency.distribution.publishing.models import Publisher

log = get_logger(__name__)


def collect_metrics(
    database: Database,
    *,
    publishers: Mapping[str, Publisher],
    cipher: TokenCipher,
    max_age: timedelta = timedelta(days=30),
    min_interval: timedelta = timedelta(hours=1),
    now: datetime | None = None,
    limit: int = 500,
) -> int:
    """Read metrics of posts published within ``max_age``; returns how many were stored.

    A post read less than ``min_interval`` ago is skipped; a failing platform is logged
    and the others continue (the job runs again on its schedule).
    """
    current = now or utcnow()
    stored = 0
    with database.session() as s:
        items = s.scalars(
            select(PublishQueueItem)
            .where(
                PublishQueueItem.status == "published",
                PublishQueueItem.published_at >= current - max_age,
                PublishQueueItem.platform_post_id.is_not(None),
            )
            .limit(limit)
        ).all()
        for item in items:
            last = (item.analytics or {}).get("collected_at")
            if last and datetime.fromisoformat(last) > current - min_interval:
                continue
            account = s.get(SocialAccount, item.account_id or "")
            publisher = publishers.get(item.platform)
            if account is None or publisher is None or account.status != "active":
                continue
            try:
                metrics = publisher.fetch_metrics(
                    credentials(account, cipher=cipher), str(item.platform_post_id)
                )
            except AgencyError as exc:
                log.warning("metrics_failed", item_id=item.id, error=exc.message)
                continue
            row = PostMetric(
                org_id=item.org_id,
                queue_item_id=item.id,
                platform=item.platform,
                collected_at=current,
                impressions=metrics.impressions,
                reach=metrics.reach,
                engagements=metrics.engagements,
                clicks=metrics.clicks,
                video_views=metrics.video_views,
                watch_time_s=metrics.watch_time_s,
                engagement_rate=metrics.engagement_rate,
                raw=metrics.raw,
            )
            s.add(row)
            summary = {k: v for k, v in asdict(metrics).items() if k != "raw"}
            item.analytics = {
                **summary,
                "engagements": metrics.engagements,
                "engagement_rate": metrics.engagement_rate,
                "collected_at": current.isoformat(),
            }
            stored += 1
    return stored
