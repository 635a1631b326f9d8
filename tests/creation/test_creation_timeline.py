"""Timeline models: JSON loading, validation errors, durations, presets, captions text."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from agency.core.errors import InputError
from agency.creation.fonts import DEFAULT_FONT, font_for_text, missing_characters
from agency.creation.video import (
    CaptionCue,
    ColorClip,
    Timeline,
    Transition,
    cues_from_script,
    load_timeline,
    parse_captions,
    to_srt,
    to_vtt,
)
from agency.creation.video.captions import wrap_lines


def _clips(*durations: float, transition: float | None = None) -> list[dict[str, object]]:
    clips: list[dict[str, object]] = []
    for i, d in enumerate(durations):
        clip: dict[str, object] = {"kind": "color", "duration_s": d}
        if i and transition:
            clip["transition"] = {"kind": "fade", "duration_s": transition}
        clips.append(clip)
    return clips


def test_timeline_round_trips_through_json() -> None:
    tl = Timeline.for_platform("square", clips=_clips(3, 3, 2, transition=0.5))
    again = load_timeline(tl.model_dump_json())
    assert again == tl
    assert (again.width, again.height) == (1080, 1080)
    assert again.duration_s == pytest.approx(3 + 3 + 2 - 0.5 - 0.5)


@pytest.mark.parametrize(
    ("platform", "size"),
    [("reel", (1080, 1920)), ("square", (1080, 1080)), ("landscape", (1920, 1080))],
)
def test_platform_presets(platform: str, size: tuple[int, int]) -> None:
    tl = Timeline.for_platform(platform, clips=_clips(1))
    assert (tl.width, tl.height) == size


def test_unknown_platform_is_an_input_error() -> None:
    with pytest.raises(InputError) as err:
        Timeline.for_platform("vertical-ish", clips=_clips(1))
    assert err.value.field == "platform"


def test_unknown_transition_names_the_field() -> None:
    data = {"clips": _clips(2, 2)}
    data["clips"][1]["transition"] = {"kind": "spin"}  # type: ignore[index]
    with pytest.raises(InputError) as err:
        load_timeline(json.dumps(data))
    assert err.value.field is not None and err.value.field.endswith("transition.kind")
    assert "wipeleft" in err.value.message


def test_overlong_timeline_is_refused() -> None:
    with pytest.raises(InputError, match="limit is 600"):
        load_timeline({"clips": _clips(400, 300)})


def test_transition_must_fit_inside_both_clips() -> None:
    with pytest.raises(InputError, match="shorter than both clips") as err:
        load_timeline({"clips": _clips(1, 3, transition=1.5)})
    assert err.value.field == "clips[1].transition"
    with pytest.raises(InputError, match="first clip") as err:
        load_timeline({"clips": [ColorClip(duration_s=2, transition=Transition()).model_dump()]})
    assert err.value.field == "clips[0].transition"


def test_odd_sizes_and_backwards_cues_are_refused() -> None:
    with pytest.raises(InputError):
        load_timeline({"width": 1081, "clips": _clips(1)})
    with pytest.raises(InputError):
        load_timeline(
            {"clips": _clips(1), "captions": {"cues": [{"start_s": 2, "end_s": 1, "text": "x"}]}}
        )


def test_caption_sidecars_round_trip() -> None:
    cues = [
        CaptionCue(start_s=0.5, end_s=2.25, text="Hello"),
        CaptionCue(start_s=3661.001, end_s=3662, text="Ça va ?"),
    ]
    srt, vtt = to_srt(cues), to_vtt(cues)
    assert "01:01:01,001 --> 01:01:02,000" in srt
    assert vtt.startswith("WEBVTT\n\n") and "00:00:00.500 --> 00:00:02.250" in vtt
    assert parse_captions(srt) == cues
    assert parse_captions(vtt) == cues


def test_cues_from_script_cover_the_duration_in_short_lines() -> None:
    script = (
        "Meet the new cold brew. Smooth and bold, brewed for eighteen hours, ready when you are."
    )
    cues = cues_from_script(script, 6.0, start_s=1.0, max_chars=30)
    assert cues[0].start_s == 1.0 and cues[-1].end_s == pytest.approx(7.0, abs=0.01)
    assert all(len(c.text) <= 30 for c in cues)
    assert " ".join(c.text for c in cues) == script
    assert all(a.end_s == pytest.approx(b.start_s, abs=0.002) for a, b in itertools.pairwise(cues))


def test_wrapped_lines_fit_the_width() -> None:
    from PIL import ImageFont

    text = "A fairly long headline that will certainly not fit on one narrow line"
    lines = wrap_lines(text, font=DEFAULT_FONT, size_px=40, max_width_px=300)
    face = ImageFont.truetype(str(DEFAULT_FONT), 40)
    assert len(lines) > 2 and " ".join(lines) == text
    assert all(face.getlength(line) <= 300 for line in lines)


def test_fonts_cover_text_or_refuse_it() -> None:
    assert font_for_text("Café Ünïcode — Привет") == DEFAULT_FONT
    assert missing_characters("𓀀", DEFAULT_FONT) == ["𓀀"]
    with pytest.raises(InputError) as err:
        font_for_text("𓀀𓀁", field="overlays[0].text")
    assert err.value.field == "overlays[0].text" and "fonts-noto" in (err.value.fix or "")


def test_a_font_that_is_not_a_font_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "fake.ttf"
    fake.write_bytes(b"not a font")
    with pytest.raises(InputError):
        missing_characters("abc", fake)
