"""Product cut-outs: alpha used as is, studio shots matted classically.

For a photo without transparency the background is modelled from the image border
(a quadratic surface per Lab channel, so studio sweeps and vignettes count as
background), pixels far from it and not connected to the border through background
become the product, and OpenCV's GrabCut refines that seed. Edges are feathered.

What fails, by design: busy or textured backgrounds (scenes, patterns), products the
colour of their background (white on white), and transparent or glossy products that
show the backdrop through them. A confidence in 0..1 comes with every cut-out; below
``min_confidence`` the cut-out is refused with an :class:`InputError`.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from agency.core import InputError
from agency.creation.image.safe_load import has_transparency

ANALYSIS_SIDE = 480
MIN_CONFIDENCE = 0.75
_FIX = "upload a PNG with a transparent background, or a studio shot on a plain backdrop"


@dataclass(frozen=True)
class Cutout:
    """An RGBA product image cropped to its visible pixels."""

    image: Image.Image
    method: str  # "alpha", "matting:grabcut" or "matting:threshold"
    confidence: float
    source_box: tuple[int, int, int, int]  # where the crop lies in the source photo


def _background_model(lab: np.ndarray, strip: int) -> tuple[np.ndarray, np.ndarray]:
    """Per-pixel background Lab predicted from the border, and the border mask."""
    h, w = lab.shape[:2]
    border = np.zeros((h, w), bool)
    border[:strip], border[-strip:], border[:, :strip], border[:, -strip:] = True, True, True, True
    ys, xs = np.mgrid[0:h, 0:w]
    x, y = xs / max(w - 1, 1) - 0.5, ys / max(h - 1, 1) - 0.5
    design = np.stack([np.ones_like(x), x, y, x * x, x * y, y * y], axis=-1)
    coef, *_ = np.linalg.lstsq(design[border], lab[border], rcond=None)
    predicted = design @ coef
    return predicted, border


def _largest_parts(mask: np.ndarray) -> np.ndarray:
    """Keep the largest connected part and any part at least 5 % of its area."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        mask.astype(np.uint8), connectivity=8
    )
    if count <= 1:
        return mask
    areas = stats[1:, cv2.CC_STAT_AREA]
    keep = 1 + np.flatnonzero(areas >= 0.05 * areas.max())
    return np.isin(labels, keep)


def _seed_mask(distance: np.ndarray, threshold: float) -> np.ndarray:
    """Product = everything not reachable from the border through background pixels."""
    background = (distance <= threshold).astype(np.uint8)
    _, labels = cv2.connectedComponents(background, connectivity=4)
    edge_labels = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    outside = np.isin(labels, edge_labels[edge_labels > 0]) & (background > 0)
    product = ~outside
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3))
    opened = cv2.morphologyEx(product.astype(np.uint8), cv2.MORPH_OPEN, kernel) > 0
    return _largest_parts(opened)


def _shadow_like(rgb: np.ndarray, strip: int) -> np.ndarray:
    """Pixels that look like the backdrop darkened evenly in R, G and B (cast shadows)."""
    predicted, _ = _background_model(rgb.astype(np.float64), strip)
    ratio = rgb / np.maximum(predicted, 1.0)
    level = ratio.mean(axis=-1)
    spread = ratio.max(axis=-1) - ratio.min(axis=-1)
    return (level > 0.3) & (level < 0.97) & (spread < 0.07)


def _cast_shadows(candidates: np.ndarray, seed: np.ndarray) -> np.ndarray:
    """Shadow-like parts shaped like a cast shadow: flat and in the lower half of the seed.

    A light grey product is shadow-like all over; only low, flat parts count, so the
    product itself is not thrown away.
    """
    ys = np.flatnonzero(seed.any(axis=1))
    if not candidates.any() or ys.size == 0:
        return np.zeros_like(seed)
    top, height = ys[0], ys[-1] - ys[0] + 1
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(
        candidates.astype(np.uint8), connectivity=8
    )
    keep = [
        i
        for i in range(1, count)
        if stats[i, cv2.CC_STAT_HEIGHT] <= 0.35 * height and centroids[i][1] >= top + 0.5 * height
    ]
    return np.isin(labels, keep)


def _grabcut(
    bgr: np.ndarray, seed: np.ndarray, shadow: np.ndarray, distance: np.ndarray, thr: float
) -> np.ndarray:
    """GrabCut refinement of the seed mask (probable labels near the seed's edge).

    Shadow-like pixels start as probable background, so GrabCut's colour models decide
    whether they are a cast shadow or a grey part of the product.
    """
    mask = np.full(seed.shape, cv2.GC_PR_BGD, np.uint8)
    mask[seed & ~shadow] = cv2.GC_PR_FGD
    side = max(3, round(0.02 * max(seed.shape)))
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (side, side))
    core = cv2.erode(seed.astype(np.uint8), kernel) > 0
    far = cv2.dilate(seed.astype(np.uint8), kernel, iterations=2) == 0
    mask[core & ~shadow & (distance > thr)] = cv2.GC_FGD
    mask[far] = cv2.GC_BGD
    bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    cv2.grabCut(bgr, mask, (0, 0, 0, 0), bgd, fgd, 4, cv2.GC_INIT_WITH_MASK)
    return np.isin(mask, (cv2.GC_FGD, cv2.GC_PR_FGD))


