"""The analytics collector: metrics per platform into post_metrics and publish_queue.analytics,
with one engagement-rate formula."""

from __future__ import annotations

from sqlalchemy import select

from agency.db import Database, OrgScope, PublishQueueItem
from agency.db.publishing_models import PostMetric
from agency.distribution.publishing import PostMetrics, collect_metrics, publish_now


def test_engagement_rate_is_one_formula() -> None:
    metrics = PostMetrics(impressions=1000, likes=30, comments=5, shares=3, saves=2, clicks=10)
    assert metrics.engagements == 50 and metrics.engagement_rate == 0.05
    assert PostMetrics(reach=200, likes=10).engagement_rate == 0.05
    assert PostMetrics(likes=3).engagement_rate is None


def test_collects_metrics_for_published_posts(
    db: Database, org_id: str, make_account, dispatcher, publishers, cipher
) -> None:
    for platform, external in (
        ("x", "u1"),
        ("linkedin", "urn:li:person:m1"),
        ("facebook", "page1"),
    ):
        account = make_account(platform, external)
        with db.session() as s:
            publish_now(OrgScope(s, org_id), account_id=account.id, text=f"metrics on {platform}")
    assert {o.status for o in dispatcher.drain()} == {"published"}
    assert collect_metrics(db, publishers=publishers, cipher=cipher) == 3
    assert collect_metrics(db, publishers=publishers, cipher=cipher) == 0  # read recently
    with db.session() as s:
        rows = s.scalars(select(PostMetric)).all()
        items = s.scalars(select(PublishQueueItem)).all()
        assert len(rows) == 3
        for row in rows:
            assert row.impressions and row.engagement_rate == round(
                row.engagements / row.impressions, 6
            )
        for item in items:
            assert item.analytics["engagement_rate"] > 0 and item.analytics["collected_at"]
