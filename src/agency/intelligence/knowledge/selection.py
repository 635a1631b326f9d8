"""Pick the embedder from settings: the vendor's with an OpenAI key, else the local model."""

from __future__ import annotations

from agency.config import Settings
from agency.intelligence.knowledge.embeddings import Embedder, create_embedder


def embedder_for(settings: Settings) -> Embedder:
    """OpenAI embeddings when ``OPENAI_API_KEY`` is set, else the local sentence model.

    The local model loads once per process (cached), so calling this per request is cheap.
    """
    if settings.openai_api_key is not None:
        return create_embedder(
            "openai",
            api_key=settings.openai_api_key.get_secret_value(),
            base_url=settings.openai_base_url,
        )
    return create_embedder("local")
