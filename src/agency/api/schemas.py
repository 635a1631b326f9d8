"""Request and response bodies of the HTTP API."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class BrandCreate(BaseModel):
    url: str = Field(
        description="The brand's website, http(s)://…", examples=["https://example.com"]
    )


class JobOut(BaseModel):
    id: str
    kind: str
    status: str
    step: str
    percent: float
    subject_id: str | None = None
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    created_at: datetime
    updated_at: datetime


class JobAccepted(BaseModel):
    job_id: str
    status: str
    status_url: str


class BrandSummary(BaseModel):
    id: str
    name: str
    url: str
    domain: str
    created_at: datetime


class BrandOut(BrandSummary):
    profile: dict[str, Any]
    products: list[dict[str, Any]]
    pages: int
