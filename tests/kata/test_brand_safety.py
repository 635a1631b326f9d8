"""Brand-safety checks block unsafe placements, warn on weak ones and say which frames."""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np
import pytest

from agency.core.errors import InputError
from agency.kata.analysis.flashes import FlashMeter
from agency.kata.analysis.text_regions import detect_text_regions
from agency.kata.quality.brand_safety import (
    BrandSafetyReport,
    SafetyThresholds,
    check_brand_safety,
)

FPS, W, H = 30.0, 1920, 1080
PRODUCT = (200, 100)


def rect(x: float, y: float, w: float = 200, h: float = 100) -> np.ndarray:
    return np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], float)


def placement(frames: int = 100) -> list[tuple[int, np.ndarray]]:
    """A 200×100 product drifting right 1 px a frame from (800, 400)."""
    return [(i, rect(800 + i, 400)) for i in range(frames)]


def check(
    placements: list[tuple[int, np.ndarray]] | None = None,
    *,
    visible: list[float] | None = None,
    faces: dict[int, list[tuple[int, int, int, int]]] | None = None,
    **kwargs: Any,
) -> BrandSafetyReport:
    placements = placement() if placements is None else placements
    return check_brand_safety(
        fps=FPS,
        width=W,
        height=H,
        product_size=PRODUCT,
        placements=placements,
        visible_fractions=visible if visible is not None else [1.0] * len(placements),
        faces=faces if faces is not None else {f: [] for f, _ in placements},
        **kwargs,
    )


def test_clean_placement_passes_every_check() -> None:
    report = check()
    assert report.passed
    assert all(c.passed for c in report.checks), [c.detail for c in report.checks]
    assert {c.name for c in report.checks} == {
        "face_clearance",
        "flashing",
        "distortion",
        "screen_time",
        "legible_size",
        "occlusion",
        "covers_text",
    }
    BrandSafetyReport.model_validate_json(report.model_dump_json())


def test_face_over_the_product_in_one_frame_blocks_naming_it() -> None:
    faces: dict[int, list[tuple[int, int, int, int]]] = {i: [] for i in range(100)}
    faces[37] = [(900, 380, 80, 80)]  # over the product in frame 37 only
    for i in (36, 38):
        faces[i] = [(300, 380, 80, 80)]  # a face elsewhere on the neighbours
    report = check(faces=faces)
    clearance = report.check("face_clearance")
    assert not clearance.passed
    assert clearance.severity == "block"
    assert clearance.frames == [37]
    assert "frame 37" in clearance.detail
    assert clearance.value is not None and clearance.value < 0
    assert not report.passed


def test_face_clearance_measures_distance_with_the_grown_box() -> None:
    # Frame 0's product spans x 800–1000; a 100 px face 30 px to its right, grown by
    # 10 px a side, is 20 px away.
    report = check(faces={0: [(1030, 400, 100, 100)]})
    clearance = report.check("face_clearance")
    assert clearance.passed
    assert clearance.value == pytest.approx(20.0, abs=0.01)
    near = check(faces={0: [(1005, 400, 100, 100)]}).check("face_clearance")
    assert not near.passed  # clear of the face itself, not of its margin
    assert near.value == pytest.approx(-5.0, abs=0.01)


def test_faces_not_sampled_on_placed_frames_are_not_checked() -> None:
    clearance = check(faces={500: [(900, 380, 80, 80)]}).check("face_clearance")
    assert clearance.passed and not clearance.measured


def test_mirrored_quad_blocks_as_distortion() -> None:
    placements = placement()
    tl, tr, br, bl = placements[50][1]
    placements[50] = (50, np.array([tr, tl, bl, br]))  # flipped left to right
    report = check(placements)
    distortion = report.check("distortion")
    assert not distortion.passed
    assert distortion.frames == [50]
    assert "mirrored" in distortion.detail and "50" in distortion.detail
    assert not report.passed


def test_distortion_limits() -> None:
    # A surface seen at an angle (perspective taper) keeps the product readable.
    taper = [
        (i, np.array([[800, 400], [1000, 420], [1000, 480], [800, 500]], float)) for i in range(40)
    ]
    assert check(taper).check("distortion").passed
    stretched = [(i, rect(800, 400, 400, 60)) for i in range(40)]  # ×3.3 wider than product
    assert not check(stretched).check("distortion").passed
    sharp = [
        (i, np.array([[800, 400], [1000, 400], [1300, 500], [900, 500]], float)) for i in range(40)
    ]
    result = check(sharp).check("distortion")
    assert not result.passed and result.measures["min_corner_angle_deg"] < 35
    bowtie = [
        (i, np.array([[800, 400], [1000, 400], [800, 500], [1000, 500]], float)) for i in range(40)
    ]
    assert not check(bowtie).check("distortion").passed


