"""Voice-over engines and the ducking, loudness-normalising mixer, measured on the output."""

from __future__ import annotations

import shutil
import wave
from pathlib import Path

import av
import numpy as np
import pytest

from agency.core.errors import InputError
from agency.creation.audio import AudioTrack, mix_audio, offline_speech, synthesize_speech
from agency.creation.media_tools import measure_loudness


def _rms(path: Path) -> float:
    with wave.open(str(path)) as wav:
        pcm = np.frombuffer(wav.readframes(wav.getnframes()), "<i2").astype(np.float64)
    return float(np.sqrt(np.mean(pcm**2)) / 32768)


def test_piper_speaks_english_offline(tmp_path: Path) -> None:
    clip = synthesize_speech("Meet the new cold brew, smooth and bold.", tmp_path / "en.wav")
    assert clip.engine == "piper" and clip.voice == "en_US-joe-medium"
    assert clip.sample_rate == 22050
    assert 1.0 < clip.duration_s < 5.0
    assert _rms(clip.path) > 0.02


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="apt package espeak-ng")
def test_espeak_speaks_other_languages(tmp_path: Path) -> None:
    clip = synthesize_speech("Bonjour et bienvenue.", tmp_path / "fr.wav", language="fr")
    assert clip.engine == "espeak-ng" and clip.duration_s > 0.5
    assert _rms(clip.path) > 0.01
    assert offline_speech("de").name == "espeak-ng"


def test_bad_voice_requests_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        synthesize_speech("   ", tmp_path / "x.wav")
    assert err.value.field == "text"
    with pytest.raises(InputError) as err:
        synthesize_speech("hello", tmp_path / "x.wav", language="tlh")
    assert err.value.field == "language"
    assert not (tmp_path / "x.wav").exists()


@pytest.mark.parametrize("target", [-14.0, -18.0])
def test_mix_hits_the_loudness_target(
    tmp_path: Path, media: dict[str, Path], target: float
) -> None:
    tracks = [
        AudioTrack(source=media["voice"], role="voice"),
        AudioTrack(source=media["music"], role="music", loop=True, gain_db=-6),
    ]
    result = mix_audio(tracks, tmp_path / "mix.m4a", duration_s=6.0, target_lufs=target)
    loud = measure_loudness(result.path)  # measured again, independently of the result
    assert abs(loud.integrated_lufs - target) <= 1.0
    assert loud.true_peak_dbtp <= -1.0
    assert result.loudness == loud


def _band_level(samples: np.ndarray, rate: int, freq: float, start: float, end: float) -> float:
    seg = samples[int(start * rate) : int(end * rate)]
    t = np.arange(len(seg)) / rate
    return float(np.abs(np.mean(seg * np.exp(-2j * np.pi * freq * t))) * 2)


@pytest.mark.parametrize("duck", [True, False])
def test_music_ducks_under_voice(tmp_path: Path, media: dict[str, Path], duck: bool) -> None:
    # music: a steady 200 Hz tone; voice: a 2 kHz tone from 1 s to 2 s.
    tracks = [
        AudioTrack(source=media["voice"], role="voice"),
        AudioTrack(source=media["music"], role="music", loop=True, duck_under_voice=duck),
    ]
    out = mix_audio(tracks, tmp_path / "duck.wav", duration_s=3.0).path
    with av.open(str(out)) as container:
        frames = [f.to_ndarray() for f in container.decode(audio=0)]
    interleaved = np.concatenate(frames, axis=1)[0]  # packed s16: L R L R ...
    left = interleaved.reshape(-1, 2)[:, 0].astype(np.float64) / 32768
    before = _band_level(left, 48000, 200, 0.3, 0.9)
    during = _band_level(left, 48000, 200, 1.4, 1.9)
    assert _band_level(left, 48000, 2000, 1.4, 1.9) > 0.05  # the voice is there
    change_db = 20 * np.log10(during / before)
    if duck:
        assert -20 < change_db < -8  # music clearly lower under the voice, not muted
    else:
        assert abs(change_db) < 0.5


def test_mix_refuses_missing_tracks(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        mix_audio([AudioTrack(source=tmp_path / "nope.wav")], tmp_path / "m.wav", duration_s=2)
    assert err.value.field == "tracks[0].source"
    assert list(tmp_path.iterdir()) == []


def test_many_tracks_mix_with_offsets_and_fades(tmp_path: Path, media: dict[str, Path]) -> None:
    tracks = [
        AudioTrack(source=media["voice"], role="voice"),
        AudioTrack(source=media["voice"], role="voice", start_s=2.5, gain_db=-3),
        AudioTrack(source=media["music"], role="music", loop=True, fade_in_s=0.5, fade_out_s=1),
        AudioTrack(source=media["music"], role="sfx", start_s=4.0, duck_under_voice=False),
    ]
    result = mix_audio(tracks, tmp_path / "many.wav", duration_s=6.0)
    assert abs(result.loudness.integrated_lufs + 14) <= 1.0
    with wave.open(str(result.path)) as wav:
        assert (wav.getframerate(), wav.getnchannels()) == (48000, 2)
        assert wav.getnframes() == 6 * 48000
        pcm = np.frombuffer(wav.readframes(wav.getnframes()), "<i2").reshape(-1, 2)
    assert np.abs(pcm[:480]).max() < np.abs(pcm[48000:96000]).max() / 10  # faded in
