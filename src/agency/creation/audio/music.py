"""Royalty-free music beds, synthesised with numpy.

A bed is a loop of whole bars in a mood's key and chord progression (pads, bass,
plucks, drums). Notes are written into a circular buffer, so every release tail
that runs past the loop end wraps to its start: the loop is periodic by
construction and repeats without a click. Everything here is generated, so there
is nothing to license.
"""

from __future__ import annotations

import wave
from pathlib import Path
from typing import Annotated, Literal

import numpy as np
from pydantic import Field

from agency.core.artifacts import Artifact

from .synth import Voice, drum_hit, tone

SAMPLE_RATE = 48_000
BEATS_PER_BAR = 4
Mood = Literal["upbeat", "calm", "dramatic", "corporate", "playful"]

# Chords as (semitones above the key root, minor?) per bar.
_MAJOR = {"I": (0, False), "ii": (2, True), "iii": (4, True), "IV": (5, False), "V": (7, False),
          "vi": (9, True)}  # fmt: skip
_MINOR = {"i": (0, True), "III": (3, False), "iv": (5, True), "v": (7, True), "VI": (8, False),
          "VII": (10, False)}  # fmt: skip
_MOODS: dict[str, dict[str, object]] = {
    "upbeat": {"chords": ["I", "V", "vi", "IV"], "root": 45, "bpm": 118, "drums": "full",
               "pluck": 2},
    "calm": {"chords": ["I", "vi", "IV", "V"], "root": 43, "bpm": 80, "drums": "none", "pluck": 1},
    "dramatic": {"chords": ["i", "VI", "III", "VII"], "root": 38, "bpm": 90, "drums": "sparse",
                 "pluck": 0},
    "corporate": {"chords": ["I", "IV", "vi", "V"], "root": 48, "bpm": 110, "drums": "light",
                  "pluck": 2},
    "playful": {"chords": ["I", "IV", "V", "IV"], "root": 50, "bpm": 126, "drums": "light",
                "pluck": 4},
}  # fmt: skip


class MusicSpec(Artifact):
    """What bed to make: mood, tempo (default per mood), loop length in bars, seed."""

    mood: Mood = "upbeat"
    bpm: Annotated[float, Field(ge=50, le=200)] | None = None
    bars: Annotated[int, Field(ge=1, le=64)] = 8
    seed: int = 7
    gain_db: Annotated[float, Field(ge=-40, le=0)] = -6.0


class MusicBed(Artifact):
    """A written bed and where its loop lies (in samples at ``sample_rate``)."""

    path: Path
    mood: Mood
    bpm: float
    bars: int
    sample_rate: int
    loop_samples: int
    duration_s: float

    @property
    def loop_s(self) -> float:
        return self.loop_samples / self.sample_rate


def _midi_hz(note: float) -> float:
    return float(440.0 * 2 ** ((note - 69) / 12))


