"""Provenance: who or what made an asset, so it can be disclosed, traced and re-made."""

from __future__ import annotations

import hashlib
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


def prompt_hash(text: str) -> str:
    """SHA-256 hex digest of a prompt: records which prompt made an asset without storing it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Provenance(BaseModel):
    """What made an asset: provider and model, the prompt's hash, seed, inputs and stage.

    ``source_assets`` are ids of assets in the same organization this one was made
    from (the product shot composited into footage, the frames of a cut).
    """

    model_config = ConfigDict(extra="forbid")

    provider: str | None = Field(default=None, description="e.g. 'openai', 'offline-designer'")
    model: str | None = Field(default=None, description="Model or engine name and version.")
    prompt_hash: str | None = Field(default=None, description="prompt_hash() of the prompt.")
    seed: int | None = None
    source_assets: list[str] = Field(default_factory=list)
    stage: str | None = Field(default=None, description="e.g. 'creation', 'kata', 'upload'.")
    extra: dict[str, Any] = Field(default_factory=dict)
