"""Base type of the typed artifacts that flow between stages."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Artifact(BaseModel):
    """An immutable, JSON-serialisable stage output."""

    model_config = ConfigDict(frozen=True, extra="forbid")
