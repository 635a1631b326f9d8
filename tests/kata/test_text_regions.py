"""The text-region detector finds lettering on a textured background and none in texture."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from agency.kata.analysis.text_regions import detect_text_regions


def natural_texture(width: int, height: int, seed: int) -> np.ndarray:
    """Smoothed noise at several scales (1/f-like), colour-tinted: text-free by design."""
    rng = np.random.default_rng(seed)
    out = np.zeros((height, width, 3), np.float32)
    for sigma, weight in ((1.5, 12.0), (5.0, 30.0), (15.0, 45.0), (40.0, 60.0)):
        noise = cv2.GaussianBlur(rng.normal(0, 1, (height, width, 3)), (0, 0), sigma)
        out += (weight * noise / (noise.std() + 1e-6)).astype(np.float32)
    tinted = 128 + out * np.array([0.8, 1.0, 1.1], np.float32)
    return np.clip(tinted, 0, 255).astype(np.uint8)


def text_box(text: str, org: tuple[int, int], scale: float, thickness: int) -> tuple:
    (w, h), base = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, scale, thickness)
    return org[0], org[1] - h, w, h + base


def overlaps(a: tuple, b: tuple) -> float:
    """Intersection over the smaller box."""
    ix = max(0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    return ix * iy / min(a[2] * a[3], b[2] * b[3])


@pytest.mark.parametrize("seed", [0, 1])
def test_finds_light_and_dark_lettering_on_texture(seed: int) -> None:
    frame = natural_texture(640, 360, seed)
    lines = [
        ("SUMMER SALE 50% OFF", (40, 90), 1.2, 3, (255, 255, 255)),
        ("Open daily 9-18", (300, 300), 0.9, 2, (20, 20, 20)),
    ]
    for text, org, scale, thick, colour in lines:
        cv2.putText(frame, text, org, cv2.FONT_HERSHEY_SIMPLEX, scale, colour, thick, cv2.LINE_AA)
    found = detect_text_regions(frame)
    for text, org, scale, thick, _ in lines:
        truth = text_box(text, org, scale, thick)
        hits = [b for b in found if overlaps(b, truth) > 0.5]
        assert hits, f"missed {text!r} at {truth}; found {found}"
        x0 = min(b[0] for b in hits)
        x1 = max(b[0] + b[2] for b in hits)
        assert x1 - x0 > 0.6 * truth[2]  # the line, not one letter
        assert all(b[2] * b[3] < 3 * truth[2] * truth[3] for b in hits)


def test_boxes_are_in_full_frame_pixels_at_1080p() -> None:
    frame = natural_texture(1920, 1080, 3)
    org = (900, 700)
    cv2.putText(frame, "BRAND", org, cv2.FONT_HERSHEY_SIMPLEX, 4.0, (250, 250, 250), 10)
    truth = text_box("BRAND", org, 4.0, 10)
    assert any(overlaps(b, truth) > 0.6 for b in detect_text_regions(frame))


@pytest.mark.parametrize("seed", range(6))
def test_text_free_texture_has_no_text(seed: int) -> None:
    assert detect_text_regions(natural_texture(640, 360, seed)) == []


def test_smooth_gradient_and_flat_frames_have_no_text() -> None:
    ramp = np.tile(np.linspace(0, 255, 640, dtype=np.float32), (360, 1))
    assert detect_text_regions(cv2.merge([ramp.astype(np.uint8)] * 3)) == []
    assert detect_text_regions(np.full((360, 640, 3), 128, np.uint8)) == []
