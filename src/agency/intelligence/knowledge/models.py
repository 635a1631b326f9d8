"""Artifacts of the knowledge base: passages, search hits and ingest reports."""

from __future__ import annotations

from typing import Literal

from agency.core.artifacts import Artifact

SourceType = Literal["page", "html", "pdf", "docx", "markdown", "text"]


class Chunk(Artifact):
    """A passage cut from one document, before it is embedded and stored."""

    ordinal: int
    char_start: int
    char_end: int
    text: str


class LoadedDocument(Artifact):
    """A document's plain text with where it came from."""

    source: str
    source_type: SourceType
    title: str = ""
    text: str
    size_bytes: int = 0


class PassageHit(Artifact):
    """A retrieved passage with its fused score and a citation to its source."""

    passage_id: str
    document_id: str
    text: str
    score: float
    source: str
    source_type: str
    title: str
    ordinal: int
    char_start: int
    char_end: int
    bm25_rank: int | None = None
    vector_rank: int | None = None


class FileResult(Artifact):
    """What happened to one source: stored, unchanged, or refused with a reason."""

    source: str
    status: Literal["ingested", "unchanged", "error"]
    source_type: str | None = None
    passages: int = 0
    document_id: str | None = None
    error: str | None = None
    fix: str | None = None


class IngestReport(Artifact):
    """Per-source outcomes of one ingest call."""

    results: list[FileResult]

    @property
    def ok(self) -> list[FileResult]:
        return [r for r in self.results if r.status != "error"]

    @property
    def errors(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "error"]

    @property
    def passages_added(self) -> int:
        return sum(r.passages for r in self.results if r.status == "ingested")
