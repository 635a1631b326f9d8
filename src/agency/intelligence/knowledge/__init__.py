"""A brand's knowledge base: documents in, cited passages out.

Ingest crawled pages and uploaded files (PDF, DOCX, Markdown, text) into
passages with source and position; search them with hybrid BM25 + embedding
retrieval fused by reciprocal rank.
"""

from agency.intelligence.knowledge.chunking import chunk_text
from agency.intelligence.knowledge.embeddings import (
    EMBEDDERS,
    Embedder,
    LocalEmbedder,
    OpenAIEmbedder,
    create_embedder,
)
from agency.intelligence.knowledge.loaders import DEFAULT_MAX_BYTES, load_bytes, load_file
from agency.intelligence.knowledge.models import (
    Chunk,
    FileResult,
    IngestReport,
    LoadedDocument,
    PassageHit,
)
from agency.intelligence.knowledge.service import (
    ingest_document,
    ingest_files,
    ingest_pages,
    search,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "EMBEDDERS",
    "Chunk",
    "Embedder",
    "FileResult",
    "IngestReport",
    "LoadedDocument",
    "LocalEmbedder",
    "OpenAIEmbedder",
    "PassageHit",
    "chunk_text",
    "create_embedder",
    "ingest_document",
    "ingest_files",
    "ingest_pages",
    "load_bytes",
    "load_file",
    "search",
]
