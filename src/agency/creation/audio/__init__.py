"""Audio engine: offline voice-over, synthesised music beds, ducking mixer with loudness targets."""

from .mix import MixResult, mix_audio
from .music import MusicBed, MusicSpec, make_music_bed, synthesize_loop, write_wav
from .tracks import AudioTrack
from .voice import (
    EspeakSpeech,
    PiperSpeech,
    SpeechClip,
    SpeechEngine,
    offline_speech,
    synthesize_speech,
)

__all__ = [
    "AudioTrack",
    "ElevenLabsVoiceProvider",
    "EspeakSpeech",
    "MixResult",
    "MusicBed",
    "MusicSpec",
    "PiperSpeech",
    "PiperVoiceProvider",
    "ProviderSpeech",
    "SpeechClip",
    "SpeechEngine",
    "make_music_bed",
    "mix_audio",
    "offline_speech",
    "synthesize_loop",
    "synthesize_speech",
    "write_wav",
]


def __getattr__(name: str) -> object:
    """Provider bridges load lazily: they import ``agency.providers`` (slow to import)."""
    if name in {"PiperVoiceProvider", "ProviderSpeech"}:
        from . import voice_providers

        return getattr(voice_providers, name)
    if name == "ElevenLabsVoiceProvider":
        from .elevenlabs_voice import ElevenLabsVoiceProvider

        return ElevenLabsVoiceProvider
    raise AttributeError(name)
