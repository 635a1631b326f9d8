"""Knowledge-base tables: a brand's ingested documents and their passages.

Embeddings are ``vector(384)`` (pgvector) on PostgreSQL and float32 bytes elsewhere;
:class:`EmbeddingType` hides the difference, so Python always sees a numpy array.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import numpy as np
from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator, TypeEngine

from agency.core.clock import utcnow
from agency.core.ids import new_id
from agency.db.models import Base
from agency.db.types import IdType, UtcDateTime

EMBEDDING_DIM = 384


class EmbeddingType(TypeDecorator[np.ndarray]):
    """A float32 vector: pgvector on PostgreSQL, raw little-endian bytes elsewhere."""

    impl = LargeBinary
    cache_ok = True

    def __init__(self, dim: int = EMBEDDING_DIM) -> None:
        super().__init__()
        self.dim = dim

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            from pgvector.sqlalchemy import Vector

            return dialect.type_descriptor(Vector(self.dim))
        return dialect.type_descriptor(LargeBinary())

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        vector = np.asarray(value, dtype=np.float32).reshape(-1)
        if vector.shape[0] != self.dim:
            raise ValueError(f"embedding has {vector.shape[0]} dimensions, expected {self.dim}")
        if dialect.name == "postgresql":
            return vector
        return vector.astype("<f4").tobytes()

    def process_result_value(self, value: Any, dialect: Dialect) -> np.ndarray | None:
        if value is None:
            return None
        if isinstance(value, bytes | bytearray | memoryview):
            return np.frombuffer(bytes(value), dtype="<f4").astype(np.float32)
        return np.asarray(value, dtype=np.float32)


class KbDocument(Base):
    """One ingested source (a crawled page or an uploaded file) of a brand."""

    __tablename__ = "kb_documents"
    __table_args__ = (UniqueConstraint("brand_id", "source", name="uq_kb_documents_brand_source"),)
    id: Mapped[str] = mapped_column(IdType, primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    org_id: Mapped[str] = mapped_column(
        IdType, ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    brand_id: Mapped[str] = mapped_column(
        IdType, ForeignKey("brands.id", ondelete="CASCADE"), index=True
    )
    source: Mapped[str] = mapped_column(String(2048))
    source_type: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(500), default="")
    content_hash: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(Integer, default=0)
    passage_count: Mapped[int] = mapped_column(Integer, default=0)
    embedding_model: Mapped[str] = mapped_column(String(200), default="")


class KbPassage(Base):
    """A retrievable passage: text, where it came from, and its embedding."""

    __tablename__ = "kb_passages"
    __table_args__ = (
        UniqueConstraint("brand_id", "content_hash", name="uq_kb_passages_brand_hash"),
    )
    id: Mapped[str] = mapped_column(IdType, primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    org_id: Mapped[str] = mapped_column(
        IdType, ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    brand_id: Mapped[str] = mapped_column(
        IdType, ForeignKey("brands.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[str] = mapped_column(
        IdType, ForeignKey("kb_documents.id", ondelete="CASCADE"), index=True
    )
    source: Mapped[str] = mapped_column(String(2048))
    source_type: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(500), default="")
    ordinal: Mapped[int] = mapped_column(Integer)
    char_start: Mapped[int] = mapped_column(Integer)
    char_end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    embedding: Mapped[np.ndarray | None] = mapped_column(EmbeddingType(), nullable=True)