def synthesize_loop(spec: MusicSpec) -> tuple[np.ndarray, float]:
    """Render one seamless loop as float32 stereo ``(n, 2)``; also return the tempo used."""
    mood = _MOODS[spec.mood]
    bpm = float(spec.bpm or mood["bpm"])  # type: ignore[arg-type]
    beat = 60.0 / bpm
    n = round(spec.bars * BEATS_PER_BAR * beat * SAMPLE_RATE)
    voice = Voice(n=n, sample_rate=SAMPLE_RATE, rng=np.random.default_rng(spec.seed))
    table = _MINOR if mood["chords"][0] == "i" else _MAJOR  # type: ignore[index]
    root = int(mood["root"])  # type: ignore[call-overload]
    bar_s = BEATS_PER_BAR * beat
    chords: list[str] = mood["chords"]  # type: ignore[assignment]
    for bar in range(spec.bars):
        offset, minor = table[chords[bar % len(chords)]]
        triad = [root + offset + 12, root + offset + 12 + (3 if minor else 4), root + offset + 19]
        t0 = bar * bar_s
        for k, note in enumerate(triad):  # pad: slow attack, long release that wraps
            voice.add(
                t0, tone(_midi_hz(note), bar_s + 0.6, SAMPLE_RATE, harmonics=5, attack=0.35,
                         release=0.6, detune=0.004), gain=0.07, pan=(k - 1) * 0.35
            )  # fmt: skip
        for b in range(BEATS_PER_BAR * 2):  # bass: eighth notes on the root
            if b % 2 and spec.mood in {"calm", "dramatic"}:
                continue
            length = beat * (0.9 if spec.mood in {"calm", "dramatic"} else 0.45)
            voice.add(
                t0 + b * beat / 2,
                tone(_midi_hz(root + offset), length, SAMPLE_RATE, harmonics=2, attack=0.01,
                     release=0.08),
                gain=0.22,
            )  # fmt: skip
        per_beat = int(mood["pluck"])  # type: ignore[call-overload]
        for b in range(BEATS_PER_BAR * per_beat):  # plucked arpeggio
            note = triad[b % 3] + 12 * (1 + (b // 3) % 2)
            voice.add(
                t0 + b * beat / per_beat,
                tone(_midi_hz(note), 0.5, SAMPLE_RATE, harmonics=3, attack=0.004, release=0.3,
                     decay=9.0),
                gain=0.06, pan=0.3 if b % 2 else -0.3,
            )  # fmt: skip
        _drums(voice, mood["drums"], t0, beat)  # type: ignore[arg-type]
    return voice.master(gain_db=spec.gain_db), bpm


def _drums(voice: Voice, style: str, t0: float, beat: float) -> None:
    if style == "none":
        return
    rng = voice.rng
    for b in range(BEATS_PER_BAR):
        t = t0 + b * beat
        if b % 2 == 0 or style == "full":
            voice.add(t, drum_hit("kick", SAMPLE_RATE, rng), gain=0.55)
        if style != "sparse" and b % 2 == 1:
            voice.add(
                t, drum_hit("snare", SAMPLE_RATE, rng), gain=0.25 if style == "full" else 0.15
            )
        if style in {"full", "light"}:
            for half in (0.0, 0.5):
                voice.add(t + half * beat, drum_hit("hat", SAMPLE_RATE, rng), gain=0.06, pan=0.4)


def write_wav(path: Path, audio: np.ndarray, sample_rate: int = SAMPLE_RATE) -> Path:
    """Write float audio ``(n, channels)`` in [-1, 1] as 16-bit PCM WAV, atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pcm = (np.clip(audio, -1.0, 1.0) * 32767.0).round().astype("<i2")
    tmp = path.with_name(f".{path.name}.part")
    try:
        with wave.open(str(tmp), "wb") as out:
            out.setnchannels(pcm.shape[1] if pcm.ndim == 2 else 1)
            out.setsampwidth(2)
            out.setframerate(sample_rate)
            out.writeframes(pcm.tobytes())
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def make_music_bed(spec: MusicSpec, out: Path, *, duration_s: float | None = None) -> MusicBed:
    """Write a bed to ``out`` (WAV, 48 kHz stereo).

    Without ``duration_s`` the file is exactly one loop (for ``AudioTrack(loop=True)``);
    with it, whole loops are tiled and the last two seconds fade out.
    """
    loop, bpm = synthesize_loop(spec)
    audio = loop
    if duration_s is not None:
        total = max(1, round(duration_s * SAMPLE_RATE))
        audio = np.resize(loop, (total, 2)) if total > len(loop) else loop[:total].copy()
        fade = min(total, 2 * SAMPLE_RATE)
        audio[total - fade :] *= np.linspace(1.0, 0.0, fade, dtype=np.float32)[:, None]
    write_wav(out, audio)
    return MusicBed(
        path=Path(out),
        mood=spec.mood,
        bpm=bpm,
        bars=spec.bars,
        sample_rate=SAMPLE_RATE,
        loop_samples=len(loop),
        duration_s=len(audio) / SAMPLE_RATE,
    )
