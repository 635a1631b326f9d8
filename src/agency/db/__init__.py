"""Persistence: SQLAlchemy 2 models, sessions, repositories and Alembic migrations."""

from agency.db.engine import Database, create_database
from agency.db.migrate import upgrade_to_head
from agency.db.models import (
    ApiKey,
    Asset,
    Base,
    Brand,
    BrandPage,
    Campaign,
    CompositingJob,
    Job,
    Organization,
    Product,
    PublishQueueItem,
    SyntheticInfluencer,
    Trend,
    User,
)
from agency.db.repository import OrgScope

__all__ = [
    "ApiKey",
    "Asset",
    "Base",
    "Brand",
    "BrandPage",
    "Campaign",
    "CompositingJob",
    "Database",
    "Job",
    "OrgScope",
    "Organization",
    "Product",
    "PublishQueueItem",
    "SyntheticInfluencer",
    "Trend",
    "User",
    "create_database",
    "upgrade_to_head",
]
