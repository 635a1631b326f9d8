"""The built-in providers, registered exactly as a plugin would register its own."""

from __future__ import annotations

from typing import Any

import httpx2

from agency.config import Settings
from agency.providers.registry import ProviderRegistry, ProviderSpec
from agency.providers.retry import RetryPolicy


def _secret(value: Any) -> str | None:
    return value.get_secret_value() if value is not None else None


def _anthropic(settings: Settings, http_client: httpx2.Client | None, retry: RetryPolicy) -> Any:
    from agency.providers.anthropic_text import AnthropicTextProvider

    return AnthropicTextProvider(
        api_key=_secret(settings.anthropic_api_key) or "",
        model=settings.anthropic_model,
        base_url=settings.anthropic_base_url,
        timeout_s=settings.provider_timeout_s,
        retry=retry,
        http_client=http_client,
    )


def _openai(settings: Settings, http_client: httpx2.Client | None, retry: RetryPolicy) -> Any:
    from agency.providers.openai_compat import OpenAICompatTextProvider

    return OpenAICompatTextProvider(
        api_key=_secret(settings.openai_api_key),
        model=settings.openai_model,
        base_url=settings.openai_base_url,
        timeout_s=settings.provider_timeout_s,
        retry=retry,
        http_client=http_client,
    )


def _perplexity(settings: Settings, http_client: httpx2.Client | None, retry: RetryPolicy) -> Any:
    from agency.providers.openai_compat import OpenAICompatTextProvider, PerplexityResearchProvider

    text = OpenAICompatTextProvider(
        name="perplexity",
        api_key=_secret(settings.perplexity_api_key),
        model=settings.perplexity_model,
        base_url=settings.perplexity_base_url,
        timeout_s=settings.provider_timeout_s,
        retry=retry,
        http_client=http_client,
    )
    return PerplexityResearchProvider(text=text)


def _local_model(settings: Settings, _: httpx2.Client | None, __: RetryPolicy) -> Any:
    from agency.providers.offline.local_model import LocalModelTextProvider

    return LocalModelTextProvider.from_settings(settings)


def _local_model_available(settings: Settings) -> bool:
    from agency.providers.offline.local_model import local_model_available

    return local_model_available()


def _offline(cls_path: str) -> Any:
    module_name, _, cls_name = cls_path.rpartition(".")

    def factory(settings: Settings, http_client: httpx2.Client | None, retry: RetryPolicy) -> Any:
        import importlib

        return getattr(importlib.import_module(module_name), cls_name)()

    return factory


def _always(_: Settings) -> bool:
    return True


def register_builtins(registry: ProviderRegistry) -> None:
    """Register the vendor adapters and offline defaults that ship with V3."""
    offline = "agency.providers.offline."
    specs = [
        ProviderSpec(
            "anthropic", "text", _anthropic, lambda s: s.anthropic_api_key is not None, False, 10
        ),
        ProviderSpec(
            "openai-compatible", "text", _openai, lambda s: s.openai_api_key is not None, False, 20
        ),
        ProviderSpec("local-model", "text", _local_model, _local_model_available, True, 10),
        ProviderSpec(
            "template", "text", _offline(offline + "template_writer.TemplateTextProvider"),
            _always, True, 100,
        ),
        ProviderSpec(
            "perplexity", "research", _perplexity, lambda s: s.perplexity_api_key is not None,
            False, 10,
        ),
        ProviderSpec(
            "passages", "research", _offline(offline + "passage_research.PassageResearchProvider"),
            _always, True, 100,
        ),
        ProviderSpec(
            "procedural", "image", _offline(offline + "procedural_image.ProceduralImageProvider"),
            _always, True, 100,
        ),
        ProviderSpec(
            "ffmpeg-zoompan", "video", _offline(offline + "ffmpeg_video.FfmpegVideoProvider"),
            _always, True, 100,
        ),
        ProviderSpec(
            "espeak", "voice", _offline(offline + "espeak_voice.EspeakVoiceProvider"),
            _always, True, 100,
        ),
    ]  # fmt: skip
    for spec in specs:
        registry.register(spec)
