"""Upright mode geometry on synthetic cameras and homographies of known answer."""

from __future__ import annotations

import math

import numpy as np
import pytest

from agency.core.errors import InputError
from agency.kata.compositing.upright import (
    follow,
    footprint_quad,
    homography,
    initial_standing_quad,
    standing_quad,
)
from agency.kata.geometry import apply_homography

W, H = 1920, 1080
F = 1000.0


def similarity(scale: float, angle_deg: float, shift: tuple[float, float], pivot=(960, 540)):
    """3×3 zoom-and-roll about ``pivot``, then ``shift``."""
    a = math.radians(angle_deg)
    c, s = scale * math.cos(a), scale * math.sin(a)
    px, py = pivot
    m = np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])
    to = np.array([[1.0, 0.0, -px], [0.0, 1.0, -py], [0.0, 0.0, 1.0]])
    back = np.array([[1.0, 0.0, px + shift[0]], [0.0, 1.0, py + shift[1]], [0.0, 0.0, 1.0]])
    return back @ m @ to


def project(points: np.ndarray, centre: np.ndarray, roll_deg: float = 0.0) -> np.ndarray:
    """Pinhole projection (f = 1000, centred) from a level camera at ``centre`` (y down),
    rolled about its optical axis."""
    a = math.radians(roll_deg)
    r = np.array([[math.cos(a), -math.sin(a), 0.0], [math.sin(a), math.cos(a), 0.0], [0, 0, 1]])
    cam = (points - centre) @ r.T
    return np.stack([F * cam[:, 0] / cam[:, 2] + W / 2, F * cam[:, 1] / cam[:, 2] + H / 2], 1)


def test_standing_quad_stands_on_its_contact_point() -> None:
    quad = standing_quad((500.0, 400.0), 80.0, 200.0)
    np.testing.assert_allclose(quad, [[460, 200], [540, 200], [540, 400], [460, 400]])
    tilted = standing_quad((500.0, 400.0), 80.0, 200.0, up_angle_rad=-math.pi / 2 + 0.2)
    np.testing.assert_allclose((tilted[2] + tilted[3]) / 2, [500, 400])
    up = (tilted[0] + tilted[1] - tilted[2] - tilted[3]) / 2
    assert np.linalg.norm(up) == pytest.approx(200.0)
    assert math.atan2(up[1], up[0]) == pytest.approx(-math.pi / 2 + 0.2)
    assert np.linalg.norm(tilted[2] - tilted[3]) == pytest.approx(80.0)


@pytest.mark.parametrize(
    ("scale", "angle", "shift"),
    [
        (1.0, 0.0, (37.5, -12.25)),  # pan
        (1.35, 0.0, (0.0, 0.0)),  # zoom in
        (0.7, 0.0, (-20.0, 15.0)),  # zoom out and pan
        (1.0, 12.0, (0.0, 0.0)),  # roll
        (1.2, -25.0, (40.0, 30.0)),  # all at once
    ],
)
def test_follow_is_exact_for_pan_zoom_and_roll(
    scale: float, angle: float, shift: tuple[float, float]
) -> None:
    standing0 = standing_quad((900.0, 700.0), 120.0, 300.0)
    footprint0 = footprint_quad((900.0, 700.0), 120.0, None, W, H)
    h = similarity(scale, angle, shift)
    footprint_t = apply_homography(h, footprint0)
    expected = apply_homography(h, standing0)
    np.testing.assert_allclose(follow(standing0, footprint0, footprint_t), expected, atol=1e-6)


def test_follow_keeps_height_with_the_horizontal_scale_under_perspective() -> None:
    """A level camera dollies in, cranes up, pans right and rolls over a table."""
    ground_y = 1.0
    table = np.array([[-0.3, ground_y, 2.2], [0.5, ground_y, 2.2], [0.5, ground_y, 2.8]])
    table = np.vstack([table, [-0.3, ground_y, 2.8]])
    product = np.array(
        [[0.0, 0.5, 2.4], [0.2, 0.5, 2.4], [0.2, ground_y, 2.4], [0.0, ground_y, 2.4]]
    )  # 0.2 m wide, 0.5 m tall, standing at x 0–0.2, 2.4 m away
    start, later = np.zeros(3), np.array([0.15, -0.1, 0.6])
    footprint0, standing0 = project(table, start), project(product, start)
    footprint_t, truth = project(table, later, 8.0), project(product, later, 8.0)

    got = follow(standing0, footprint0, footprint_t)
    np.testing.assert_allclose(got, truth, atol=1e-6)

    # The plane's area scale would have made the product too tall: depth shrinks as 1/Z².
    hom = homography(footprint0, footprint_t)
    c0 = (standing0[2] + standing0[3]) / 2
    eps = 0.5
    m = apply_homography(hom, c0 + np.array([[eps, 0], [-eps, 0], [0, eps], [0, -eps]]))
    jac = np.stack([(m[0] - m[1]) / (2 * eps), (m[2] - m[3]) / (2 * eps)], 1)
    area_scale = math.sqrt(abs(np.linalg.det(jac)))
    true_scale = np.linalg.norm(truth[0] - truth[3]) / np.linalg.norm(standing0[0] - standing0[3])
    assert abs(area_scale / true_scale - 1) > 0.05


