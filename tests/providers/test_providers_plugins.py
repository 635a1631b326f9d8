"""Providers that live with their engines are found through the entry-point hook."""

from __future__ import annotations

from agency.config import Settings
from agency.providers import build_image_provider, build_voice_provider


def test_offline_voice_prefers_piper_and_keys_switch_to_vendors() -> None:
    offline = Settings(_env_file=None)  # type: ignore[call-arg]
    assert build_voice_provider(offline).name == "piper"
    assert build_image_provider(offline).name == "procedural"
    keyed = Settings(_env_file=None, elevenlabs_api_key="k", bfl_api_key="k")  # type: ignore[call-arg]
    assert build_voice_provider(keyed).name == "elevenlabs"
    assert build_image_provider(keyed).name == "flux"