def test_half_second_placement_warns_on_screen_time() -> None:
    report = check(placement(15))
    screen = report.check("screen_time")
    assert not screen.passed
    assert screen.severity == "warn"
    assert screen.value == pytest.approx(0.5)
    assert report.passed  # a warning does not block


def test_screen_time_counts_only_mostly_visible_frames_in_a_row() -> None:
    visible = [1.0] * 20 + [0.3] * 5 + [1.0] * 20
    screen = check(placement(45), visible=visible).check("screen_time")
    assert not screen.passed  # 0.67 s at a stretch, 1.33 s in all
    assert screen.measures["total_s"] == pytest.approx(40 / 30, abs=1e-3)


def test_small_product_warns_legibility_and_hidden_one_occlusion() -> None:
    tiny = [(i, rect(800, 400, 40, 20)) for i in range(60)]
    report = check(tiny)
    assert not report.check("legible_size").passed
    assert report.passed
    hidden = check(placement(60), visible=[0.4] * 60)
    assert not hidden.check("occlusion").passed
    assert hidden.check("occlusion").value == pytest.approx(0.4)


def flash_result(hz: float) -> dict[str, Any]:
    meter = FlashMeter(FPS, 160, 90)
    for i in range(60):
        meter.add(np.full((90, 160, 3), 255 if int(2 * hz * i / FPS) % 2 == 0 else 0, np.uint8))
    return meter.result()


def test_flashing_footage_blocks_the_placement() -> None:
    report = check(flashes=flash_result(10))
    flashing = report.check("flashing")
    assert not flashing.passed and flashing.severity == "block"
    assert flashing.value is not None and flashing.value > 3
    assert "seizure" in flashing.detail
    assert not report.passed
    assert check(flashes=flash_result(2)).passed


def test_covering_a_sign_warns() -> None:
    frame = np.full((H, W, 3), 90, np.uint8)
    cv2.putText(frame, "OPEN 24H", (820, 470), cv2.FONT_HERSHEY_SIMPLEX, 2.0, (240, 240, 240), 5)
    boxes = detect_text_regions(frame)
    assert boxes
    report = check(text_regions={0: boxes, 50: boxes})
    covers = report.check("covers_text")
    assert not covers.passed and covers.frames == [0, 50]
    assert report.passed
    away = check(text_regions={0: [(100, 100, 300, 60)]}).check("covers_text")
    assert away.passed and away.value == 0


def test_only_block_checks_decide_passed() -> None:
    thresholds = SafetyThresholds(min_screen_time_s=10.0, min_visible_fraction=0.99)
    report = check(visible=[0.9] * 100, thresholds=thresholds)
    assert {c.name for c in report.checks if not c.passed} == {"screen_time", "occlusion"}
    assert report.passed
    strict = SafetyThresholds(max_anisotropy=1.001)
    taper = [(i, rect(800, 400, 230, 100)) for i in range(40)]
    assert not check(taper, thresholds=strict).passed


def test_mismatched_inputs_are_input_errors() -> None:
    with pytest.raises(InputError):
        check(placement(10), visible=[1.0] * 9)
    with pytest.raises(InputError):
        check([(0, [[0, 0], [1, 0], [1, 1]])])  # type: ignore[list-item]


def test_a_decal_on_a_receding_plane_may_be_foreshortened() -> None:
    from agency.kata.quality.brand_safety import DECAL_THRESHOLDS

    # A 2:1 label on a table top seen at a grazing angle: drawn 4.4:1 on screen (×2.2).
    table = [
        (i, np.array([[800.0, 400], [1000, 400], [1010, 445.5], [790, 445.5]])) for i in range(60)
    ]
    assert not check(table).check("distortion").passed
    assert check(table, thresholds=DECAL_THRESHOLDS).check("distortion").passed
    mirrored = [(i, q[[1, 0, 3, 2]]) for i, q in table]
    assert not check(mirrored, thresholds=DECAL_THRESHOLDS).check("distortion").passed
