"""Light of a scene: level, colour temperature and the direction it comes from.

Colour temperature uses the grey-world chromaticity of the brighter, unclipped pixels in
linear sRGB, converted to CIE xy and to a CCT with McCamy's formula. Direction comes from
the mean gradient of heavily smoothed luminance: light falls off away from its source.
"""

from __future__ import annotations

import math
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from ..models import LightEstimate

_SRGB_TO_XYZ = np.array(
    [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
)


def srgb_to_linear(values: NDArray[np.floating]) -> NDArray[Any]:
    """sRGB (0–1) to linear light."""
    v = np.asarray(values, dtype=np.float64)
    return np.where(v <= 0.04045, v / 12.92, ((v + 0.055) / 1.055) ** 2.4)


def color_temperature(bgr: NDArray[Any], mask: NDArray[Any] | None = None) -> float:
    """Correlated colour temperature (kelvin) of the pixels' grey-world white point."""
    pixels = bgr.reshape(-1, 3) if mask is None else bgr[mask > 0]
    if pixels.size == 0:
        return 6500.0
    luma = pixels.mean(axis=1)
    keep = (luma > np.percentile(luma, 30)) & (pixels.max(axis=1) < 250)
    if keep.sum() >= 20:
        pixels = pixels[keep]
    rgb = srgb_to_linear(pixels[:, ::-1] / 255.0).mean(axis=0)
    xyz = _SRGB_TO_XYZ @ rgb
    total = float(xyz.sum())
    if total <= 1e-9:
        return 6500.0
    x, y = xyz[0] / total, xyz[1] / total
    n = (x - 0.3320) / (0.1858 - y) if abs(0.1858 - y) > 1e-9 else 0.0
    cct = 449.0 * n**3 + 3525.0 * n**2 + 6823.3 * n + 5520.33
    return float(np.clip(cct, 1500.0, 20000.0))


def light_direction(bgr: NDArray[Any]) -> tuple[float, float]:
    """Direction light comes from (degrees, 0 = from the left, 90 = from above) and strength."""
    gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY).astype(np.float32)
    small = cv2.resize(gray, (64, max(8, round(64 * gray.shape[0] / gray.shape[1]))))
    small = cv2.GaussianBlur(small, (0, 0), 4.0)
    gx = float(cv2.Sobel(small, cv2.CV_32F, 1, 0).mean())
    gy = float(cv2.Sobel(small, cv2.CV_32F, 0, 1).mean())
    # Brightness grows towards the light: light comes from the side the gradient points to.
    angle = math.degrees(math.atan2(-gy, -gx)) % 360.0
    spread = float(small.std()) + 1e-6
    strength = min(1.0, math.hypot(gx, gy) / (spread * 0.5 + 1.0))
    return angle, strength


def estimate_light(bgr: NDArray[Any]) -> LightEstimate:
    """Brightness, colour temperature and direction of the light in a frame."""
    direction, strength = light_direction(bgr)
    return LightEstimate(
        brightness=round(float(cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY).mean()), 2),
        color_temperature_k=round(color_temperature(bgr), 1),
        direction_deg=round(direction, 1),
        directionality=round(strength, 3),
    )
