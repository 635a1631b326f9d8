"""knowledge base: documents and passages

On PostgreSQL the embedding is a pgvector ``vector(384)`` and a generated
``tsvector`` column with a GIN index serves full-text (BM25-like) ranking;
elsewhere the embedding is float32 bytes and ranking happens in process.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EMBEDDING_DIM = 384


def _require_pgvector() -> None:
    bind = op.get_bind()
    available = bind.execute(
        sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")
    ).first()
    if available is None:
        raise RuntimeError(
            "PostgreSQL lacks the pgvector extension needed by the knowledge base. "
            "Fix: install it on the server (Debian: postgresql-15-pgvector, or build "
            "pgvector from source) and run the migration again."
        )
    op.execute("CREATE EXTENSION IF NOT EXISTS vector")


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        _require_pgvector()
    op.create_table(
        "kb_documents",
        sa.Column("id", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("org_id", sa.String(length=12), nullable=False),
        sa.Column("brand_id", sa.String(length=12), nullable=False),
        sa.Column("source", sa.String(length=2048), nullable=False),
        sa.Column("source_type", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("passage_count", sa.Integer(), nullable=False),
        sa.Column("embedding_model", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.id"],
            name=op.f("fk_kb_documents_org_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["brand_id"],
            ["brands.id"],
            name=op.f("fk_kb_documents_brand_id_brands"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kb_documents")),
        sa.UniqueConstraint("brand_id", "source", name="uq_kb_documents_brand_source"),
    )
    op.create_index(op.f("ix_kb_documents_org_id"), "kb_documents", ["org_id"])
    op.create_index(op.f("ix_kb_documents_brand_id"), "kb_documents", ["brand_id"])

    embedding: sa.types.TypeEngine[Any]
    if postgres:
        from pgvector.sqlalchemy import Vector

        embedding = Vector(EMBEDDING_DIM)
    else:
        embedding = sa.LargeBinary()
    op.create_table(
        "kb_passages",
        sa.Column("id", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("org_id", sa.String(length=12), nullable=False),
        sa.Column("brand_id", sa.String(length=12), nullable=False),
        sa.Column("document_id", sa.String(length=12), nullable=False),
        sa.Column("source", sa.String(length=2048), nullable=False),
        sa.Column("source_type", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("embedding", embedding, nullable=True),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.id"],
            name=op.f("fk_kb_passages_org_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["brand_id"],
            ["brands.id"],
            name=op.f("fk_kb_passages_brand_id_brands"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["kb_documents.id"],
            name=op.f("fk_kb_passages_document_id_kb_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kb_passages")),
        sa.UniqueConstraint("brand_id", "content_hash", name="uq_kb_passages_brand_hash"),
    )
    op.create_index(op.f("ix_kb_passages_org_id"), "kb_passages", ["org_id"])
    op.create_index(op.f("ix_kb_passages_brand_id"), "kb_passages", ["brand_id"])
    op.create_index(op.f("ix_kb_passages_document_id"), "kb_passages", ["document_id"])
    if postgres:
        op.execute(
            "ALTER TABLE kb_passages ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
            "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED"
        )
        op.execute("CREATE INDEX ix_kb_passages_tsv ON kb_passages USING gin (tsv)")
        # Keep whole rows inline and uncompressed (a passage row is under ~5 kB): with the
        # default TOAST threshold every distance fetched the vector out of line and every
        # ts_rank_cd decompressed the tsvector (10k passages: scan ~120 ms, rank ~80 ms).
        op.execute("ALTER TABLE kb_passages ALTER COLUMN embedding SET STORAGE PLAIN")
        op.execute("ALTER TABLE kb_passages SET (toast_tuple_target = 8160)")
        # Approximate nearest neighbours for large brands (the planner still scans exactly
        # when a brand's rows are few); search sets hnsw.iterative_scan so that the brand
        # filter cannot starve the index scan.
        op.execute(
            "CREATE INDEX ix_kb_passages_embedding ON kb_passages "
            "USING hnsw (embedding vector_cosine_ops)"
        )


def downgrade() -> None:
    op.drop_table("kb_passages")
    op.drop_table("kb_documents")
