"""Small numpy instruments writing into a circular (loopable) stereo buffer."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


def tone(
    freq: float,
    length_s: float,
    sample_rate: int,
    *,
    harmonics: int = 1,
    attack: float = 0.01,
    release: float = 0.1,
    decay: float = 0.0,
    detune: float = 0.0,
) -> np.ndarray:
    """A mono note: additive harmonics (1/k amplitudes), optional detuned pair, AR envelope."""
    n = max(1, int(length_s * sample_rate))
    t = np.arange(n, dtype=np.float64) / sample_rate
    wave_ = np.zeros(n)
    nyquist = sample_rate / 2
    for ratio in (1 - detune, 1 + detune) if detune else (1.0,):
        for k in range(1, harmonics + 1):
            if freq * ratio * k < nyquist:
                wave_ += np.sin(2 * np.pi * freq * ratio * k * t) / k
    env = np.ones(n)
    a = min(n, max(1, int(attack * sample_rate)))
    r = min(n - a, max(1, int(release * sample_rate)))
    env[:a] = np.linspace(0.0, 1.0, a)
    if r > 0:
        env[n - r :] *= np.linspace(1.0, 0.0, r)
    if decay:
        env *= np.exp(-decay * t)
    return (wave_ * env / (2 if detune else 1)).astype(np.float32)


def drum_hit(kind: str, sample_rate: int, rng: np.random.Generator) -> np.ndarray:
    """A synthetic kick, snare or closed hi-hat."""
    if kind == "kick":
        n = int(0.35 * sample_rate)
        t = np.arange(n) / sample_rate
        freq = 45 + 75 * np.exp(-t * 28)
        phase = 2 * np.pi * np.cumsum(freq) / sample_rate
        out = np.sin(phase) * np.exp(-t * 9)
    elif kind == "snare":
        n = int(0.2 * sample_rate)
        t = np.arange(n) / sample_rate
        out = (rng.standard_normal(n) * 0.6 + np.sin(2 * np.pi * 185 * t)) * np.exp(-t * 22)
    else:
        n = int(0.06 * sample_rate)
        noise = np.diff(rng.standard_normal(n + 1))
        out = noise * np.exp(-np.arange(n) / sample_rate * 70) * 0.5
    ramp = min(48, n)
    out[:ramp] *= np.linspace(0, 1, ramp)  # no click at the onset
    out[-ramp:] *= np.linspace(1, 0, ramp)
    return out.astype(np.float32)


@dataclass
class Voice:
    """A circular stereo buffer of ``n`` samples; added sounds wrap past the end."""

    n: int
    sample_rate: int
    rng: np.random.Generator
    buffer: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        self.buffer = np.zeros((self.n, 2), dtype=np.float64)

    def add(self, start_s: float, sound: np.ndarray, *, gain: float, pan: float = 0.0) -> None:
        """Mix ``sound`` in at ``start_s`` (wrapping modulo the loop) with constant-power pan."""
        start = round(start_s * self.sample_rate) % self.n
        angle = (pan + 1) * np.pi / 4
        left, right = np.cos(angle) * gain, np.sin(angle) * gain
        stereo = np.outer(sound, (left, right))
        done = 0
        while done < len(stereo):
            take = min(self.n - start, len(stereo) - done)
            self.buffer[start : start + take] += stereo[done : done + take]
            done += take
            start = (start + take) % self.n

    def master(self, *, gain_db: float) -> np.ndarray:
        """Gentle saturation, then scale the peak to ``gain_db`` dBFS."""
        shaped = np.tanh(self.buffer * 1.2)
        peak = float(np.max(np.abs(shaped))) or 1.0
        return (shaped / peak * 10 ** (gain_db / 20)).astype(np.float32)
