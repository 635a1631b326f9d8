"""social publishing: accounts, pending OAuth connects, dispatch state, post metrics

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(JSONB(), "postgresql")
TS = sa.DateTime(timezone=True)


def _org_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["org_id"],
        ["organizations.id"],
        name=op.f(f"fk_{table}_org_id_organizations"),
        ondelete="CASCADE",
    )


def _queue_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["queue_item_id"],
        ["publish_queue.id"],
        name=op.f(f"fk_{table}_queue_item_id_publish_queue"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "social_accounts",
        sa.Column("id", sa.String(length=12), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("org_id", sa.String(length=12), nullable=False),
        sa.Column("platform", sa.String(length=30), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=False),
        sa.Column("display_name", sa.String(length=300), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("scopes", JSON, nullable=False),
        sa.Column("access_token_enc", sa.Text(), nullable=False),
        sa.Column("refresh_token_enc", sa.Text(), nullable=True),
        sa.Column("token_expires_at", TS, nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_reason", sa.Text(), nullable=True),
        sa.Column("rate_limited_until", TS, nullable=True),
        sa.Column("data", JSON, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        _org_fk("social_accounts"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_social_accounts")),
        sa.UniqueConstraint(
            "org_id", "platform", "external_id", name="uq_social_accounts_external"
        ),
    )
    op.create_index(op.f("ix_social_accounts_org_id"), "social_accounts", ["org_id"])
    op.create_table(
        "oauth_pending",
        sa.Column("state", sa.String(length=64), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("org_id", sa.String(length=12), nullable=False),
        sa.Column("platform", sa.String(length=30), nullable=False),
        sa.Column("redirect_uri", sa.String(length=2048), nullable=False),
        sa.Column("code_verifier_enc", sa.Text(), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        _org_fk("oauth_pending"),
        sa.PrimaryKeyConstraint("state", name=op.f("pk_oauth_pending")),
    )
    op.create_index(op.f("ix_oauth_pending_org_id"), "oauth_pending", ["org_id"])
    op.create_table(
        "publish_dispatch",
        sa.Column("queue_item_id", sa.String(length=12), nullable=False),
        sa.Column("org_id", sa.String(length=12), nullable=False),
        sa.Column("next_attempt_at", TS, nullable=False),
        sa.Column("local_time", sa.String(length=40), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("lease_owner", sa.String(length=100), nullable=True),
        sa.Column("lease_expires_at", TS, nullable=True),
        sa.Column("first_attempt_at", TS, nullable=True),
        sa.Column("progress", JSON, nullable=False),
        sa.Column("last_status_code", sa.Integer(), nullable=True),
        sa.Column("history", JSON, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        _org_fk("publish_dispatch"),
        _queue_fk("publish_dispatch"),
        sa.PrimaryKeyConstraint("queue_item_id", name=op.f("pk_publish_dispatch")),
    )
    op.create_index(op.f("ix_publish_dispatch_org_id"), "publish_dispatch", ["org_id"])
    op.create_index("ix_publish_dispatch_next", "publish_dispatch", ["next_attempt_at"])
    op.create_table(
        "post_metrics",
        sa.Column("id", sa.String(length=12), nullable=False),
        sa.Column("org_id", sa.String(length=12), nullable=False),
        sa.Column("queue_item_id", sa.String(length=12), nullable=False),
        sa.Column("platform", sa.String(length=30), nullable=False),
        sa.Column("collected_at", TS, nullable=False),
        sa.Column("impressions", sa.Integer(), nullable=True),
        sa.Column("reach", sa.Integer(), nullable=True),
        sa.Column("engagements", sa.Integer(), nullable=True),
        sa.Column("clicks", sa.Integer(), nullable=True),
        sa.Column("video_views", sa.Integer(), nullable=True),
        sa.Column("watch_time_s", sa.Float(), nullable=True),
        sa.Column("engagement_rate", sa.Float(), nullable=True),
        sa.Column("raw", JSON, nullable=False),
        _org_fk("post_metrics"),
        _queue_fk("post_metrics"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post_metrics")),
    )
    op.create_index(op.f("ix_post_metrics_org_id"), "post_metrics", ["org_id"])
    op.create_index(op.f("ix_post_metrics_queue_item_id"), "post_metrics", ["queue_item_id"])


def downgrade() -> None:
    op.drop_table("post_metrics")
    op.drop_table("publish_dispatch")
    op.drop_table("oauth_pending")
    op.drop_table("social_accounts")
