"""Social publishing tables: connected accounts, pending OAuth connects, dispatch state, metrics.

``publish_queue`` itself lives in :mod:`agency.db.models`; ``publish_dispatch`` is its
one-to-one companion that the dispatcher owns (lease, next attempt, the progress of a
multi-step publish such as a thread or a resumable upload), so the queue row keeps the
user's view: what, where, when, and the outcome.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from agency.core.clock import utcnow
from agency.core.ids import new_id
from agency.db.models import Base
from agency.db.types import IdType, JSONType, UtcDateTime


class SocialAccount(Base):
    """A connected social account; tokens are Fernet ciphertext, never plaintext."""

    __tablename__ = "social_accounts"
    __table_args__ = (
        UniqueConstraint("org_id", "platform", "external_id", name="uq_social_accounts_external"),
    )
    id: Mapped[str] = mapped_column(IdType, primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    org_id: Mapped[str] = mapped_column(
        IdType, ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    platform: Mapped[str] = mapped_column(String(30))
    external_id: Mapped[str] = mapped_column(String(200))
    display_name: Mapped[str] = mapped_column(String(300), default="")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    scopes: Mapped[list[str]] = mapped_column(JSONType, default=list)
    access_token_enc: Mapped[str] = mapped_column(Text, default="")
    refresh_token_enc: Mapped[str | None] = mapped_column(Text, nullable=True)
    token_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="active")
    status_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    rate_limited_until: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    def __repr__(self) -> str:
        return (
            f"SocialAccount(id={self.id!r}, platform={self.platform!r}, "
            f"external_id={self.external_id!r}, status={self.status!r}, tokens=<redacted>)"
        )


class OAuthPending(Base):
    """An authorization started and not yet called back: state, PKCE verifier (encrypted)."""

    __tablename__ = "oauth_pending"
    state: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    org_id: Mapped[str] = mapped_column(
        IdType, ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    platform: Mapped[str] = mapped_column(String(30))
    redirect_uri: Mapped[str] = mapped_column(String(2048))
    code_verifier_enc: Mapped[str | None] = mapped_column(Text, nullable=True)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)

    def __repr__(self) -> str:
        return f"OAuthPending(platform={self.platform!r}, org_id={self.org_id!r}, state=<redacted>)"


class PublishDispatch(Base):
    """The dispatcher's state for one queue item: when next, who holds it, how far it got."""

    __tablename__ = "publish_dispatch"
    __table_args__ = (Index("ix_publish_dispatch_next", "next_attempt_at"),)
    queue_item_id: Mapped[str] = mapped_column(
        IdType, ForeignKey("publish_queue.id", ondelete="CASCADE"), primary_key=True
    )
    org_id: Mapped[str] = mapped_column(
        IdType, ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime)
    local_time: Mapped[str] = mapped_column(String(40), default="")
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    lease_owner: Mapped[str | None] = mapped_column(String(100), nullable=True)
    lease_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    first_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    progress: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    last_status_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    history: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)


class PostMetric(Base):
    """One metrics reading of a published post, normalized across platforms."""

    __tablename__ = "post_metrics"
    id: Mapped[str] = mapped_column(IdType, primary_key=True, default=new_id)
    org_id: Mapped[str] = mapped_column(
        IdType, ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    queue_item_id: Mapped[str] = mapped_column(
        IdType, ForeignKey("publish_queue.id", ondelete="CASCADE"), index=True
    )
    platform: Mapped[str] = mapped_column(String(30))
    collected_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    impressions: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reach: Mapped[int | None] = mapped_column(Integer, nullable=True)
    engagements: Mapped[int | None] = mapped_column(Integer, nullable=True)
    clicks: Mapped[int | None] = mapped_column(Integer, nullable=True)
    video_views: Mapped[int | None] = mapped_column(Integer, nullable=True)
    watch_time_s: Mapped[float | None] = mapped_column(Float, nullable=True)
    engagement_rate: Mapped[float | None] = mapped_column(Float, nullable=True)
    raw: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
