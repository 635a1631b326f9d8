"""Contact and cast shadows of an upright product on synthetic frames of known answer."""

from __future__ import annotations

import math

import cv2
import numpy as np
import pytest

from agency.kata.compositing.decal import Product
from agency.kata.compositing.shadows import (
    ShadowParams,
    apply_shadow,
    plane_foreshortening,
    render_shadow,
    shadow_params_from_light,
    silhouette_of,
)
from agency.kata.compositing.upright import standing_quad

W, H = 640, 480
CONTACT = (320.0, 300.0)


def bottle() -> np.ndarray:
    """A 150×60 bottle silhouette: body, shoulders and neck."""
    sil = np.zeros((150, 60), np.float32)
    cv2.rectangle(sil, (2, 60), (57, 149), 1.0, -1)
    cv2.ellipse(sil, (30, 60), (28, 20), 0, 180, 360, 1.0, -1)
    cv2.rectangle(sil, (22, 0), (38, 45), 1.0, -1)
    return sil


def render(params: ShadowParams, k: float = 0.5):
    quad = standing_quad(CONTACT, 60.0, 150.0)
    shadow = render_shadow(quad, bottle(), width=W, height=H, foreshortening=k, params=params)
    full = np.zeros((H, W), np.float32)
    x, y, w, h = shadow.box
    full[y : y + h, x : x + w] = shadow.darkness
    return shadow, full


def cast_only(direction: float, length: float = 0.8) -> ShadowParams:
    return ShadowParams(
        contact_opacity=0.0,
        cast_opacity=0.6,
        softness=0.4,
        length=length,
        direction_deg=direction,
        directionality=1.0,
    )


def centroid(darkness: np.ndarray) -> np.ndarray:
    ys, xs = np.mgrid[0 : darkness.shape[0], 0 : darkness.shape[1]]
    total = float(darkness.sum())
    return np.array([(xs * darkness).sum() / total, (ys * darkness).sum() / total])


def test_light_maps_to_shadow_params() -> None:
    flat = shadow_params_from_light(30.0, 0.0, 140.0)
    assert flat.cast_opacity == 0.0 and flat.contact_opacity > 0.3
    hard_side = shadow_params_from_light(0.0, 0.9, 140.0)
    hard_top = shadow_params_from_light(90.0, 0.9, 140.0)
    assert hard_side.cast_opacity > 0.3 and hard_side.softness < flat.softness
    assert hard_top.length < hard_side.length  # light from above: a short shadow
    assert shadow_params_from_light(0.0, 0.9, 20.0).cast_opacity < hard_side.cast_opacity
    assert shadow_params_from_light(0.0, 0.4, 140.0).cast_opacity < hard_side.cast_opacity


@pytest.mark.parametrize(("direction", "side"), [(0.0, 1), (20.0, 1), (180.0, -1), (160.0, -1)])
def test_shadow_falls_away_from_the_light(direction: float, side: int) -> None:
    _, full = render(cast_only(direction))
    cx, cy = centroid(full)
    assert side * (cx - CONTACT[0]) > 20  # light from the left: shadow to the right
    assert cy > CONTACT[1] - 5  # on the surface, not up the product


def test_light_from_above_gives_a_short_shadow_towards_the_camera() -> None:
    params = shadow_params_from_light(90.0, 1.0, 140.0)
    _, full = render(ShadowParams(**{**params.__dict__, "contact_opacity": 0.0}))
    cx, cy = centroid(full)
    assert abs(cx - CONTACT[0]) < 3 and cy > CONTACT[1]
    ys = np.nonzero(full.max(axis=1) > 0.05)[0]
    assert ys.max() - CONTACT[1] < 150 * 0.6  # shorter than the product is tall
    _, side = render(ShadowParams(**{**params.__dict__, "direction_deg": 0.0}))
    assert np.ptp(np.nonzero(side.max(axis=0) > 0.05)[0]) > np.ptp(ys)


def test_cast_shadow_fades_with_distance_from_the_contact() -> None:
    _, full = render(cast_only(0.0, length=1.0))
    cx = int(CONTACT[0])
    column_peak = full.max(axis=0)
    near = column_peak[cx + 40 : cx + 60].mean()
    far = column_peak[cx + 110 : cx + 130].mean()
    assert near > 0.3 and far > 0.02  # both are shadow…
    assert near > 2 * far  # …darker near the contact line


def test_flat_light_gives_a_contact_shadow_only() -> None:
    flat, full = render(shadow_params_from_light(0.0, 0.0, 140.0))
    _, hard = render(shadow_params_from_light(0.0, 1.0, 140.0))
    cx, cy = int(CONTACT[0]), int(CONTACT[1])
    assert full[cy + 2, cx] > 0.3  # dark right under the base
    assert full[cy + 2, cx + 90 :].max() == 0.0  # nothing where the cast shadow would lie
    assert hard[cy:, cx + 90 :].max() > 0.1
    x, y, w, h = flat.box
    assert x > cx - 70 and x + w < cx + 70 and y + h < cy + 40  # a small box


