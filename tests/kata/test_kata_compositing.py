"""Decal warp, relighting, optics matching and blending on images of known answer."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from kata_media import DESK

from agency.core.errors import InputError
from agency.kata.compositing import (
    DecalCompositor,
    add_noise,
    blend,
    illuminant_match,
    load_product,
    measure_optics,
    reinhard_lab,
    warp_decal,
)
from agency.kata.compositing.matching import apply_motion_blur


def test_decal_corners_land_on_quad(product_png: Path) -> None:
    product = load_product(product_png)
    quad = np.array([[50.0, 40.0], [250.0, 60.0], [240.0, 180.0], [60.0, 170.0]])
    decal = warp_decal(product, quad, 320, 240)
    assert decal is not None
    x, y, w, h = decal.box
    alpha = np.zeros((240, 320), np.float32)
    alpha[y : y + h, x : x + w] = decal.alpha
    # The product has a clear 10 px border: the warped coverage sits inside the quad.
    mask = np.zeros((240, 320), np.uint8)
    cv2.fillConvexPoly(mask, np.round(quad).astype(np.int32), 1)
    assert alpha[mask == 0].max() < 0.5
    # An opaque product covers the whole quad; its corners are half-covered (anti-aliased).
    solid = tmp_product(product_png.parent, np.full((100, 200, 4), 255, np.uint8))
    decal = warp_decal(load_product(solid), quad, 320, 240)
    assert decal is not None
    full = np.zeros((240, 320), np.float32)
    x, y, w, h = decal.box
    full[y : y + h, x : x + w] = decal.alpha
    inside = cv2.erode(mask, np.ones((5, 5), np.uint8))
    assert full[inside > 0].min() > 0.99
    edge = full[40:50, 100]
    assert ((edge > 0.05) & (edge < 0.95)).any()  # soft, not a hard step


def tmp_product(folder: Path, rgba: np.ndarray) -> Path:
    path = folder / f"p{rgba.shape[0]}x{rgba.shape[1]}.png"
    cv2.imwrite(str(path), rgba)
    return path


def test_bad_product_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not an image")
    with pytest.raises(InputError):
        load_product(bad)
    with pytest.raises(InputError, match="transparent"):
        load_product(tmp_product(tmp_path, np.zeros((10, 10, 4), np.uint8)))


def test_blend_premultiplied_half_alpha() -> None:
    from agency.kata.compositing import WarpedDecal

    frame = np.full((4, 4, 3), 100, np.uint8)
    decal = WarpedDecal(
        (1, 1, 2, 2), np.full((2, 2, 3), 0.5, np.float32) * 0.5, np.full((2, 2), 0.5, np.float32)
    )
    out = blend(frame, decal)
    assert out[0, 0, 0] == 100
    assert out[1, 1, 0] == round(255 * (0.25 + 100 / 255 * 0.5))


def test_illuminant_match_follows_scene_light() -> None:
    scene = cv2.imread(str(DESK)).astype(np.float32)[:300, :300] / 255.0
    warm = np.clip(scene * np.array([0.7, 0.95, 1.25], np.float32), 0, 1)  # BGR
    insert = np.full((80, 80, 3), 0.6, np.float32)
    alpha = np.ones((80, 80), np.float32)
    ring = np.ones(scene.shape[:2], bool)
    neutral = illuminant_match(insert, alpha, scene, ring).gains
    warmed = illuminant_match(insert, alpha, warm, ring).gains
    assert warmed[2] / warmed[0] > 1.3 * (neutral[2] / neutral[0])


def test_illuminant_match_undoes_a_colour_cast() -> None:
    scene = cv2.resize(cv2.imread(str(DESK)), (270, 480)).astype(np.float32) / 255.0
    fg = np.zeros(scene.shape[:2], bool)
    fg[150:330, 60:210] = True
    cast = scene.copy()
    from agency.kata.compositing.harmonize import linear_to_srgb, srgb_to_linear

    cast[fg] = linear_to_srgb(srgb_to_linear(scene[fg]) * np.array([1.3, 1.0, 0.75], np.float32))
    fixed = illuminant_match(
        cast,
        fg.astype(np.float32),
        cast,
        ~fg,
        neutral_source=False,
        strength=1.0,
        exposure_strength=0.0,
    )
    out = fixed.apply(cast)
    before = np.abs(cast[fg] - scene[fg]).mean()
    after = np.abs(out[fg] - scene[fg]).mean()
    assert after < 0.6 * before


def test_reinhard_moves_statistics_to_the_region() -> None:
    rng = np.random.default_rng(0)
    scene = np.clip(rng.normal(0.3, 0.05, (60, 60, 3)), 0, 1).astype(np.float32)
    insert = np.clip(rng.normal(0.7, 0.1, (60, 60, 3)), 0, 1).astype(np.float32)
    out = reinhard_lab(insert, np.ones((60, 60), np.float32), scene, np.ones((60, 60), bool))
    lab = cv2.cvtColor(out, cv2.COLOR_BGR2Lab)
    ref = cv2.cvtColor(scene, cv2.COLOR_BGR2Lab)
    assert lab[..., 0].mean() == pytest.approx(ref[..., 0].mean(), abs=1.0)


def test_optics_match_measures_scene_blur_and_noise() -> None:
    photo = cv2.resize(cv2.imread(str(DESK)), (360, 640))
    rng = np.random.default_rng(2)
    soft = cv2.GaussianBlur(photo, (0, 0), 2.5).astype(np.float32)
    shot = np.clip(soft + rng.normal(0, 4.0, soft.shape[:2])[..., None], 0, 255).astype(np.uint8)
    optics = measure_optics(shot, np.full(shot.shape[:2], 255, np.uint8))
    assert optics.blur_sigma == pytest.approx(np.sqrt(2.5**2 + 0.5**2 - 0.25), rel=0.35)
    assert optics.noise_sigma * 255 == pytest.approx(4.0, abs=1.2)
    flat = np.full((64, 64, 3), 0.5, np.float32)
    noisy = add_noise(flat, np.ones((64, 64), np.float32), 4.0 / 255, rng)
    assert noisy.std() * 255 == pytest.approx(4.0 * np.sqrt(1 + 0.09), rel=0.15)


def test_motion_blur_streaks_along_velocity() -> None:
    dot = np.zeros((41, 41), np.float32)
    dot[20, 20] = 1.0
    streak = apply_motion_blur(dot, (16.0, 0.0), shutter=0.5)
    assert (streak[20] > 0.01).sum() >= 7 and (streak[:, 20] > 0.01).sum() <= 2
    assert streak.sum() == pytest.approx(1.0, rel=1e-3)


def test_compositor_is_deterministic_and_inside_frame(product_png: Path) -> None:
    frame = cv2.resize(cv2.imread(str(DESK)), (270, 480))
    quad = np.array([[60.0, 200.0], [200.0, 200.0], [200.0, 290.0], [60.0, 290.0]])
    a = DecalCompositor(load_product(product_png), seed=1).composite(frame, quad)
    b = DecalCompositor(load_product(product_png), seed=1).composite(frame, quad)
    assert np.array_equal(a, b)
    changed = np.abs(a.astype(int) - frame.astype(int)).sum(axis=2) > 10
    ys, xs = np.nonzero(changed)
    assert xs.min() >= 55 and xs.max() <= 205 and ys.min() >= 195 and ys.max() <= 295
