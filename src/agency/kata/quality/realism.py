"""Realism score: measurable consistency between the insert and the scene around it.

Each part compares the composited insert with the ring of scene around it in the output
frame — light colour (grey-edge illuminant angle), luminance level, noise, blur — plus
the track's own jitter, for upright inserts the contact shadow (a product standing on a
surface darkens it at its base; no darkening reads as floating), and for occluded
placements the steadiness of the occlusion (a matte that flickers shows). Each maps to
0–1 and the score is their weighted geometric mean × 100. It is a consistency check, not
a perceptual model: it flags an insert that is too clean, too sharp, too bright, in other
light than its surroundings, floating, or blinking behind an occluder.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from ..analysis.degradation import blur_sigma, noise_sigma
from ..compositing.decal import Product, warp_decal
from ..compositing.harmonize import grey_edge_illuminant, srgb_to_linear
from ..geometry import FloatArray, quad_mask, scaled_box

WEIGHTS = {
    "light_colour": 1.0,
    "luminance": 1.0,
    "noise": 1.0,
    "blur": 1.0,
    "stability": 1.5,
    "shadow": 1.0,
    "occlusion": 1.0,
}


@dataclass
class RealismMeter:
    """Accumulates per-frame measurements of composited frames; :meth:`result` scores them."""

    product: Product | None = None
    """With the product, light colour is judged on the relight applied to it (the insert's
    mean colour divided by the product's own, in linear light), so a red product is not
    read as red light."""
    samples: dict[str, list[float]] = field(
        default_factory=lambda: {
            k: [] for k in ("angle", "log_luma", "noise", "blur", "contact", "hidden")
        }
    )

    def measure_contact(self, frame: NDArray[Any], quad: FloatArray) -> None:
        """Upright inserts: luminance just under the base relative to the surface a little
        further out (1.0 = no contact shadow)."""
        base_l, base_r = quad[3], quad[2]
        width = float(np.linalg.norm(base_r - base_l))
        if width < 8:
            return
        down = np.array([-(base_r - base_l)[1], (base_r - base_l)[0]]) / width
        if down[1] < 0:
            down = -down
        luma = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY).astype(np.float32)

        def band(near: float, far: float) -> float | None:
            poly = np.array(
                [
                    base_l + down * near,
                    base_r + down * near,
                    base_r + down * far,
                    base_l + down * far,
                ],
                np.float32,
            )
            mask = np.zeros(luma.shape, np.uint8)
            cv2.fillConvexPoly(mask, np.round(poly).astype(np.int32), 1)
            return float(luma[mask > 0].mean()) if mask.sum() >= 20 else None

        under = band(1.0, 1.0 + 0.06 * width)
        beyond = band(0.5 * width, 0.62 * width)
        if under is not None and beyond is not None and beyond > 5:
            self.samples["contact"].append(under / beyond)

    def add_hidden(self, hidden: float) -> None:
        """Share of the product hidden by occluders in the next placed frame."""
        self.samples["hidden"].append(hidden)

    def measure(self, frame: NDArray[Any], quad: FloatArray) -> None:
        """Measure one composited frame with the insert at ``quad``."""
        x0, y0, x1, y1 = scaled_box(quad, frame.shape[1], frame.shape[0], 1.8)
        frame = frame[y0:y1, x0:x1]
        quad = quad - [x0, y0]
        height, width = frame.shape[:2]
        inside = quad_mask(quad, width, height, scale=0.9)
        ring = (quad_mask(quad, width, height, 1.8) > 0) & (
            quad_mask(quad, width, height, 1.1) == 0
        )
        if inside.sum() < 400 * 255 or ring.sum() < 400:
            return
        ring_u8 = ring.astype(np.uint8) * 255
        linear = srgb_to_linear(frame.astype(np.float32) / 255.0)
        e_in = self._insert_light(linear, quad, inside > 0)
        e_ring = grey_edge_illuminant(linear, ring)
        cos = float(np.dot(e_in, e_ring) / (np.linalg.norm(e_in) * np.linalg.norm(e_ring)))
        self.samples["angle"].append(math.degrees(math.acos(min(1.0, max(-1.0, cos)))))
        luma = linear @ np.array([0.0722, 0.7152, 0.2126], np.float32)
        self.samples["log_luma"].append(
            abs(math.log2((luma[inside > 0].mean() + 1e-3) / (luma[ring].mean() + 1e-3)))
        )
        n_in, n_ring = noise_sigma(frame, inside), noise_sigma(frame, ring_u8)
        self.samples["noise"].append(abs(math.log((n_in + 0.5) / (n_ring + 0.5))))
        b_in, b_ring = blur_sigma(frame, inside), blur_sigma(frame, ring_u8)
        if b_in > 0 and b_ring > 0:
            self.samples["blur"].append(abs(b_in - b_ring))

    def _insert_light(self, linear: NDArray[Any], quad: FloatArray, inside: NDArray[Any]) -> Any:
        """Light colour on the insert: absolute, or relative to the product's own colours."""
        height, width = linear.shape[:2]
        decal = warp_decal(self.product, quad, width, height, 0) if self.product else None
        if decal is None:
            return grey_edge_illuminant(linear, inside)
        x, y, w, h = decal.box
        alpha = np.zeros((height, width), np.float32)
        alpha[y : y + h, x : x + w] = decal.alpha
        reference = np.zeros_like(linear)
        straight = decal.premultiplied / np.maximum(decal.alpha, 1e-4)[:, :, None]
        reference[y : y + h, x : x + w] = srgb_to_linear(np.clip(straight, 0, 1))
        solid = inside & (cv2.erode(alpha, np.ones((5, 5), np.uint8)) > 0.95)
        if solid.sum() < 200:
            return grey_edge_illuminant(linear, inside)
        # Output ≈ gain × product (noise is zero-mean), so the ratio of means in linear
        # light is the light the insert was given, whatever the product's own colours.
        applied = linear[solid].mean(axis=0) / np.maximum(reference[solid].mean(axis=0), 1e-4)
        return applied * 3.0 / applied.sum()

    def result(self, *, jitter_px: float) -> dict[str, float]:
        """Parts (0–1), the raw medians, and the overall score (0–100)."""

        def median(key: str) -> float | None:
            values = self.samples[key]
            return float(np.median(values)) if values else None

        raw = {
            "illuminant_angle_deg": median("angle"),
            "log2_luminance_ratio": median("log_luma"),
            "noise_log_ratio": median("noise"),
            "blur_sigma_difference_px": median("blur"),
            "track_jitter_px": jitter_px,
            "contact_luminance_ratio": median("contact"),
            "occlusion_flicker": _flicker(self.samples["hidden"]),
        }
        parts = {
            "light_colour": _decay(raw["illuminant_angle_deg"], 6.0),
            "luminance": _decay(raw["log2_luminance_ratio"], 1.5),
            "noise": _decay(raw["noise_log_ratio"], 0.7),
            "blur": _decay(raw["blur_sigma_difference_px"], 1.0),
            "stability": _decay(jitter_px, 0.5),
            # Below ~0.9 the base is visibly grounded; 1.0 (no shadow) decays to ~0.6.
            "shadow": _decay(
                None
                if raw["contact_luminance_ratio"] is None
                else max(0.0, raw["contact_luminance_ratio"] - 0.9),
                0.2,
            ),
            "occlusion": _decay(raw["occlusion_flicker"], 0.05),
        }
        total = sum(WEIGHTS.values())
        score = math.exp(sum(WEIGHTS[k] * math.log(max(v, 1e-3)) for k, v in parts.items()) / total)
        out: dict[str, float] = {"realism": round(100.0 * score, 1)}
        out |= {f"part_{k}": round(v, 3) for k, v in parts.items()}
        out |= {k: round(v, 4) for k, v in raw.items() if v is not None}
        return out


def _flicker(hidden: list[float]) -> float | None:
    """Mean back-and-forth of the hidden share while something occludes: a passing
    occluder covers more, then less (one reversal), however fast it walks; a matte that
    blinks reverses every frame. Each pair of opposite steps counts its smaller step."""
    steps = [b - a for a, b in itertools.pairwise(hidden) if max(a, b) > 0.01]
    if len(steps) < 3:
        return None
    reversals = [min(abs(a), abs(b)) for a, b in itertools.pairwise(steps) if a * b < 0]
    return float(sum(reversals) / (len(steps) - 1))


def _decay(value: float | None, scale: float) -> float:
    return 1.0 if value is None else math.exp(-value / scale)


def track_jitter(raw: FloatArray, smooth: FloatArray) -> float:
    """Frame-to-frame RMS change of (raw − smoothed) corners: estimator noise left in view."""
    if len(raw) < 2:
        return 0.0
    step = np.diff(np.asarray(raw) - np.asarray(smooth), axis=0)
    return float(np.sqrt((step**2).sum(axis=-1).mean()))