@pytest.mark.parametrize("k", [0.05, 0.5, 1.0])
def test_darkness_is_bounded_and_boxed(k: float) -> None:
    rng = np.random.default_rng(int(k * 100))
    for _ in range(6):
        params = ShadowParams(
            contact_opacity=1.0,
            cast_opacity=1.0,
            softness=float(rng.uniform(0, 1)),
            length=float(rng.uniform(0.1, 2.0)),
            direction_deg=float(rng.uniform(0, 360)),
            directionality=1.0,
        )
        shadow, _ = render(params, k)
        x, y, w, h = shadow.box
        assert shadow.darkness.dtype == np.float32 and shadow.darkness.shape == (h, w)
        assert x >= 0 and y >= 0 and x + w <= W and y + h <= H
        assert shadow.darkness.min() >= 0.0 and shadow.darkness.max() <= 1.0


def test_shadow_box_is_clipped_to_the_frame() -> None:
    quad = standing_quad((620.0, 470.0), 60.0, 150.0)
    params = ShadowParams(cast_opacity=0.5, length=1.5, direction_deg=20.0)
    shadow = render_shadow(quad, bottle(), width=W, height=H, foreshortening=0.6, params=params)
    x, y, w, h = shadow.box
    assert x + w == W and y + h == H and shadow.darkness.shape == (h, w)
    gone = standing_quad((900.0, 470.0), 60.0, 150.0)
    off = render_shadow(gone, bottle(), width=W, height=H, foreshortening=0.6, params=params)
    assert off.box[2] * off.box[3] == 0


def test_apply_shadow_only_darkens_inside_its_box() -> None:
    rng = np.random.default_rng(0)
    frame = rng.integers(0, 256, (H, W, 3), dtype=np.uint8)
    darkness = rng.uniform(0, 1, (100, 150)).astype(np.float32)
    darkness[:10] = 0.0
    darkness[50, 50] = 0.5
    out = apply_shadow(frame, (200, 120, 150, 100), darkness)
    assert out is not frame and np.array_equal(frame, frame.copy())
    assert (out <= frame).all()
    inside = np.zeros((H, W), bool)
    inside[120:220, 200:350] = True
    assert np.array_equal(out[~inside], frame[~inside])
    assert np.array_equal(out[120:130, 200:350], frame[120:130, 200:350])  # zero darkness
    # Half the light in linear terms: srgb × 0.5^(1/2.2).
    expected = frame[170, 250].astype(float) * 0.5 ** (1 / 2.2)
    assert np.abs(out[170, 250] - expected).max() <= 1.0
    assert (out[130:220, 200:350].astype(int) < frame[130:220, 200:350]).mean() > 0.9


def test_apply_shadow_clips_a_box_past_the_frame() -> None:
    frame = np.full((50, 60, 3), 200, np.uint8)
    out = apply_shadow(frame, (40, 30, 40, 40), np.ones((40, 40), np.float32))
    assert (out[30:, 40:] == 0).all() and (out[:30] == 200).all() and (out[:, :40] == 200).all()


def level_camera_ground(pitch_deg: float, contact: tuple[float, float]):
    """A ground rectangle seen by a camera 1.2 m up, pitched down; and the true squash at
    ``contact`` (image depth / width of a small ground square there)."""
    f, cx, cy = 0.8 * 1280, 640.0, 360.0
    t = math.radians(pitch_deg)
    rot = np.array([[1, 0, 0], [0, math.cos(t), -math.sin(t)], [0, math.sin(t), math.cos(t)]])

    def project(p: np.ndarray) -> np.ndarray:
        cam = p @ rot.T
        return np.stack([f * cam[:, 0] / cam[:, 2] + cx, f * cam[:, 1] / cam[:, 2] + cy], 1)

    rect = np.array([[-0.6, 1.2, 3.0], [0.6, 1.2, 3.0], [0.6, 1.2, 1.6], [-0.6, 1.2, 1.6]])
    # The ground point under the contact pixel.
    ray = rot.T @ np.array([(contact[0] - cx) / f, (contact[1] - cy) / f, 1.0])
    point = ray * (1.2 / ray[1])
    e = 1e-4
    step_x, step_z = np.array([e, 0.0, 0.0]), np.array([0.0, 0.0, e])
    dx = project(np.array([point + step_x, point - step_x]))
    dz = project(np.array([point + step_z, point - step_z]))
    truth = np.linalg.norm(dz[0] - dz[1]) / np.linalg.norm(dx[0] - dx[1])
    return project(rect), float(truth)


@pytest.mark.parametrize("pitch", [0.0, 15.0, 35.0])
def test_plane_foreshortening_matches_a_camera(pitch: float) -> None:
    contact = (640.0, 520.0)
    quad, truth = level_camera_ground(pitch, contact)
    assert plane_foreshortening(quad, contact, 1280, 720) == pytest.approx(truth, rel=0.02)
    flat = np.array([[100.0, 100.0], [500.0, 100.0], [500.0, 300.0], [100.0, 300.0]])
    assert plane_foreshortening(flat, (300.0, 200.0), 1280, 720, default=0.33) == 0.33


def test_silhouette_of_drops_the_padding() -> None:
    alpha = np.zeros((124, 64), np.float32)
    alpha[2:-2, 2:-2] = 1.0
    product = Product(np.zeros((124, 64, 3), np.float32), alpha, 60, 120)
    sil = silhouette_of(product)
    assert sil.shape == (120, 60) and sil.min() == 1.0
    assert silhouette_of(product, max_side=60).shape == (60, 30)
