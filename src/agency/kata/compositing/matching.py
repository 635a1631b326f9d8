"""Match an insert's optics to the scene: defocus and sensor noise.

The scene's blur (equivalent Gaussian sigma) and noise are measured around the placement;
the insert, clean and sharp from resampling, is blurred up to the scene's sigma and gets
the missing noise variance, so it neither pops out sharp nor sits too clean.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from ..analysis.degradation import blur_sigma, noise_sigma

FloatImage = NDArray[Any]
_INSERT_SIGMA = 0.5
"""Blur the warp itself leaves on the insert (bilinear resampling)."""


@dataclass(frozen=True)
class OpticsMatch:
    """Blur to add (pixels) and noise to add (0–1 units) to an insert."""

    blur_sigma: float
    noise_sigma: float
    scene_blur_sigma: float
    scene_noise_sigma: float


def measure_optics(frame: NDArray[Any], context: NDArray[Any]) -> OpticsMatch:
    """How much blur and noise the scene has around the placement (``context`` 0/255)."""
    scene_blur = blur_sigma(frame, context)
    scene_noise = noise_sigma(frame, context)
    add_blur = math.sqrt(max(0.0, scene_blur**2 - _INSERT_SIGMA**2))
    return OpticsMatch(round(add_blur, 3), round(scene_noise / 255.0, 5), scene_blur, scene_noise)


def apply_blur(image: FloatImage, sigma: float) -> FloatImage:
    """Gaussian defocus; no-op below 0.3 px."""
    if sigma < 0.3:
        return image
    return cv2.GaussianBlur(image, (0, 0), sigma)


def line_kernel(dx: float, dy: float) -> NDArray[Any]:
    """A normalised streak kernel from −(dx, dy)/2 to +(dx, dy)/2, centred exactly.

    Samples are splatted bilinearly, so the kernel's centre of mass is the kernel's
    centre: blurring never shifts the image (a rasterised line can, by half a pixel).
    """
    length = math.hypot(dx, dy)
    size = 2 * math.ceil(length / 2 + 1) + 1
    kernel = np.zeros((size, size), np.float32)
    c = size // 2
    for s in np.linspace(-0.5, 0.5, max(2, math.ceil(length * 4))):
        x, y = c + s * dx, c + s * dy
        x0, y0 = math.floor(x), math.floor(y)
        fx, fy = x - x0, y - y0
        kernel[y0, x0] += (1 - fx) * (1 - fy)
        kernel[y0, x0 + 1] += fx * (1 - fy)
        kernel[y0 + 1, x0] += (1 - fx) * fy
        kernel[y0 + 1, x0 + 1] += fx * fy
    result: NDArray[Any] = kernel / kernel.sum()
    return result


def apply_motion_blur(
    image: FloatImage, velocity: tuple[float, float], shutter: float = 0.5
) -> FloatImage:
    """Linear motion blur along the insert's on-screen velocity (pixels per frame).

    ``shutter`` is the exposure as a fraction of the frame interval (180° shutter = 0.5);
    the streak the camera leaves on the scene is the same the insert must get.
    """
    dx, dy = velocity[0] * shutter, velocity[1] * shutter
    if math.hypot(dx, dy) < 1.0:
        return image
    return cv2.filter2D(image, -1, line_kernel(dx, dy))


class NoiseBank:
    """Unit Gaussian noise drawn once (luma plane and three chroma planes) and cut at a
    random offset per frame: each frame gets fresh-looking grain without drawing millions
    of normal variates per frame. Regions larger than the bank are drawn directly."""

    def __init__(self, rng: np.random.Generator, side: int = 1024) -> None:
        self.rng = rng
        self.field = rng.standard_normal((side, side, 4), dtype=np.float32)

    def take(self, height: int, width: int) -> NDArray[Any]:
        """A ``height × width × 4`` block of unit noise (luma, then B, G, R chroma)."""
        side = self.field.shape[0]
        if height > side or width > side:
            return self.rng.standard_normal((height, width, 4), dtype=np.float32)
        y = int(self.rng.integers(0, side - height + 1))
        x = int(self.rng.integers(0, side - width + 1))
        return self.field[y : y + height, x : x + width]


def add_noise(
    premultiplied: FloatImage,
    alpha: FloatImage,
    sigma: float,
    rng: np.random.Generator,
    bank: NoiseBank | None = None,
) -> FloatImage:
    """Add luma-correlated Gaussian noise of ``sigma`` where the insert covers the frame."""
    if sigma <= 0:
        return premultiplied
    height, width = alpha.shape
    unit = (
        bank.take(height, width)
        if bank is not None
        else rng.standard_normal((height, width, 4), dtype=np.float32)
    )
    grain = unit[:, :, :1] * sigma + unit[:, :, 1:] * (sigma * 0.3)
    return premultiplied + grain * alpha[:, :, None]
