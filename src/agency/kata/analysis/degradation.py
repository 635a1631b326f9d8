"""Blur and noise of a frame or region: what an insert must match to look shot, not pasted.

Blur: variance of the Laplacian (a sharpness figure) and an equivalent Gaussian sigma from
the re-blur gradient ratio at edges (Zhuo & Sim 2011). Noise: Immerkær's (1996) Laplacian
difference operator over the flattest pixels, so texture does not read as noise.
"""

from __future__ import annotations

import math
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from ..models import Degradation

_REBLUR_SIGMA = 1.0
_NOISE_KERNEL = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], np.float32)


def _luma(image: NDArray[Any]) -> NDArray[Any]:
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    return gray.astype(np.float32)


def laplacian_variance(image: NDArray[Any], mask: NDArray[Any] | None = None) -> float:
    """Variance of the Laplacian of luma (higher is sharper)."""
    lap = cv2.Laplacian(_luma(image), cv2.CV_32F)
    values = lap[mask > 0] if mask is not None else lap
    return float(values.var()) if values.size else 0.0


def blur_sigma(image: NDArray[Any], mask: NDArray[Any] | None = None) -> float:
    """Equivalent Gaussian blur (pixels) at strong edges; 0 when no edges are found."""
    luma = _luma(image)
    smooth = cv2.GaussianBlur(luma, (0, 0), _REBLUR_SIGMA)
    g1 = cv2.magnitude(cv2.Sobel(luma, cv2.CV_32F, 1, 0), cv2.Sobel(luma, cv2.CV_32F, 0, 1))
    g2 = cv2.magnitude(cv2.Sobel(smooth, cv2.CV_32F, 1, 0), cv2.Sobel(smooth, cv2.CV_32F, 0, 1))
    edges = cv2.Canny(np.clip(luma, 0, 255).astype(np.uint8), 50, 150) > 0
    if mask is not None:
        edges &= mask > 0
    strong = edges & (g1 > 40.0)
    if strong.sum() < 20:
        return 0.0
    ratio = g1[strong] / np.maximum(g2[strong], 1e-6)
    ratio = ratio[ratio > 1.01]
    if ratio.size < 10:
        return 8.0
    sigmas = _REBLUR_SIGMA / np.sqrt(ratio**2 - 1.0)
    return float(np.clip(np.median(sigmas), 0.0, 8.0))


def noise_sigma(image: NDArray[Any], mask: NDArray[Any] | None = None) -> float:
    """Standard deviation of additive noise in luma (0–255), from the flattest pixels."""
    luma = _luma(image)
    response = np.abs(cv2.filter2D(luma, cv2.CV_32F, _NOISE_KERNEL))
    grad = cv2.magnitude(cv2.Sobel(luma, cv2.CV_32F, 1, 0), cv2.Sobel(luma, cv2.CV_32F, 0, 1))
    valid = np.ones(luma.shape, bool)
    valid[:2, :] = valid[-2:, :] = valid[:, :2] = valid[:, -2:] = False
    if mask is not None:
        valid &= mask > 0
    if valid.sum() < 50:
        return 0.0
    flat = valid & (grad <= np.percentile(grad[valid], 50))
    if flat.sum() < 50:
        flat = valid
    return float(math.sqrt(math.pi / 2.0) * response[flat].mean() / 6.0)


def measure_degradation(image: NDArray[Any], mask: NDArray[Any] | None = None) -> Degradation:
    """Sharpness, blur sigma and noise sigma of ``image`` (inside ``mask`` if given)."""
    return Degradation(
        sharpness=round(laplacian_variance(image, mask), 3),
        blur_sigma=round(blur_sigma(image, mask), 3),
        noise_sigma=round(noise_sigma(image, mask), 3),
    )
