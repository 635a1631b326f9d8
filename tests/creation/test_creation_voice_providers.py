"""Voice providers as speech engines, and Piper as a voice provider."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import numpy as np
import pytest

from agency.core.errors import ProviderError
from agency.creation.audio import synthesize_speech
from agency.creation.audio.voice_providers import PiperVoiceProvider, ProviderSpeech
from agency.providers.base import VoiceProvider, VoiceRequest, VoiceResult


def _wav_bytes(seconds: float, rate: int = 16000) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(np.zeros(int(seconds * rate), "<i2").tobytes())
    return buf.getvalue()


class FakeVoice:
    """A voice provider that answers with queued audio and records requests."""

    name = "fake-vendor"

    def __init__(self, *answers: bytes) -> None:
        self.answers = list(answers)
        self.requests: list[VoiceRequest] = []

    def speak(self, request: VoiceRequest) -> VoiceResult:
        self.requests.append(request)
        return VoiceResult(
            wav=self.answers.pop(0), sample_rate=16000, duration_s=0.0,
            provider=self.name, model="v1", prompt_hash="x",
        )  # fmt: skip


def test_a_provider_writes_voice_overs(tmp_path: Path) -> None:
    fake = FakeVoice(_wav_bytes(1.5))
    assert isinstance(fake, VoiceProvider)
    engine = ProviderSpeech(fake, voice="narrator", language="de")
    clip = synthesize_speech("Hallo zusammen", tmp_path / "vo.wav", engine=engine)
    assert clip.duration_s == pytest.approx(1.5) and clip.sample_rate == 16000
    assert clip.engine == "fake-vendor" and clip.voice == "v1"
    assert fake.requests[0].voice == "narrator" and fake.requests[0].language == "de"


def test_a_provider_returning_junk_leaves_no_file(tmp_path: Path) -> None:
    engine = ProviderSpeech(FakeVoice(b"ID3 this is an mp3, not a wav"))
    with pytest.raises(ProviderError, match="not WAV"):
        engine.synthesize("hello", tmp_path / "vo.wav")
    assert list(tmp_path.iterdir()) == []


def test_piper_as_a_voice_provider() -> None:
    piper = PiperVoiceProvider()
    result = piper.speak(VoiceRequest(text="Fresh coffee, every morning.", speed=1.0))
    slow = piper.speak(VoiceRequest(text="Fresh coffee, every morning.", speed=0.5))
    assert result.provider == "piper" and result.model == "en_US-joe-medium"
    assert result.sample_rate == 22050 and result.duration_s > 0.8
    assert slow.duration_s > 1.6 * result.duration_s
    with pytest.raises(ProviderError, match="espeak"):
        piper.speak(VoiceRequest(text="Bonjour", language="fr"))
