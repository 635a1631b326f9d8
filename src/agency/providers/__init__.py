"""Providers: one interface per capability, vendor adapters and offline defaults.

Stages take a provider as an argument; the CLI/API build one from settings with
``build_text_provider(settings)`` (and likewise for image, video, voice and
research) and run text through ``generate_validated``. The vendor adapters load
their SDKs (seconds of import time) only when first used.
"""

from typing import TYPE_CHECKING, Any

from agency.providers.base import (
    CAPABILITIES,
    Capability,
    Citation,
    Document,
    ImageProvider,
    ImageRequest,
    ImageResult,
    Message,
    ProviderResult,
    ResearchProvider,
    ResearchRequest,
    ResearchResult,
    TextProvider,
    TextRequest,
    TextResult,
    Usage,
    VideoProvider,
    VideoRequest,
    VideoResult,
    VoiceProvider,
    VoiceRequest,
    VoiceResult,
    prompt_hash,
)
from agency.providers.offline import (
    EspeakVoiceProvider,
    FfmpegVideoProvider,
    LocalModelTextProvider,
    PassageResearchProvider,
    ProceduralImageProvider,
    TemplateTextProvider,
    local_model_available,
)
from agency.providers.registry import (
    ProviderRegistry,
    ProviderSpec,
    build_image_provider,
    build_research_provider,
    build_text_provider,
    build_video_provider,
    build_voice_provider,
    default_registry,
)
from agency.providers.retry import RetryPolicy, is_retryable_status, parse_retry_after, with_retries
from agency.providers.validated import Validator, generate_validated

if TYPE_CHECKING:
    from agency.providers.anthropic_text import AnthropicTextProvider
    from agency.providers.openai_compat import (
        OpenAICompatTextProvider,
        PerplexityResearchProvider,
    )

_LAZY = {
    "AnthropicTextProvider": "agency.providers.anthropic_text",
    "OpenAICompatTextProvider": "agency.providers.openai_compat",
    "PerplexityResearchProvider": "agency.providers.openai_compat",
}


def __getattr__(name: str) -> Any:
    """Import a vendor adapter (and its SDK) on first use."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CAPABILITIES",
    "AnthropicTextProvider",
    "Capability",
    "Citation",
    "Document",
    "EspeakVoiceProvider",
    "FfmpegVideoProvider",
    "ImageProvider",
    "ImageRequest",
    "ImageResult",
    "LocalModelTextProvider",
    "Message",
    "OpenAICompatTextProvider",
    "PassageResearchProvider",
    "PerplexityResearchProvider",
    "ProceduralImageProvider",
    "ProviderRegistry",
    "ProviderResult",
    "ProviderSpec",
    "ResearchProvider",
    "ResearchRequest",
    "ResearchResult",
    "RetryPolicy",
    "TemplateTextProvider",
    "TextProvider",
    "TextRequest",
    "TextResult",
    "Usage",
    "Validator",
    "VideoProvider",
    "VideoRequest",
    "VideoResult",
    "VoiceProvider",
    "VoiceRequest",
    "VoiceResult",
    "build_image_provider",
    "build_research_provider",
    "build_text_provider",
    "build_video_provider",
    "build_voice_provider",
    "default_registry",
    "generate_validated",
    "is_retryable_status",
    "local_model_available",
    "parse_retry_after",
    "prompt_hash",
    "with_retries",
]