def test_follow_is_smooth_in_the_footprint() -> None:
    standing0 = standing_quad((900.0, 700.0), 120.0, 300.0)
    footprint0 = footprint_quad((900.0, 700.0), 120.0, None, W, H)
    base = apply_homography(similarity(1.1, 5.0, (10.0, 5.0)), footprint0)
    quad = follow(standing0, footprint0, base)
    rng = np.random.default_rng(3)
    for _ in range(20):
        nudged = base + rng.normal(0, 0.05, base.shape)
        assert np.abs(follow(standing0, footprint0, nudged) - quad).max() < 1.0


TRAPEZOID = np.array([[600.0, 500.0], [1300.0, 500.0], [1700.0, 1000.0], [200.0, 1000.0]])


def test_initial_quad_takes_its_width_from_the_surface_row() -> None:
    # At y = 750 the trapezoid runs from x = 400 to x = 1500: 1100 px.
    quad = initial_standing_quad((900.0, 750.0), 200, 500, TRAPEZOID, 0.1, W, H)
    np.testing.assert_allclose((quad[2] + quad[3]) / 2, [900, 750])
    assert np.linalg.norm(quad[2] - quad[3]) == pytest.approx(110.0)
    assert np.linalg.norm(quad[0] - quad[3]) == pytest.approx(275.0)
    assert quad[0, 0] == pytest.approx(quad[3, 0])  # upright
    bare = initial_standing_quad((900.0, 750.0), 200, 500, None, 0.1, W, H)
    assert np.linalg.norm(bare[2] - bare[3]) == pytest.approx(192.0)


@pytest.mark.parametrize(
    ("at", "scale", "field"),
    [
        ((-5.0, 700.0), 0.1, "at"),  # left of the frame
        ((900.0, 1080.0), 0.1, "at"),  # below the frame
        ((150.0, 900.0), 0.1, "at"),  # in the frame, off the surface
        ((900.0, 300.0), 0.1, "at"),  # above the surface
        ((900.0, 750.0), 0.5, "scale"),  # 550 px wide → 1375 px tall > 1080
        ((900.0, 750.0), 0.0, "scale"),
    ],
)
def test_initial_quad_rejects_impossible_placements(
    at: tuple[float, float], scale: float, field: str
) -> None:
    with pytest.raises(InputError) as caught:
        initial_standing_quad(at, 200, 500, TRAPEZOID, scale, W, H)
    assert caught.value.field == field
    assert caught.value.fix


def test_footprint_without_surface_is_mostly_in_front_of_the_contact() -> None:
    quad = footprint_quad((900.0, 500.0), 100.0, None, W, H)
    np.testing.assert_allclose(quad[:, 0], [775, 1025, 1025, 775])  # 2.5 × 100 wide
    np.testing.assert_allclose(quad[:, 1], [455, 455, 605, 605])  # 150 deep, 30 % behind
    small = footprint_quad((900.0, 500.0), 10.0, None, W, H)
    assert np.ptp(small[:, 0]) == pytest.approx(96.0)  # enough texture to track


def test_footprint_is_cut_to_the_frame() -> None:
    quad = footprint_quad((30.0, 1060.0), 100.0, None, W, H)
    assert quad[:, 0].min() >= 0 and quad[:, 1].max() <= H
    assert quad[:, 0].max() == pytest.approx(155.0)  # the side away from the edge is kept
    assert quad[:, 1].min() == pytest.approx(1015.0)


def test_footprint_follows_the_surface_and_stays_on_it() -> None:
    contact = np.array([950.0, 900.0])
    quad = footprint_quad(contact, 150.0, TRAPEZOID, W, H)
    unit = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    plane = apply_homography(np.linalg.inv(homography(unit, TRAPEZOID)), quad)
    assert plane.min() >= -1e-9 and plane.max() <= 1 + 1e-9  # on the surface
    # A rectangle of the surface's own coordinates (sides along its perspective).
    assert plane[0, 1] == pytest.approx(plane[1, 1]) and plane[2, 1] == pytest.approx(1.0)
    assert plane[0, 0] == pytest.approx(plane[3, 0]) and plane[1, 0] == pytest.approx(plane[2, 0])
    pc = apply_homography(np.linalg.inv(homography(unit, TRAPEZOID)), contact[None])[0]
    assert plane[0, 0] < pc[0] < plane[1, 0] and plane[0, 1] < pc[1]
    assert np.ptp(quad[:, 0]) > 2.5 * 150 * 0.95
    with pytest.raises(InputError):
        footprint_quad((150.0, 900.0), 150.0, TRAPEZOID, W, H)
