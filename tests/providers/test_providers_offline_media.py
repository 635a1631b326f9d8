"""Offline image, video and voice defaults, checked by probing what they produce."""

from __future__ import annotations

import io
import wave

import pytest
from PIL import Image, ImageDraw

from agency.core import InputError, ProviderError
from agency.providers import (
    EspeakVoiceProvider,
    FfmpegVideoProvider,
    ImageRequest,
    ProceduralImageProvider,
    VideoRequest,
    VoiceRequest,
)
from agency.providers.offline.espeak_voice import find_espeak
from agency.providers.offline.ffmpeg_video import find_ffmpeg

PALETTE = ("#ff0000", "#0000ff")


def _png(result_png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(result_png))
    assert image.format == "PNG"
    return image.convert("RGB")


@pytest.mark.parametrize(("w", "h"), [(1080, 1920), (300, 250), (17, 33)])
def test_image_has_exact_size(w: int, h: int) -> None:
    result = ProceduralImageProvider().generate(
        ImageRequest(prompt="launch background", width=w, height=h, palette=PALETTE, seed=1)
    )
    assert _png(result.png).size == (w, h) and (result.width, result.height) == (w, h)
    assert result.provider == "procedural" and result.seed == 1 and len(result.prompt_hash) == 64


def test_gradient_runs_between_palette_colours() -> None:
    result = ProceduralImageProvider().generate(
        ImageRequest(prompt="x", width=200, height=200, palette=PALETTE, style="gradient", seed=4)
    )
    image = _png(result.png)
    corners = [image.getpixel(p) for p in [(0, 0), (199, 199)]]
    targets = [(255, 0, 0), (0, 0, 255)]
    for pixel in corners:
        assert any(sum(abs(a - b) for a, b in zip(pixel, t, strict=True)) <= 12 for t in targets)
    assert corners[0] != corners[1]
    # nothing green: only palette colours are mixed
    assert max(image.getpixel((x, y))[1] for x in range(0, 200, 20) for y in range(0, 200, 20)) < 8


@pytest.mark.parametrize("style", ["shapes", "noise"])
def test_same_seed_same_image_other_seed_differs(style: str) -> None:
    provider = ProceduralImageProvider()

    def make(seed: int) -> bytes:
        req = ImageRequest(prompt="p", width=96, height=64, palette=PALETTE, style=style, seed=seed)
        return provider.generate(req).png

    assert make(3) == make(3)
    assert make(3) != make(4)


def test_bad_palette_colour_is_an_input_error() -> None:
    with pytest.raises(InputError) as info:
        ProceduralImageProvider().generate(ImageRequest(prompt="p", palette=("#12zz99",)))
    assert info.value.field == "palette"


def _still(w: int = 320, h: int = 180) -> bytes:
    image = Image.new("RGB", (w, h), "black")
    ImageDraw.Draw(image).rectangle((w * 0.4, h * 0.4, w * 0.6, h * 0.6), fill="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _frames(mp4: bytes) -> tuple[object, list[Image.Image]]:
    av = pytest.importorskip("av")
    with av.open(io.BytesIO(mp4)) as container:
        stream = container.streams.video[0]
        frames = [f.to_image() for f in container.decode(stream)]
        return stream, frames


def _white_share(image: Image.Image) -> float:
    gray = image.convert("L")
    return sum(1 for v in gray.get_flattened_data() if v > 128) / (gray.width * gray.height)


@pytest.mark.skipif(find_ffmpeg() is None, reason="needs ffmpeg (pip install imageio-ffmpeg)")
def test_video_zoom_in_is_h264_of_right_length_and_grows_the_subject() -> None:
    result = FfmpegVideoProvider().animate(
        VideoRequest(image=_still(), prompt="slow zoom in", duration_s=1.2, fps=10, width=160)
    )
    stream, frames = _frames(result.mp4)
    assert stream.codec_context.name == "h264"  # type: ignore[attr-defined]
    assert len(frames) == 12 and frames[0].size == (160, 90)
    assert (result.width, result.height, result.duration_s) == (160, 90, 1.2)
    assert _white_share(frames[-1]) > _white_share(frames[0]) * 1.3


@pytest.mark.skipif(find_ffmpeg() is None, reason="needs ffmpeg (pip install imageio-ffmpeg)")
def test_video_zoom_out_shrinks_the_subject() -> None:
    result = FfmpegVideoProvider().animate(
        VideoRequest(image=_still(), prompt="zoom out", duration_s=1.0, fps=8, width=160)
    )
    _, frames = _frames(result.mp4)
    assert _white_share(frames[-1]) < _white_share(frames[0])


def test_video_rejects_non_image() -> None:
    with pytest.raises(InputError) as info:
        FfmpegVideoProvider().animate(VideoRequest(image=b"not an image", duration_s=1))
    assert info.value.field == "image"


def test_video_timeout_is_retryable_error() -> None:
    slow = FfmpegVideoProvider(timeout_s=0.001)
    if find_ffmpeg() is None:
        pytest.skip("needs ffmpeg")
    with pytest.raises(ProviderError) as info:
        slow.animate(VideoRequest(image=_still(), duration_s=2, fps=25))
    assert info.value.retryable is True


needs_espeak = pytest.mark.skipif(
    find_espeak() is None, reason="needs espeak-ng (apt-get install -y espeak-ng)"
)


def _wav(data: bytes) -> tuple[int, float]:
    with wave.open(io.BytesIO(data)) as wav:
        return wav.getframerate(), wav.getnframes() / wav.getframerate()


@needs_espeak
def test_voice_is_a_wav_whose_length_follows_text_and_speed() -> None:
    voice = EspeakVoiceProvider()
    short = voice.speak(VoiceRequest(text="Cold brew, done right."))
    long = voice.speak(VoiceRequest(text="Cold brew, done right. " * 4))
    fast = voice.speak(VoiceRequest(text="Cold brew, done right. " * 4, speed=2.0))
    rate, seconds = _wav(short.wav)
    assert rate == short.sample_rate and abs(seconds - short.duration_s) < 1e-6
    assert 0.5 < short.duration_s < 5
    assert long.duration_s > 3 * short.duration_s
    assert fast.duration_s < long.duration_s * 0.75
    assert short.provider == "espeak"


@needs_espeak
def test_unknown_voice_is_a_clear_error() -> None:
    with pytest.raises(ProviderError, match="espeak-ng --voices"):
        EspeakVoiceProvider().speak(VoiceRequest(text="hi", voice="no-such-voice-xx"))
    for voice in ("en", "en-us", "en-us+f3", "de"):
        assert EspeakVoiceProvider().speak(VoiceRequest(text="hallo", voice=voice)).wav


def test_missing_espeak_names_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(ProviderError, match="apt-get install -y espeak-ng"):
        EspeakVoiceProvider().speak(VoiceRequest(text="hi"))
