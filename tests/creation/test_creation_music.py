"""Music beds: whole-bar loops that wrap without a click, per mood and tempo."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from agency.creation.audio import MusicSpec, make_music_bed, synthesize_loop
from agency.creation.audio.music import SAMPLE_RATE
from agency.creation.media_tools import probe_media


def seam_ratio(loop: np.ndarray) -> float:
    """How much rougher the wrap (last sample → first) is than the roughest step inside.

    Uses the second difference (curvature), which a click makes large; a loop that
    wraps cleanly scores at most about 1.
    """
    mono = loop.mean(axis=1).astype(np.float64)
    inner = np.abs(np.diff(mono, 2)).max()
    wrapped = np.concatenate([mono[-2:], mono[:2]])
    seam = np.abs(np.diff(wrapped, 2)).max()
    return float(seam / inner)


@pytest.mark.parametrize("mood", ["upbeat", "calm", "dramatic", "corporate", "playful"])
def test_loops_are_whole_bars_and_wrap_cleanly(mood: str) -> None:
    spec = MusicSpec(mood=mood, bars=2)
    loop, bpm = synthesize_loop(spec)
    assert loop.shape[1] == 2 and loop.dtype == np.float32
    assert abs(len(loop) - 2 * 4 * 60 / bpm * SAMPLE_RATE) <= 1
    assert seam_ratio(loop) <= 1.0
    assert 0.1 < float(np.abs(loop).max()) <= 10 ** (spec.gain_db / 20) + 1e-6


def test_the_seam_check_catches_a_click() -> None:
    t = np.arange(SAMPLE_RATE) / SAMPLE_RATE
    naive = np.sin(2 * np.pi * 441.3 * t)  # not a whole number of cycles: clicks on wrap
    assert seam_ratio(np.stack([naive, naive], axis=1)) > 3


def test_tempo_and_mood_change_the_music() -> None:
    slow, _ = synthesize_loop(MusicSpec(mood="upbeat", bpm=90, bars=1))
    fast, _ = synthesize_loop(MusicSpec(mood="upbeat", bpm=150, bars=1))
    assert len(slow) / len(fast) == pytest.approx(150 / 90, rel=1e-4)
    calm, _ = synthesize_loop(MusicSpec(mood="calm", bpm=120, bars=1))
    upbeat, _ = synthesize_loop(MusicSpec(mood="upbeat", bpm=120, bars=1))
    assert not np.allclose(calm, upbeat, atol=0.01)
    again, _ = synthesize_loop(MusicSpec(mood="calm", bpm=120, bars=1))
    assert np.array_equal(calm, again)  # deterministic for a seed


def test_bed_files_are_48k_stereo_and_fade_out(tmp_path: Path) -> None:
    loop_bed = make_music_bed(MusicSpec(bars=1), tmp_path / "loop.wav")
    long_bed = make_music_bed(MusicSpec(bars=1), tmp_path / "bed.wav", duration_s=5.0)
    with wave.open(str(loop_bed.path)) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (48000, 2, 2)
        assert wav.getnframes() == loop_bed.loop_samples
    info = probe_media(long_bed.path)
    assert info.sample_rate == 48000 and info.duration_s == pytest.approx(5.0, abs=0.01)
    with wave.open(str(long_bed.path)) as wav:
        pcm = np.frombuffer(wav.readframes(wav.getnframes()), "<i2").reshape(-1, 2)
    assert np.abs(pcm[-480:]).max() < 200  # faded to near silence
    assert np.abs(pcm[: 2 * SAMPLE_RATE]).max() > 3000
