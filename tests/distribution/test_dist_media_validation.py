"""Media validation: specific violations before anything is uploaded."""

from __future__ import annotations

import pytest

from agency.core import InputError
from agency.distribution.formatting import Rendition, pick_rendition, validate_media


def _codes(result: object) -> list[str]:
    return [v.code for v in result.violations]  # type: ignore[attr-defined]


def test_a_good_reel_passes() -> None:
    result = validate_media(
        "instagram",
        "reel",
        width=1080,
        height=1920,
        duration_s=30,
        size_bytes=50_000_000,
        codec="avc1",
        container="video/mp4",
        fps=30,
    )
    assert result.valid and result.violations == []


def test_wrong_aspect_ratio_says_how_far_and_how_to_crop() -> None:
    result = validate_media("instagram", "feed_image", width=1000, height=3000)
    (violation,) = result.violations
    assert violation.code == "wrong_aspect_ratio"
    assert violation.by == pytest.approx(0.8 - 1 / 3, abs=1e-3)
    assert "1000x1250" in violation.fix
    assert not result.valid


def test_aspect_tolerance_accepts_rounding() -> None:
    assert validate_media("tiktok_ads", "in_feed", width=1080, height=1918).valid
    assert not validate_media("tiktok_ads", "in_feed", width=1080, height=1500).valid


def test_video_too_long_by_how_much() -> None:
    result = validate_media(
        "tiktok_ads", "in_feed", width=1080, height=1920, duration_s=60.5, codec="h264"
    )
    assert _codes(result) == ["too_long"]
    assert result.violations[0].by == pytest.approx(0.5)
    assert validate_media("tiktok_ads", "in_feed", width=1080, height=1920, duration_s=60).valid


def test_video_too_short() -> None:
    result = validate_media("x", "video", width=1280, height=720, duration_s=0.2)
    assert _codes(result) == ["too_short"]


def test_unsupported_codec_and_container() -> None:
    result = validate_media(
        "instagram", "reel", width=1080, height=1920, codec="prores", container="avi"
    )
    assert _codes(result) == ["unsupported_codec", "unsupported_container"]
    assert "h264" in result.violations[0].message


def test_file_size_boundary() -> None:
    at_limit = validate_media("x", "image", width=1200, height=675, size_bytes=5_000_000)
    over = validate_media("x", "image", width=1200, height=675, size_bytes=5_000_001)
    assert at_limit.valid
    assert _codes(over) == ["file_too_large"] and over.violations[0].by == 1


def test_resolution_and_fps_bounds() -> None:
    result = validate_media("tiktok", "video", width=320, height=640, fps=120, duration_s=10)
    errors = [v.code for v in result.violations if v.severity == "error"]
    assert errors == ["resolution_too_low", "fps_too_high"]


def test_recommended_aspect_is_a_warning_only() -> None:
    result = validate_media("instagram", "reel", width=1920, height=1080, duration_s=10)
    assert result.valid
    assert [(v.code, v.severity) for v in result.violations] == [
        ("aspect_not_recommended", "warning")
    ]


def test_unknown_placement_names_the_valid_ones() -> None:
    with pytest.raises(InputError) as caught:
        validate_media("instagram", "billboard", width=10, height=10)
    assert "reel" in (caught.value.fix or "")


def test_pick_rendition_prefers_the_recommended_ratio() -> None:
    wide = Rendition(uri="wide.mp4", width=1920, height=1080, duration_s=20, codec="h264")
    tall = Rendition(uri="tall.mp4", width=1080, height=1920, duration_s=20, codec="h264")
    long_tall = Rendition(uri="long.mp4", width=1080, height=1920, duration_s=999, codec="h264")
    assert pick_rendition("instagram", "reel", [wide, long_tall, tall]) == tall
    assert pick_rendition("tiktok_ads", "in_feed", [long_tall]) is None
