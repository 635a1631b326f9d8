"""Provider selection by settings: forced name, vendor key, offline default."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx2
import pytest

from agency.config import Settings
from agency.core import InputError
from agency.providers import (
    AnthropicTextProvider,
    FfmpegVideoProvider,
    LocalModelTextProvider,
    OpenAICompatTextProvider,
    PassageResearchProvider,
    PerplexityResearchProvider,
    ProceduralImageProvider,
    ProviderSpec,
    TemplateTextProvider,
    TextRequest,
    build_image_provider,
    build_research_provider,
    build_text_provider,
    build_video_provider,
    build_voice_provider,
    default_registry,
    local_model_available,
)

KEYS = ("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "PERPLEXITY_API_KEY")


@pytest.fixture
def make_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    for name in KEYS + tuple(f"AGENCY_{k}" for k in KEYS):
        monkeypatch.delenv(name, raising=False)
    for cap in ("TEXT", "IMAGE", "VIDEO", "VOICE", "RESEARCH"):
        monkeypatch.delenv(f"AGENCY_{cap}_PROVIDER", raising=False)

    def make(**overrides: Any) -> Settings:
        base: dict[str, Any] = {"data_dir": tmp_path / "data", "_env_file": None}
        base.update(overrides)
        return Settings(**base)

    return make


def test_offline_defaults_without_keys(make_settings) -> None:
    s = make_settings()
    text = build_text_provider(s)
    expected = LocalModelTextProvider if local_model_available() else TemplateTextProvider
    assert isinstance(text, expected)
    assert isinstance(build_image_provider(s), ProceduralImageProvider)
    assert isinstance(build_video_provider(s), FfmpegVideoProvider)
    # Piper (registered by the audio engine's plugin) is preferred when installed.
    assert build_voice_provider(s).name in {"piper", "espeak"}
    assert isinstance(build_research_provider(s), PassageResearchProvider)


def test_anthropic_key_selects_anthropic(make_settings) -> None:
    s = make_settings(anthropic_api_key="sk-ant", openai_api_key="sk-oai", provider_max_retries=2)
    text = build_text_provider(s)
    assert isinstance(text, AnthropicTextProvider)
    assert text.model == s.anthropic_model
    assert text._retry.max_retries == 2


def test_openai_key_alone_selects_openai_compatible(make_settings) -> None:
    text = build_text_provider(make_settings(openai_api_key="sk-oai", openai_model="gpt-x"))
    assert isinstance(text, OpenAICompatTextProvider) and text.model == "gpt-x"


def test_forced_name_wins_over_keys(make_settings) -> None:
    s = make_settings(anthropic_api_key="sk-ant", text_provider="template")
    assert isinstance(build_text_provider(s), TemplateTextProvider)
    s = make_settings(anthropic_api_key="sk-ant", text_provider="openai-compatible")
    assert isinstance(build_text_provider(s), OpenAICompatTextProvider)


def test_unknown_forced_name_names_field_and_choices(make_settings) -> None:
    with pytest.raises(InputError) as info:
        build_text_provider(make_settings(text_provider="gpt-9000"))
    assert info.value.field == "text_provider"
    assert "anthropic" in (info.value.fix or "") and "template" in (info.value.fix or "")


def test_perplexity_key_selects_perplexity_research(make_settings) -> None:
    research = build_research_provider(make_settings(perplexity_api_key="pplx"))
    assert isinstance(research, PerplexityResearchProvider)


def test_http_client_reaches_the_vendor_adapter(make_settings) -> None:
    seen: list[httpx2.Request] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return httpx2.Response(
            200,
            json={
                "id": "msg_1",
                "type": "message",
                "role": "assistant",
                "model": "claude-opus-5-5",
                "content": [{"type": "text", "text": "hi"}],
                "stop_reason": "end_turn",
                "usage": {"input_tokens": 1, "output_tokens": 1},
            },
        )

    s = make_settings(anthropic_api_key="sk-ant", anthropic_base_url="https://claude.test")
    client = httpx2.Client(transport=httpx2.MockTransport(handler))
    text = build_text_provider(s, http_client=client)
    assert text.complete(TextRequest(prompt="x")).text == "hi"
    assert json.loads(seen[0].content)["model"] == s.anthropic_model


def test_vendors_register_like_builtins(make_settings) -> None:
    class EchoText:
        name = "echo"

        def complete(self, request: TextRequest) -> Any:
            raise NotImplementedError

    registry = default_registry(discover=False)
    registry.register(
        ProviderSpec(
            name="echo",
            capability="text",
            factory=lambda settings, http_client, retry: EchoText(),
            available=lambda settings: settings.secret_key is not None,
            offline=False,
            priority=1,
        )
    )
    assert "echo" in registry.names("text")
    assert registry.names("text")[0] == "echo"  # vendors sort before offline defaults
    chosen = build_text_provider(make_settings(secret_key="k"), registry=registry)
    assert isinstance(chosen, EchoText)
    fallback = build_text_provider(make_settings(text_provider="template"), registry=registry)
    assert isinstance(fallback, TemplateTextProvider)


def test_default_model_is_an_opus_id(make_settings) -> None:
    assert make_settings().anthropic_model.startswith("claude-opus-")
