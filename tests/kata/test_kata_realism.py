"""The realism score prefers a matched insert to a plain paste in the same scene."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from kata_media import DESK

from agency.kata.compositing import DecalCompositor, load_product
from agency.kata.quality.realism import RealismMeter, track_jitter


def warm_soft_noisy_scene() -> np.ndarray:
    photo = cv2.resize(cv2.imread(str(DESK)), (360, 640)).astype(np.float32)
    photo *= np.array([0.6, 0.9, 1.2], np.float32)  # warm light (BGR)
    photo = cv2.GaussianBlur(photo, (0, 0), 2.0)
    photo += np.random.default_rng(0).normal(0, 5.0, photo.shape[:2])[..., None]
    return np.clip(photo, 0, 255).astype(np.uint8)


def test_matched_insert_scores_higher_than_plain_paste(product_png: Path) -> None:
    scene = warm_soft_noisy_scene()
    quad = np.array([[90.0, 250.0], [270.0, 250.0], [270.0, 358.0], [90.0, 358.0]])
    product = load_product(product_png)
    scores = {}
    for name, compositor in {
        "matched": DecalCompositor(product),
        "plain": DecalCompositor(product, harmonizer="none", match_optics=False),
    }.items():
        meter = RealismMeter(product=product)
        meter.measure(compositor.composite(scene, quad), quad)
        scores[name] = meter.result(jitter_px=0.05)
    matched, plain = scores["matched"], scores["plain"]
    assert matched["realism"] > plain["realism"] + 10
    assert matched["illuminant_angle_deg"] < plain["illuminant_angle_deg"]
    assert matched["noise_log_ratio"] < plain["noise_log_ratio"]
    assert matched["blur_sigma_difference_px"] < plain["blur_sigma_difference_px"]


def test_track_jitter_measures_estimator_noise_only() -> None:
    t = np.arange(30, dtype=float)
    smooth = np.zeros((30, 4, 2))
    smooth[..., 0] = (2.0 * t)[:, None]
    assert track_jitter(smooth, smooth) == 0.0
    noisy = smooth + np.random.default_rng(0).normal(0, 0.2, smooth.shape)
    assert 0.2 < track_jitter(noisy, smooth) < 0.5


def test_occlusion_part_flags_a_blinking_matte_not_a_passing_occluder() -> None:
    from agency.kata.quality.realism import RealismMeter

    smooth, blinking = RealismMeter(), RealismMeter()
    for i in range(40):
        smooth.add_hidden(min(1.0, max(0.0, (i - 10) / 20)))
        blinking.add_hidden(0.6 if i % 2 else 0.0)
    ok = smooth.result(jitter_px=0.0)
    bad = blinking.result(jitter_px=0.0)
    assert ok["part_occlusion"] > 0.4 and bad["part_occlusion"] < 0.01
    assert bad["realism"] < ok["realism"]


def test_shadow_part_sees_a_floating_upright_product() -> None:
    import cv2
    import numpy as np

    from agency.kata.quality.realism import RealismMeter

    table = np.full((300, 400, 3), 150, np.uint8)
    quad = np.array([[170.0, 60.0], [230.0, 60.0], [230.0, 200.0], [170.0, 200.0]])
    grounded = table.copy()
    cv2.ellipse(grounded, (200, 203), (34, 6), 0, 0, 360, (90, 90, 90), -1)
    floating, standing = RealismMeter(), RealismMeter()
    floating.measure_contact(table, quad)
    standing.measure_contact(grounded, quad)
    assert floating.result(jitter_px=0.0)["contact_luminance_ratio"] > 0.97
    assert standing.result(jitter_px=0.0)["contact_luminance_ratio"] < 0.8
    assert (
        standing.result(jitter_px=0.0)["part_shadow"]
        > floating.result(jitter_px=0.0)["part_shadow"]
    )
