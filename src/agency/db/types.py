"""Column types that adapt to the database: JSONB on PostgreSQL, JSON elsewhere."""

from __future__ import annotations

from sqlalchemy import JSON, DateTime, String
from sqlalchemy.dialects.postgresql import JSONB

from agency.core.ids import ID_LENGTH

JSONType = JSON().with_variant(JSONB(), "postgresql")
IdType = String(ID_LENGTH)
UtcDateTime = DateTime(timezone=True)
