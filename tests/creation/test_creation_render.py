"""Rendered videos, checked by probing the files: streams, boxes, loudness, pixels."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest
from creation_media_helpers import png_header_only

from agency.core.errors import InputError, ProviderError
from agency.creation.media_tools import (
    is_faststart,
    measure_loudness,
    mp4_top_level_boxes,
    probe_media,
)
from agency.creation.video import (
    AudioTrack,
    CaptionCue,
    Captions,
    ColorClip,
    ImageClip,
    TextOverlay,
    TextStyle,
    Timeline,
    Transition,
    VideoClip,
    load_timeline,
    parse_captions,
    render_timeline,
)


def _frames(path: Path, times: list[float]) -> list[np.ndarray]:
    """RGB frames nearest to ``times`` (seconds)."""
    wanted, found = sorted(times), {}
    with av.open(str(path)) as container:
        for frame in container.decode(video=0):
            for t in wanted:
                if t not in found and frame.time is not None and frame.time >= t - 1e-3:
                    found[t] = frame.to_ndarray(format="rgb24").astype(np.int16)
    return [found[t] for t in times]


@pytest.fixture(scope="module")
def full_render(tmp_path_factory: pytest.TempPathFactory, media: dict[str, Path]):
    out = tmp_path_factory.mktemp("render") / "ad.mp4"
    tl = Timeline(
        width=270, height=480, fps=30,
        clips=[
            ImageClip(source=media["img0"], duration_s=2.0, motion="zoom_in", motion_amount=0.3),
            VideoClip(source=media["video"], duration_s=1.5, start_s=0.2,
                      transition=Transition(kind="wipeleft", duration_s=0.5)),
            ColorClip(color="#101010", duration_s=1.5),
            ImageClip(source=media["img1"], duration_s=2.0, motion="none", fit="contain",
                      transition=Transition(kind="fade", duration_s=0.5)),
        ],
        overlays=[TextOverlay(text="Cold brew, reimagined", start_s=0.2, end_s=1.8,
                              position="top")],
        captions=Captions(cues=[CaptionCue(start_s=3.2, end_s=4.4, text="Smooth. Bold. Ready.")]),
        audio=[
            AudioTrack(source=media["voice"], role="voice", start_s=0.5),
            AudioTrack(source=media["music"], role="music", loop=True, fade_out_s=1.0),
        ],
    )  # fmt: skip
    return tl, render_timeline(tl, out)


def test_render_matches_the_delivery_spec(full_render) -> None:
    tl, result = full_render
    info = probe_media(result.path)  # probe the file, not the result object
    assert (info.width, info.height) == (270, 480)
    assert info.video_codec == "h264" and info.video_profile == "High"
    assert info.pix_fmt == "yuv420p"
    assert info.fps == pytest.approx(30)
    expected = 2.0 + 1.5 + 1.5 + 2.0 - 0.5 - 0.5
    assert tl.duration_s == pytest.approx(expected)
    assert info.duration_s == pytest.approx(expected, abs=0.05)
    assert (info.audio_codec, info.sample_rate, info.channels) == ("aac", 48000, 2)
    boxes = mp4_top_level_boxes(result.path)
    assert boxes.index("moov") < boxes.index("mdat") and is_faststart(result.path)
    loud = measure_loudness(result.path)
    assert abs(loud.integrated_lufs - -14.0) <= 1.0 and loud.true_peak_dbtp <= -1.0
    assert result.info == info and result.faststart


def test_captions_sidecars_and_burn_in(full_render) -> None:
    tl, result = full_render
    for sidecar in (result.srt_path, result.vtt_path):
        assert sidecar is not None and parse_captions(sidecar.read_text()) == tl.captions.cues
    # On the dark colour card the caption box draws light text in the lower third.
    with_caption, without = _frames(result.path, [3.5, 3.0])
    lower = slice(int(480 * 0.55), int(480 * 0.8))
    assert with_caption[lower].max() > 200
    assert without[lower].max() < 60


def test_stills_move_and_overlays_show(full_render) -> None:
    _, result = full_render
    start, later, still_a, still_b = _frames(result.path, [0.0, 1.3, 5.2, 5.8])
    top = slice(int(480 * 0.05), int(480 * 0.3))
    assert np.abs(start - later)[int(480 * 0.4) :].mean() > 5  # Ken Burns zoom moved the grid
    assert np.abs(still_a - still_b).mean() < 1.5  # motion="none" stays put
    assert np.abs(later[top] - start[top]).max() > 100  # title faded in over the picture


@pytest.mark.slow
@pytest.mark.parametrize("platform", ["reel", "square", "landscape"])
def test_platform_presets_render_at_full_size(
    tmp_path: Path, media: dict[str, Path], platform: str
) -> None:
    tl = Timeline.for_platform(
        platform,
        clips=[ImageClip(source=media["img2"], duration_s=1.0, motion="zoom_out")],
        audio=[AudioTrack(source=media["music"], loop=True)],
    )
    result = render_timeline(tl, tmp_path / f"{platform}.mp4", preset="ultrafast")
    info = probe_media(result.path)
    assert (info.width, info.height) == (tl.width, tl.height)
    assert info.video_profile == "High" and info.pix_fmt == "yuv420p"
    assert info.duration_s == pytest.approx(1.0, abs=0.05)
    assert abs(measure_loudness(result.path).integrated_lufs + 14) <= 1.0


def test_silent_timeline_still_gets_a_48k_aac_track(tmp_path: Path) -> None:
    tl = Timeline(width=128, height=128, clips=[ColorClip(color="#FF0000", duration_s=1.0)])
    result = render_timeline(tl, tmp_path / "silent.mp4")
    info = probe_media(result.path)
    assert (info.audio_codec, info.sample_rate) == ("aac", 48000)
    assert result.srt_path is None and not (tmp_path / "silent.srt").exists()
    (frame,) = _frames(result.path, [0.5])
    assert frame[..., 0].mean() > 200 and frame[..., 1].mean() < 40


def _assert_clean(folder: Path) -> None:
    assert [p.name for p in folder.iterdir()] == []


@pytest.mark.parametrize(
    ("broken", "field"),
    [("missing", "clips[0].source"), ("corrupt", "clips[0].source"), ("bomb", "clips[0].source")],
)
def test_bad_sources_fail_before_ffmpeg_and_leave_nothing(
    tmp_path: Path, broken: str, field: str
) -> None:
    src = tmp_path / "src" / "in.png"
    src.parent.mkdir()
    if broken == "corrupt":
        src.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    elif broken == "bomb":
        png_header_only(src, 40000, 40000)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    tl = Timeline(width=128, height=128, clips=[ImageClip(source=src, duration_s=1.0)])
    with pytest.raises(InputError) as err:
        render_timeline(tl, out_dir / "x.mp4")
    assert err.value.field == field
    _assert_clean(out_dir)


def test_text_no_font_can_draw_is_refused(tmp_path: Path) -> None:
    tl = Timeline(
        width=128, height=128, clips=[ColorClip(duration_s=1.0)],
        overlays=[TextOverlay(text="𓀀𓀁𓀂", start_s=0, end_s=1)],
    )  # fmt: skip
    with pytest.raises(InputError) as err:
        render_timeline(tl, tmp_path / "x.mp4")
    assert err.value.field == "overlays[0].text"
    _assert_clean(tmp_path)


def test_render_timeout_kills_ffmpeg_and_leaves_nothing(
    tmp_path: Path, media: dict[str, Path]
) -> None:
    tl = load_timeline(
        {"width": 1920, "height": 1080, "clips": [
            {"kind": "image", "source": str(media["img0"]), "duration_s": 60, "motion": "pan_left"}
        ]}
    )  # fmt: skip
    with pytest.raises(ProviderError, match="timeout") as err:
        render_timeline(tl, tmp_path / "slow.mp4", timeout_s=1.0)
    assert err.value.retryable
    _assert_clean(tmp_path)


def test_truncated_video_is_refused(tmp_path: Path, media: dict[str, Path]) -> None:
    data = media["video"].read_bytes()
    boxes = mp4_top_level_boxes(media["video"])
    assert boxes.index("mdat") < boxes.index("moov")  # index at the end: cutting loses it
    cut = tmp_path / "src" / "cut.mp4"
    cut.parent.mkdir()
    cut.write_bytes(data[: len(data) // 2])
    out = tmp_path / "out"
    out.mkdir()
    tl = Timeline(width=128, height=128, clips=[VideoClip(source=cut, duration_s=1.0)])
    with pytest.raises(InputError) as err:
        render_timeline(tl, out / "x.mp4")
    assert err.value.field == "clips[0].source"
    _assert_clean(out)


@pytest.mark.parametrize("keep_sound", [True, False])
def test_video_clip_sound_is_kept_only_when_asked(
    tmp_path: Path, media: dict[str, Path], keep_sound: bool
) -> None:
    clip = VideoClip(
        source=media["video_sound"], duration_s=1.5, start_s=1.0,
        audio_gain_db=0.0 if keep_sound else None,
    )  # fmt: skip
    tl = Timeline(width=160, height=160, clips=[ColorClip(duration_s=1.0), clip])
    result = render_timeline(tl, tmp_path / "v.mp4")
    with av.open(str(result.path)) as container:
        samples = np.concatenate(
            [f.to_ndarray()[0] for f in container.decode(audio=0)]  # planar fltp: channel 0
        )
    first, second = samples[: 48000 - 2400], samples[48000 + 2400 : 2 * 48000]
    assert np.abs(first).max() < 1e-3  # the colour card is silent either way
    if keep_sound:
        spectrum = np.abs(np.fft.rfft(second))
        assert np.argmax(spectrum) * 48000 / len(second) == pytest.approx(440, abs=5)
        assert abs(measure_loudness(result.path).integrated_lufs + 14) <= 1.0
    else:
        assert np.abs(second).max() < 1e-3 and result.loudness is None


def test_transitions_blend_only_the_overlap(tmp_path: Path) -> None:
    fade = Transition(kind="fade", duration_s=0.5)
    tl = Timeline(
        width=64, height=64, fps=20,
        clips=[ColorClip(color="#FF0000", duration_s=1.0),
               ColorClip(color="#0000FF", duration_s=1.0, transition=fade),
               ColorClip(color="#00FF00", duration_s=1.0)],
    )  # fmt: skip
    result = render_timeline(tl, tmp_path / "t.mp4")
    assert result.info.duration_s == pytest.approx(2.5, abs=0.06)
    red, mid, blue, green = (
        f.reshape(-1, 3).mean(axis=0) for f in _frames(result.path, [0.3, 0.75, 1.2, 2.0])
    )
    assert red[0] > 200 and red[2] < 40
    assert 80 < mid[0] < 180 and 80 < mid[2] < 180  # halfway through the fade
    assert blue[2] > 200 and blue[0] < 40
    assert green[1] > 200 and green[2] < 40  # a hard cut into the last clip


def test_a_clip_too_short_for_both_transitions_is_refused() -> None:
    fade = {"kind": "fade", "duration_s": 0.6}
    with pytest.raises(InputError, match="too short") as err:
        load_timeline({"clips": [
            {"kind": "color", "duration_s": 2},
            {"kind": "color", "duration_s": 1, "transition": fade},
            {"kind": "color", "duration_s": 2, "transition": fade},
        ]})  # fmt: skip
    assert err.value.field == "clips[1].duration_s"


@pytest.mark.parametrize("animation", ["slide_up", "fade"])
def test_titles_slide_up_into_place(tmp_path: Path, animation: str) -> None:
    title = TextOverlay(
        text="SALE", start_s=0.2, end_s=2.0, fade_s=0.6, animation=animation,
        style=TextStyle(size=0.2, box=False, color="#FFFFFF"),
    )  # fmt: skip
    tl = Timeline(
        width=200, height=200, fps=25, clips=[ColorClip(duration_s=2.0)], overlays=[title]
    )
    early, settled = _frames(render_timeline(tl, tmp_path / "t.mp4").path, [0.4, 1.2])

    def top_row(frame: np.ndarray) -> int:
        return int(np.argmax(frame.max(axis=(1, 2)) > 40))

    drop = top_row(early) - top_row(settled)
    if animation == "slide_up":
        assert 3 <= drop <= 12  # still rising: lower on screen than where it settles
    else:
        assert abs(drop) <= 1
