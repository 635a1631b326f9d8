"""Colour and light harmonisation of an insert to the scene around it.

Two methods:

* ``reinhard_lab`` — Reinhard et al. (2001) statistics transfer in Lab: the insert's mean
  and spread per channel are moved towards those of the surrounding region.
* ``illuminant_match`` — the default: estimate the light falling on the insert's
  surroundings and on the insert itself with the grey-edge hypothesis (van de Weijer
  2007, Minkowski p = 6 on linear-light gradients), apply the von Kries diagonal that maps
  one to the other, and match exposure in the log-luminance domain. It changes the light,
  not the content, so a red logo on a beige wall stays red.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

FloatImage = NDArray[Any]
Mask = NDArray[Any]


def srgb_to_linear(v: FloatImage) -> FloatImage:
    """sRGB (0–1) to linear light."""
    return np.where(v <= 0.04045, v / 12.92, ((v + 0.055) / 1.055) ** 2.4).astype(np.float32)


def linear_to_srgb(v: FloatImage) -> FloatImage:
    """Linear light to sRGB (0–1)."""
    v = np.clip(v, 0.0, None)
    return np.where(v <= 0.0031308, v * 12.92, 1.055 * v ** (1 / 2.4) - 0.055).astype(np.float32)


def grey_edge_illuminant(linear: FloatImage, mask: Mask, p: float = 6.0) -> NDArray[Any]:
    """Illuminant colour (BGR, sums to 3) from gradients inside ``mask``."""
    blurred = cv2.GaussianBlur(linear, (0, 0), 1.0)
    gx = cv2.Sobel(blurred, cv2.CV_32F, 1, 0)
    gy = cv2.Sobel(blurred, cv2.CV_32F, 0, 1)
    mag = np.sqrt(gx**2 + gy**2)[mask]
    if mag.shape[0] < 20 or float(mag.sum()) < 1e-6:
        values = linear[mask]
        est = (values**p).mean(axis=0) ** (1 / p) if len(values) else np.ones(3)
    else:
        est = (mag.astype(np.float64) ** p).mean(axis=0) ** (1 / p)
    est = np.maximum(est, 1e-6)
    return np.asarray(est * 3.0 / est.sum(), np.float64)


def _log_mean_luma(linear: FloatImage, mask: Mask, weights: FloatImage | None = None) -> float:
    luma = linear[..., 0] * 0.0722 + linear[..., 1] * 0.7152 + linear[..., 2] * 0.2126
    values = np.log(luma[mask] + 1e-3)
    if weights is None:
        return float(values.mean()) if values.size else 0.0
    w = weights[mask]
    return float((values * w).sum() / max(float(w.sum()), 1e-6))


@dataclass(frozen=True)
class Harmonization:
    """A per-channel gain in linear light (BGR): what the insert is multiplied by."""

    gains: tuple[float, float, float]

    def apply(self, bgr: FloatImage) -> FloatImage:
        """Apply to straight (not premultiplied) sRGB 0–1 colours."""
        return linear_to_srgb(srgb_to_linear(bgr) * np.asarray(self.gains, np.float32))


def illuminant_match(
    insert: FloatImage,
    insert_alpha: FloatImage,
    scene: FloatImage,
    context: Mask,
    *,
    strength: float = 0.8,
    exposure_strength: float = 0.5,
    neutral_source: bool = True,
) -> Harmonization:
    """Gains that relight ``insert`` (sRGB 0–1) with the light of ``scene`` in ``context``.

    ``neutral_source``: the insert was shot in white light (a product shot), so only the
    scene's light is estimated; otherwise the insert's own light is estimated too and
    replaced (an insert cut from another photo).
    """
    fg_mask = insert_alpha > 0.5
    if fg_mask.sum() < 20 or context.sum() < 20:
        return Harmonization((1.0, 1.0, 1.0))
    lin_fg, lin_bg = srgb_to_linear(insert), srgb_to_linear(scene)
    e_fg = np.ones(3) if neutral_source else grey_edge_illuminant(lin_fg, fg_mask)
    e_bg = grey_edge_illuminant(lin_bg, context)
    colour = np.clip((e_bg / e_fg) ** strength, 0.5, 2.0)
    adapted = lin_fg * colour.astype(np.float32)
    delta = _log_mean_luma(lin_bg, context) - _log_mean_luma(adapted, fg_mask)
    exposure = float(np.clip(np.exp(exposure_strength * delta), 0.35, 2.5))
    gains = colour * exposure
    return Harmonization((float(gains[0]), float(gains[1]), float(gains[2])))


def reinhard_lab(
    insert: FloatImage,
    insert_alpha: FloatImage,
    scene: FloatImage,
    context: Mask,
    *,
    strength: float = 1.0,
) -> FloatImage:
    """Reinhard statistics transfer in Lab from ``scene[context]`` to the insert."""
    fg_mask = insert_alpha > 0.5
    if fg_mask.sum() < 20 or context.sum() < 20:
        return insert
    lab_fg = cv2.cvtColor(np.clip(insert, 0, 1), cv2.COLOR_BGR2Lab)
    lab_bg = cv2.cvtColor(np.clip(scene, 0, 1), cv2.COLOR_BGR2Lab)
    fg, bg = lab_fg[fg_mask], lab_bg[context]
    mu_f, sd_f = fg.mean(axis=0), fg.std(axis=0) + 1e-3
    mu_b, sd_b = bg.mean(axis=0), bg.std(axis=0) + 1e-3
    moved = (lab_fg - mu_f) * (sd_b / sd_f) + mu_b
    out = lab_fg + strength * (moved - lab_fg)
    return np.clip(cv2.cvtColor(out.astype(np.float32), cv2.COLOR_Lab2BGR), 0, 1)
