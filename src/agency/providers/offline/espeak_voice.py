"""Offline speech with espeak-ng (robotic, but real and everywhere).

Runs the ``espeak-ng`` binary with ``--stdout`` and returns its WAV. When the
binary is missing the error names the fix (``apt-get install espeak-ng``).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import wave
from functools import lru_cache

from agency.core import ProviderError
from agency.providers.base import VoiceRequest, VoiceResult, prompt_hash

BASE_WPM = 165


def find_espeak() -> str | None:
    """Path of espeak-ng (or espeak), or None."""
    return shutil.which("espeak-ng") or shutil.which("espeak")


@lru_cache(maxsize=4)
def known_voices(exe: str) -> frozenset[str]:
    """Language codes, voice names and voice files espeak-ng knows (lower-case)."""
    done = subprocess.run([exe, "--voices"], capture_output=True, timeout=30, check=False)
    names: set[str] = set()
    for line in done.stdout.decode("utf-8", "replace").splitlines()[1:]:
        cols = line.split()
        if len(cols) >= 5:
            names.update({cols[1].lower(), cols[3].lower(), cols[4].rsplit("/", 1)[-1].lower()})
    return frozenset(names)


def wav_info(data: bytes) -> tuple[int, float]:
    """Sample rate and duration in seconds of a WAV; ProviderError if it is not one."""
    try:
        with wave.open(io.BytesIO(data)) as wav:
            rate = wav.getframerate()
            return rate, wav.getnframes() / float(rate)
    except (wave.Error, EOFError) as exc:
        raise ProviderError(f"espeak-ng returned no valid WAV ({exc}).", provider="espeak") from exc


def _fix_header(data: bytes) -> bytes:
    """espeak-ng writes 0x7fffffff sizes when streaming; rewrite RIFF/data sizes."""
    if len(data) < 44 or data[:4] != b"RIFF":
        return data
    fixed = bytearray(data)
    fixed[4:8] = (len(data) - 8).to_bytes(4, "little")
    pos = data.find(b"data", 12)
    if pos != -1:
        fixed[pos + 4 : pos + 8] = (len(data) - pos - 8).to_bytes(4, "little")
    return bytes(fixed)


class EspeakVoiceProvider:
    """VoiceProvider on espeak-ng; ``voice`` is an espeak voice (e.g. ``en-us+f3``)."""

    name = "espeak"
    model = "espeak-ng"

    def __init__(self, *, binary: str | None = None, timeout_s: float = 60.0) -> None:
        self._binary = binary
        self._timeout_s = timeout_s

    def _exe(self) -> str:
        exe = self._binary or find_espeak()
        if not exe:
            raise ProviderError(
                "espeak-ng is not installed, so offline speech is unavailable. "
                "Fix: apt-get install -y espeak-ng, or set ELEVENLABS_API_KEY.",
                provider=self.name,
            )
        return exe

    def speak(self, request: VoiceRequest) -> VoiceResult:
        """WAV speech of ``request.text`` in ``request.language`` (or ``request.voice``)."""
        voice = request.voice or request.language
        exe = self._exe()
        if voice.split("+")[0].lower() not in known_voices(exe):
            raise ProviderError(
                f"espeak-ng has no voice {voice!r}. "
                "Fix: use a language code or a voice listed by `espeak-ng --voices`.",
                provider=self.name,
            )
        wpm = str(max(80, min(450, round(BASE_WPM * request.speed))))
        cmd = [exe, "--stdout", "-v", voice, "-s", wpm, "--", request.text]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=self._timeout_s, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ProviderError(
                f"espeak-ng took over {self._timeout_s:.0f} s; shorten the text.",
                provider=self.name,
                retryable=True,
            ) from exc
        if done.returncode != 0 or not done.stdout:
            err = done.stderr.decode("utf-8", "replace").strip()
            raise ProviderError(
                f"espeak-ng failed for voice {voice!r}: {err or 'no audio'}. "
                "Fix: use a voice listed by `espeak-ng --voices`.",
                provider=self.name,
                body=err,
            )
        wav = _fix_header(done.stdout)
        rate, duration = wav_info(wav)
        return VoiceResult(
            wav=wav,
            sample_rate=rate,
            duration_s=duration,
            provider=self.name,
            model=f"{self.model}:{voice}",
            prompt_hash=prompt_hash(request.text),
            seed=request.seed,
        )
