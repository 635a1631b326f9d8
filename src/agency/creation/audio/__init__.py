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
    "EspeakSpeech",
    "MixResult",
    "MusicBed",
    "MusicSpec",
    "PiperSpeech",
    "SpeechClip",
    "SpeechEngine",
    "make_music_bed",
    "mix_audio",
    "offline_speech",
    "synthesize_loop",
    "synthesize_speech",
    "write_wav",
]
