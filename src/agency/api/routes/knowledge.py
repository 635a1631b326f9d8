"""A brand's knowledge base over HTTP: upload documents, search with citations."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, UploadFile
from pydantic import BaseModel, Field

from agency.api.deps import CurrentOrg, SettingsDep
from agency.core.errors import InputError
from agency.db import Brand
from agency.intelligence.knowledge import DEFAULT_MAX_BYTES, ingest_files, ingest_pages, search
from agency.intelligence.knowledge.selection import embedder_for

router = APIRouter(prefix="/api/brands/{brand_id}/kb", tags=["knowledge"])

MAX_FILES = 20


class SearchBody(BaseModel):
    question: str = Field(min_length=1, max_length=2000)
    k: int = Field(default=5, ge=1, le=50)


@router.post("/documents")
def add_documents(
    brand_id: str,
    files: list[UploadFile],
    scope: CurrentOrg,
    settings: SettingsDep,
    include_pages: bool = False,
) -> dict[str, Any]:
    """Ingest uploaded PDF, DOCX, Markdown or text files; one result per file."""
    scope.get(Brand, brand_id)
    if len(files) > MAX_FILES:
        raise InputError(f"At most {MAX_FILES} files per request.", field="files")
    embedder = embedder_for(settings)
    results = []
    if include_pages:
        results += ingest_pages(scope, brand_id, embedder=embedder).results
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for index, upload in enumerate(files):
            name = Path(upload.filename or f"upload-{index}").name or f"upload-{index}"
            path = Path(tmp) / f"{index:02d}-{name}"
            data = upload.file.read(DEFAULT_MAX_BYTES + 1)
            path.write_bytes(data)
            paths.append(path)
        results += ingest_files(scope, brand_id, paths, embedder=embedder).results
    return {"results": [r.model_dump(mode="json") for r in results]}


@router.post("/search")
def search_knowledge(
    brand_id: str, body: SearchBody, scope: CurrentOrg, settings: SettingsDep
) -> dict[str, Any]:
    """The passages that best answer the question, with scores and sources."""
    scope.get(Brand, brand_id)
    hits = search(scope, brand_id, body.question, embedder=embedder_for(settings), k=body.k)
    return {"question": body.question, "passages": [h.model_dump(mode="json") for h in hits]}
