"""The schema. Every row but an organization's belongs to one organization."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from agency.core.clock import utcnow
from agency.core.ids import new_id
from agency.db.types import IdType, JSONType, UtcDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class _Row:
    id: Mapped[str] = mapped_column(IdType, primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class _OrgRow(_Row):
    org_id: Mapped[str] = mapped_column(
        IdType, ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )


class Organization(_Row, Base):
    __tablename__ = "organizations"
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(100), unique=True)


class User(_OrgRow, Base):
    __tablename__ = "users"
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20), default="member")


class ApiKey(_OrgRow, Base):
    __tablename__ = "api_keys"
    user_id: Mapped[str | None] = mapped_column(
        IdType, ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    name: Mapped[str] = mapped_column(String(200), default="")
    prefix: Mapped[str] = mapped_column(String(16), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class Brand(_OrgRow, Base):
    __tablename__ = "brands"
    name: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(2048))
    domain: Mapped[str] = mapped_column(String(255), index=True)
    profile: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)


class BrandPage(_OrgRow, Base):
    """A page of the brand's site as crawled: its main text, kept for later stages."""

    __tablename__ = "brand_pages"
    brand_id: Mapped[str] = mapped_column(
        IdType, ForeignKey("brands.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str] = mapped_column(String(2048))
    title: Mapped[str] = mapped_column(String(500), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    content_hash: Mapped[str] = mapped_column(String(64), default="")


class Product(_OrgRow, Base):
    __tablename__ = "products"
    brand_id: Mapped[str] = mapped_column(
        IdType, ForeignKey("brands.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str | None] = mapped_column(String(2048), nullable=True)
    price: Mapped[str | None] = mapped_column(String(50), nullable=True)
    # Plain id (no foreign key): assets reference campaigns, which reference products.
    image_asset_id: Mapped[str | None] = mapped_column(IdType, nullable=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)


class Campaign(_OrgRow, Base):
    __tablename__ = "campaigns"
    brand_id: Mapped[str] = mapped_column(
        IdType, ForeignKey("brands.id", ondelete="CASCADE"), index=True
    )
    product_id: Mapped[str | None] = mapped_column(
        IdType, ForeignKey("products.id", ondelete="SET NULL"), nullable=True
    )
    goal: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    budget: Mapped[float | None] = mapped_column(Float, nullable=True)
    channels: Mapped[list[str]] = mapped_column(JSONType, default=list)
    start_date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    days: Mapped[int] = mapped_column(Integer, default=30)
    brief: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    folder: Mapped[str | None] = mapped_column(String(1024), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)


class Asset(_OrgRow, Base):
    """A stored file: content-addressed, with what made it (provenance)."""

    __tablename__ = "assets"
    __table_args__ = (UniqueConstraint("org_id", "checksum", name="uq_assets_org_checksum"),)
    checksum: Mapped[str] = mapped_column(String(64), index=True)
    media_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    width: Mapped[int | None] = mapped_column(Integer, nullable=True)
    height: Mapped[int | None] = mapped_column(Integer, nullable=True)
    duration_s: Mapped[float | None] = mapped_column(Float, nullable=True)
    storage_key: Mapped[str] = mapped_column(String(1024))
    filename: Mapped[str] = mapped_column(String(500), default="")
    provenance: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    brand_id: Mapped[str | None] = mapped_column(
        IdType, ForeignKey("brands.id", ondelete="SET NULL"), nullable=True
    )
    campaign_id: Mapped[str | None] = mapped_column(
        IdType, ForeignKey("campaigns.id", ondelete="SET NULL"), nullable=True
    )


class Job(_OrgRow, Base):
    """A durable workflow as the organization sees it: kind, progress, result."""

    __tablename__ = "jobs"
    kind: Mapped[str] = mapped_column(String(50))
    workflow_id: Mapped[str] = mapped_column(String(100), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="queued")
    step: Mapped[str] = mapped_column(String(200), default="")
    percent: Mapped[float] = mapped_column(Float, default=0.0)
    params: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)
    error: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)
    subject_id: Mapped[str | None] = mapped_column(IdType, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)


class CompositingJob(_OrgRow, Base):
    __tablename__ = "compositing_jobs"
    video_asset_id: Mapped[str | None] = mapped_column(
        IdType, ForeignKey("assets.id", ondelete="SET NULL"), nullable=True
    )
    product_asset_id: Mapped[str | None] = mapped_column(
        IdType, ForeignKey("assets.id", ondelete="SET NULL"), nullable=True
    )
    output_asset_id: Mapped[str | None] = mapped_column(
        IdType, ForeignKey("assets.id", ondelete="SET NULL"), nullable=True
    )
    status: Mapped[str] = mapped_column(String(20), default="queued")
    mode: Mapped[str] = mapped_column(String(20), default="upright")
    preferences: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    zones: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    placement: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    quality_score: Mapped[float | None] = mapped_column(Float, nullable=True)
    quality: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    provenance: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    workflow_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)


class SyntheticInfluencer(_OrgRow, Base):
    __tablename__ = "synthetic_influencers"
    brand_id: Mapped[str | None] = mapped_column(
        IdType, ForeignKey("brands.id", ondelete="CASCADE"), nullable=True
    )
    name: Mapped[str] = mapped_column(String(200))
    persona: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    appearance: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    voice: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    disclosure_label: Mapped[str] = mapped_column(String(200), default="AI-generated persona")


class Trend(_OrgRow, Base):
    __tablename__ = "trends"
    brand_id: Mapped[str | None] = mapped_column(
        IdType, ForeignKey("brands.id", ondelete="CASCADE"), nullable=True
    )
    topic: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(2048), default="")
    score: Mapped[float] = mapped_column(Float, default=0.0)
    data: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    observed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class PublishQueueItem(_OrgRow, Base):
    __tablename__ = "publish_queue"
    __table_args__ = (Index("ix_publish_queue_due", "status", "scheduled_at"),)
    campaign_id: Mapped[str | None] = mapped_column(
        IdType, ForeignKey("campaigns.id", ondelete="SET NULL"), nullable=True
    )
    account_id: Mapped[str | None] = mapped_column(IdType, nullable=True)
    platform: Mapped[str] = mapped_column(String(30))
    content: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    media_asset_ids: Mapped[list[str]] = mapped_column(JSONType, default=list)
    scheduled_at: Mapped[datetime] = mapped_column(UtcDateTime)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    status: Mapped[str] = mapped_column(String(20), default="scheduled")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True, default=new_id)
    platform_post_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    platform_url: Mapped[str | None] = mapped_column(String(2048), nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    analytics: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
