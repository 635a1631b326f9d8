"""Blur, noise, light, faces, surfaces and motion measured on images of known answer."""

from __future__ import annotations

import itertools

import cv2
import numpy as np
import pytest
from kata_media import DATA, DESK

from agency.kata.analysis import (
    CameraMotionEstimator,
    FaceDetector,
    SurfaceFinder,
    blur_sigma,
    estimate_light,
    noise_sigma,
)
from agency.kata.models import Face
from agency.kata.quality.synthetic import camera_path

BOX_SCENE = DATA / "images/opencv-box/box_in_scene.png"


@pytest.fixture(scope="module")
def photo() -> np.ndarray:
    image = cv2.imread(str(DESK))
    return cv2.resize(image, (360, 640), interpolation=cv2.INTER_AREA)


@pytest.mark.parametrize("sigma", [1.5, 2.5, 3.5])
def test_blur_sigma_recovers_gaussian_blur(photo: np.ndarray, sigma: float) -> None:
    blurred = cv2.GaussianBlur(photo, (0, 0), sigma)
    base = blur_sigma(photo)
    expected = np.sqrt(base**2 + sigma**2)
    assert blur_sigma(blurred) == pytest.approx(expected, rel=0.3)


def test_blur_orders_sharp_and_soft(photo: np.ndarray) -> None:
    values = [blur_sigma(cv2.GaussianBlur(photo, (0, 0), s)) for s in (0.5, 1.5, 3.0)]
    assert values == sorted(values)


@pytest.mark.parametrize("sigma", [2.0, 5.0, 10.0])
def test_noise_sigma_recovers_added_noise(photo: np.ndarray, sigma: float) -> None:
    rng = np.random.default_rng(3)
    smooth = cv2.GaussianBlur(photo, (0, 0), 1.0).astype(np.float32)
    noisy = np.clip(smooth + rng.normal(0, sigma, smooth.shape[:2])[..., None], 0, 255)
    assert noise_sigma(noisy.astype(np.uint8)) == pytest.approx(sigma, abs=0.25 * sigma + 0.6)


def test_colour_temperature_orders_warm_and_cool(photo: np.ndarray) -> None:
    grey = np.full((64, 64, 3), 128, np.uint8)
    warm = grey.copy()
    warm[..., 0], warm[..., 2] = 90, 170  # BGR: less blue, more red
    cool = grey.copy()
    cool[..., 0], cool[..., 2] = 170, 100
    t_warm, t_grey, t_cool = (estimate_light(x).color_temperature_k for x in (warm, grey, cool))
    assert t_warm < 4500 < t_grey < 7500 < t_cool
    assert t_grey == pytest.approx(6500, abs=300)


@pytest.mark.parametrize(("axis", "expected"), [("left", 0.0), ("top", 90.0), ("right", 180.0)])
def test_light_direction_from_luminance_gradient(axis: str, expected: float) -> None:
    ramp = np.linspace(230, 40, 320, dtype=np.float32)
    if axis == "left":
        image = np.tile(ramp, (180, 1))
    elif axis == "right":
        image = np.tile(ramp[::-1], (180, 1))
    else:
        image = np.tile(np.linspace(230, 40, 180, dtype=np.float32)[:, None], (1, 320))
    bgr = cv2.cvtColor(image.astype(np.uint8), cv2.COLOR_GRAY2BGR)
    light = estimate_light(bgr)
    diff = (light.direction_deg - expected + 180) % 360 - 180
    assert abs(diff) < 5 and light.directionality > 0.3


def test_no_faces_on_a_desk(photo: np.ndarray) -> None:
    detector = FaceDetector()
    assert detector.available
    assert detector.detect(photo) == []


def test_surface_found_on_flat_panel() -> None:
    scene = cv2.resize(cv2.imread(str(BOX_SCENE)), (640, 480))
    rng = np.random.default_rng(0)
    panel = np.full((160, 240, 3), (150, 160, 170), np.float32) + rng.normal(0, 1.5, (160, 240, 1))
    scene[200:360, 300:540] = np.clip(panel, 0, 255).astype(np.uint8)
    zones, notes = SurfaceFinder().find(scene, [], shot_index=0, frame=0)
    assert zones, notes
    best = np.array(zones[0].quad)
    centre = best.mean(axis=0)
    assert 300 < centre[0] < 540 and 200 < centre[1] < 360
    assert best[:, 0].min() >= 295 and best[:, 0].max() <= 545
    assert zones[0].reasons and 0 < zones[0].score <= 1


def test_people_and_narrow_strips_are_not_surfaces() -> None:
    scene = cv2.resize(cv2.imread(str(BOX_SCENE)), (640, 480))
    scene[200:360, 300:540] = (150, 160, 170)
    # A face above the panel: the body below it is a person, not a wall.
    zones, _ = SurfaceFinder().find(scene, [Face(box=(380, 100, 80, 80))], shot_index=0, frame=0)
    assert all(not (300 < np.array(z.quad).mean(axis=0)[0] < 540) for z in zones)
    strip = cv2.resize(cv2.imread(str(BOX_SCENE)), (640, 480))
    strip[60:420, 560:600] = (150, 160, 170)
    zones, _ = SurfaceFinder().find(strip, [], shot_index=0, frame=0)
    narrow = [z for z in zones if np.array(z.quad).mean(axis=0)[0] > 550]
    assert narrow and any("narrow" in r for r in narrow[0].reasons)


def test_no_surface_in_pure_texture() -> None:
    rng = np.random.default_rng(1)
    noise = rng.integers(0, 255, (270, 480, 3), dtype=np.uint8)
    zones, notes = SurfaceFinder().find(noise, [], shot_index=0, frame=0)
    assert zones == [] and any("flat" in n for n in notes)


def test_no_surface_without_trackable_features() -> None:
    flat = np.full((270, 480, 3), 120, np.uint8)
    zones, notes = SurfaceFinder().find(flat, [], shot_index=0, frame=0)
    assert zones == [] and any("trackable" in n for n in notes)


def test_camera_motion_of_a_known_pan(photo: np.ndarray) -> None:
    world = cv2.resize(cv2.imread(str(DESK)), (480, 854))[200:470]
    mats = camera_path(30, 480, 270, pan=0.1, tilt=0.0, zoom=0.0, roll_deg=0.0, perspective=0.0)
    estimator = CameraMotionEstimator()
    for i, h in enumerate(mats):
        frame = cv2.warpPerspective(world, h, (480, 270), borderMode=cv2.BORDER_REFLECT)
        estimator.process_frame(i, frame)
    motion = estimator.summary()
    true_steps = [np.linalg.norm(b[:2, 2] - a[:2, 2]) for a, b in itertools.pairwise(mats)]
    assert motion.kind == "pan"
    assert motion.translation_px_per_frame == pytest.approx(np.median(true_steps), rel=0.1)
