"""Occlusion: a person walking in front of the placement hides the product; a shadow
falling on the plane does not."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
from kata_media import DATA, DESK, write_sequence

from agency.kata import composite_video
from agency.kata.compositing.occlusion import PlateBuilder
from agency.kata.geometry import quad_mask
from agency.kata.quality.occlusion_eval import evaluate_occlusion
from agency.kata.quality.synthetic import make_sequence

WALKER = DATA / "images/slambook2/ch7/1.png"


def _walker_sequence(frames: int = 60, width: int = 640, height: int = 360):  # type: ignore[no-untyped-def]
    return make_sequence(
        DESK,
        width=width,
        height=height,
        frames=frames,
        seed=3,
        distractor=WALKER,
        distractor_height=0.7,
        distractor_person=True,
    )


def test_occluder_matte_matches_the_ground_truth() -> None:
    result = evaluate_occlusion(_walker_sequence())
    assert result["occluded_frames"] >= 10
    assert result["iou_mean"] >= 0.9
    assert result["leak_mean"] <= 0.1
    assert result["false_alarm_mean"] <= 0.01


def test_a_cast_shadow_is_not_an_occluder() -> None:
    seq = make_sequence(DESK, width=480, height=270, frames=30, seed=2, exposure_swing=0.0)
    frames = list(seq.frames())
    builder = PlateBuilder(seq.true_quad(0), len(frames))
    for i, frame in enumerate(frames):
        builder.add(frame, seq.true_quad(i))
    plate = builder.build()
    assert plate is not None
    quad = seq.true_quad(10)
    shaded = frames[10].astype(np.float32)
    band = np.zeros(shaded.shape[:2], np.float32)
    x0 = int(quad[:, 0].min())
    band[:, x0 : x0 + 60] = 1.0
    band = cv2.GaussianBlur(band, (0, 0), 3.0)
    shaded *= 1.0 - 0.45 * band[:, :, None]
    occ = plate.occlusion(np.clip(shaded, 0, 255).astype(np.uint8), quad)
    assert occ is not None
    assert occ.shadow > 0.05
    inside = quad_mask(quad, 480, 270) > 127
    x, y, w, h = occ.box
    est = np.zeros(inside.shape, bool)
    est[y : y + h, x : x + w] = occ.matte > 0.5
    assert (est & inside).sum() < 0.01 * inside.sum()


def test_composite_hides_the_product_behind_the_walker(tmp_path: Path, product_png: Path) -> None:
    seq = _walker_sequence(frames=60)
    video = write_sequence(seq, tmp_path / "walker.mp4")
    out, report_path = tmp_path / "out.mp4", tmp_path / "REPORT.json"
    composite_video(
        video, product_png, out, quad=seq.true_quad(0).tolist(), report_path=report_path
    )
    report = json.loads(report_path.read_text())
    visible = {f["frame"]: f["visible_fraction"] for f in report["placement"]["frames"]}
    assert report["placement"]["occlusion"]["frames_occluded"] >= 10
    capture = cv2.VideoCapture(str(out))
    covered_checked = 0
    for index in range(60):
        ok, frame = capture.read()
        assert ok
        inside = quad_mask(seq.true_quad(index), seq.width, seq.height) > 127
        truth = seq.occluder_mask(index)
        share = (truth & inside).sum() / inside.sum()
        if share > 0.3:
            # Covered: REPORT says so and the walker, not the red card, is what shows.
            assert visible[index] < 1.0 - 0.5 * share
            hidden = cv2.erode((truth & inside).astype(np.uint8), np.ones((7, 7))) > 0
            _, g, r = (frame[hidden].astype(float).mean(axis=0)).tolist()
            assert not (r > 150 and r > 2.5 * g), f"product shows through in frame {index}"
            covered_checked += 1
        elif share == 0.0 and index in visible:
            assert visible[index] > 0.97
    assert covered_checked >= 5