def _edge_strength(matte: np.ndarray, distance: np.ndarray, threshold: float) -> float:
    """How clearly the product differs from the backdrop just inside its outline (0..1).

    A cut that ends inside a product the colour of its backdrop has a weak inner edge.
    """
    small = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3))
    large = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (9, 9))
    ring = (cv2.erode(matte.astype(np.uint8), small) > 0) & ~(
        cv2.erode(matte.astype(np.uint8), large) > 0
    )
    if not ring.any():
        return 0.0
    strong = float((distance[ring] > 1.5 * threshold).mean())
    return float(np.clip((strong - 0.5) / 0.35, 0.0, 1.0))


def _iou(a: np.ndarray, b: np.ndarray) -> float:
    union = np.logical_or(a, b).sum()
    return float(np.logical_and(a, b).sum() / union) if union else 0.0


def cut_out_product(image: Image.Image, *, min_confidence: float = MIN_CONFIDENCE) -> Cutout:
    """The product on a transparent background, or InputError if it cannot be cut out."""
    if has_transparency(image):
        rgba = image.convert("RGBA")
        box = rgba.getchannel("A").getbbox() or (0, 0, *rgba.size)
        return Cutout(rgba.crop(box), "alpha", 1.0, box)
    rgb = np.asarray(image.convert("RGB"))
    h, w = rgb.shape[:2]
    scale = min(1.0, ANALYSIS_SIDE / max(h, w))
    small = cv2.resize(
        rgb, (max(8, round(w * scale)), max(8, round(h * scale))), interpolation=cv2.INTER_AREA
    )
    lab = cv2.cvtColor(small, cv2.COLOR_RGB2LAB).astype(np.float64)
    strip = max(2, round(0.02 * min(small.shape[:2])))
    predicted, border = _background_model(lab, strip)
    distance = np.linalg.norm(lab - predicted, axis=-1)
    noise = float(np.median(distance[border]))
    threshold = max(10.0, 3.0 * noise + 4.0)
    border_clean = float((distance[border] <= threshold).mean())
    seed = _seed_mask(distance, threshold)
    shadow = _cast_shadows(_shadow_like(small, strip) & seed, seed)
    core = seed & ~shadow
    if core.sum() < 0.3 * seed.sum():  # all "shadow": a grey product, not a shadow
        shadow, core = np.zeros_like(seed), seed
    area = float(seed.mean())
    method, matte = "matting:threshold", _largest_parts(core)
    if 0.005 < area < 0.97:
        bgr = cv2.cvtColor(small, cv2.COLOR_RGB2BGR)
        try:
            refined = _grabcut(bgr, seed, shadow, distance, threshold)
            if refined.any():
                method, matte = "matting:grabcut", _largest_parts(refined)
        except cv2.error:
            pass
    agreement = max(_iou(seed, matte), _iou(core, matte))
    edge = _edge_strength(matte, distance, threshold)
    area = float(matte.mean())
    area_ok = 1.0 if 0.01 <= area <= 0.92 else 0.0
    calm = float(np.clip(1.25 - noise / 12.0, 0.0, 1.0))
    confidence = round(min(1.0, border_clean) * agreement * area_ok * calm * edge, 3)
    if confidence < min_confidence:
        raise InputError(
            f"The product photo's background is too busy or too close to the product to "
            f"cut out reliably (confidence {confidence:.2f} < {min_confidence}).",
            field="product_image",
            fix=_FIX,
        )
    alpha = cv2.resize(matte.astype(np.uint8) * 255, (w, h), interpolation=cv2.INTER_LINEAR)
    feather = max(0.8, 0.6 / scale)
    alpha = cv2.GaussianBlur(alpha, (0, 0), feather)
    cut = Image.fromarray(np.dstack([rgb, alpha]), "RGBA")
    bbox = cut.getchannel("A").point(lambda v: 255 if v > 8 else 0).getbbox() or (0, 0, w, h)
    return Cutout(cut.crop(bbox), method, confidence, bbox)


def alpha_mask(cutout: Cutout) -> np.ndarray:
    """The cut-out's alpha channel as a boolean mask (alpha ≥ 128)."""
    return np.asarray(cutout.image.getchannel("A")) >= 128
