"""Lines of text and signage in a frame, found classically (MSER, no downloaded model).

A placement must not cover someone else's brand or a sign. Character candidates are
OpenCV MSER regions (dark and bright) that look like glyphs: a glyph's height and
aspect, partly filled bounding box, thin strokes of even width (distance transform
along the stroke's ridge). Three or more candidates of similar height, stroke and shade
chained side by side on one baseline make a line. Textures, foliage and smooth
gradients rarely pass all of it; clutter of repeated small parts (keyboards, grilles)
sometimes does, and small, curved, vertical or heavily stylised lettering is missed.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

Box = tuple[int, int, int, int]
"""``(x, y, w, h)`` in pixels."""


class TextRegionDetector:
    """Finds boxes of text lines in BGR frames; holds its MSER settings."""

    def __init__(
        self,
        *,
        max_side: int = 960,
        min_height: int = 8,
        min_components: int = 3,
        max_stroke_ratio: float = 0.35,
        max_stroke_variation: float = 0.6,
    ) -> None:
        self.max_side = max_side
        self.min_height = min_height
        self.min_components = min_components
        self.max_stroke_ratio = max_stroke_ratio
        self.max_stroke_variation = max_stroke_variation

    def detect(self, frame_bgr: NDArray[Any]) -> list[Box]:
        """Boxes of text lines in full-frame pixels, largest first."""
        gray = cv2.cvtColor(frame_bgr, cv2.COLOR_BGR2GRAY) if frame_bgr.ndim == 3 else frame_bgr
        scale = min(1.0, self.max_side / max(gray.shape))
        if scale < 1.0:
            gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        height = gray.shape[0]
        mser = cv2.MSER.create(5, max(20, self.min_height**2 // 4), (height // 3) ** 2)
        regions, boxes = mser.detectRegions(gray)
        glyphs = self._glyphs(gray, regions, np.asarray(boxes).reshape(-1, 4))
        lines = [tuple(round(v / scale) for v in box) for box in self._lines(glyphs)]
        return sorted(lines, key=lambda b: -b[2] * b[3])  # type: ignore[return-value]

    def _glyphs(self, gray: NDArray[Any], regions: Any, boxes: NDArray[Any]) -> NDArray[Any]:
        """Rows ``x, y, w, h, stroke width, mean grey`` of the regions shaped like glyphs,
        duplicates (nested MSERs) merged."""
        if len(boxes) == 0:
            return np.zeros((0, 6))
        w, h = boxes[:, 2].astype(float), boxes[:, 3].astype(float)
        fill = np.array([len(r) for r in regions], float) / (w * h)
        keep = (
            (h >= self.min_height)
            & (h <= gray.shape[0] / 3)
            & (w / h >= 0.08)
            & (w / h <= 2.5)
            & (fill >= 0.12)
            & (fill <= 0.92)
        )
        rows = []
        for i in _without_words(boxes, _dedupe(boxes, np.flatnonzero(keep))):
            stroke = self._stroke_width(regions[i], boxes[i])
            if stroke is not None:
                points = regions[i]
                grey = float(gray[points[:, 1], points[:, 0]].mean())
                rows.append([*boxes[i], stroke, grey])
        return np.array(rows, float).reshape(-1, 6)

    def _stroke_width(self, points: NDArray[Any], box: NDArray[Any]) -> float | None:
        """Mean stroke width when the strokes are thin and even, as pens and fonts draw."""
        x, y, w, h = (int(v) for v in box)
        mask = np.zeros((h + 2, w + 2), np.uint8)
        mask[points[:, 1] - y + 1, points[:, 0] - x + 1] = 1
        dist = cv2.distanceTransform(mask, cv2.DIST_L2, 3)
        ridge = (dist > 0) & (dist >= cv2.dilate(dist, np.ones((3, 3), np.uint8)))
        widths = 2.0 * dist[ridge]
        if widths.size < 3:
            return None
        mean = float(widths.mean())
        even = float(widths.std()) <= self.max_stroke_variation * mean
        return mean if even and mean <= self.max_stroke_ratio * h else None

    def _lines(self, glyphs: NDArray[Any]) -> list[Box]:
        """Boxes of chains of ``min_components`` or more glyphs of one height, stroke and
        shade side by side on one baseline. Each glyph links only to its nearest fitting
        neighbour on each side (both ways), so lines do not spread into clutter."""
        n = len(glyphs)
        if n < self.min_components:
            return []
        x, y, w, h, stroke, grey = glyphs.T
        cx, cy = x + w / 2, y + h / 2

        def pair(v: NDArray[Any]) -> tuple[NDArray[Any], NDArray[Any]]:
            return np.maximum(v[:, None], v[None, :]), np.minimum(v[:, None], v[None, :])

        tall, short = pair(h)
        thick, thin = pair(stroke)
        gap = x[None, :] - (x + w)[:, None]  # from i's right edge to j's left edge
        fits = (
            (cx[None, :] > cx[:, None])
            & (tall <= 1.6 * short)
            & (thick <= 2.0 * thin)
            & (np.abs(grey[:, None] - grey[None, :]) <= 50)
            & (np.abs(cy[:, None] - cy[None, :]) <= 0.35 * tall)
            & (gap <= tall)
            & (-gap <= 0.3 * pair(w)[1])  # side by side, not nested
        )
        cost = np.where(fits, np.abs(gap), np.inf)
        right, left = cost.argmin(axis=1), cost.argmin(axis=0)
        parent = list(range(n))
        for i in range(n):
            j = int(right[i])
            if np.isfinite(cost[i, j]) and left[j] == i:
                parent[_root(parent, i)] = _root(parent, j)
        groups: dict[int, list[int]] = {}
        for i in range(n):
            groups.setdefault(_root(parent, i), []).append(i)
        lines = []
        for members in groups.values():
            if len(members) < self.min_components:
                continue
            x0, y0 = x[members].min(), y[members].min()
            x1, y1 = (x + w)[members].max(), (y + h)[members].max()
            typical = float(np.median(h[members]))
            if y1 - y0 <= 2.0 * typical and x1 - x0 >= 1.2 * typical:  # one row, wide
                lines.append((int(x0), int(y0), int(x1 - x0), int(y1 - y0)))
        return _merge(lines)


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _merge(boxes: list[Box]) -> list[Box]:
    """Union of boxes that overlap, until none do."""
    boxes = list(boxes)
    merged = True
    while merged:
        merged = False
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                (ax, ay, aw, ah), (bx, by, bw, bh) = boxes[i], boxes[j]
                if ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah:
                    x0, y0 = min(ax, bx), min(ay, by)
                    x1, y1 = max(ax + aw, bx + bw), max(ay + ah, by + bh)
                    boxes[i] = (x0, y0, x1 - x0, y1 - y0)
                    del boxes[j]
                    merged = True
                    break
            if merged:
                break
    return boxes


def _dedupe(boxes: NDArray[Any], order: NDArray[Any]) -> list[int]:
    """Indices of ``boxes`` without near-duplicates (IoU > 0.6), smallest kept first."""
    if len(order) == 0:
        return []
    order = order[np.argsort(boxes[order, 2] * boxes[order, 3], kind="stable")]
    b = boxes[order].astype(float)
    x0, y0, x1, y1 = b[:, 0], b[:, 1], b[:, 0] + b[:, 2], b[:, 1] + b[:, 3]
    area = b[:, 2] * b[:, 3]
    alive = np.ones(len(order), bool)
    kept: list[int] = []
    for k in range(len(order)):
        if not alive[k]:
            continue
        kept.append(int(order[k]))
        iw = np.clip(np.minimum(x1[k], x1) - np.maximum(x0[k], x0), 0, None)
        ih = np.clip(np.minimum(y1[k], y1) - np.maximum(y0[k], y0), 0, None)
        inter = iw * ih
        alive &= inter / (area[k] + area - inter) <= 0.6
    return kept


def _without_words(boxes: NDArray[Any], kept: list[int]) -> list[int]:
    """Drop regions that hold two or more candidates of nearly their height: whole
    words, not glyphs (a glyph's holes are far smaller)."""
    if not kept:
        return kept
    b = boxes[kept].astype(float)
    x0, y0, x1, y1 = b[:, 0], b[:, 1], b[:, 0] + b[:, 2], b[:, 1] + b[:, 3]
    iw = np.clip(np.minimum(x1[:, None], x1[None]) - np.maximum(x0[:, None], x0[None]), 0, None)
    ih = np.clip(np.minimum(y1[:, None], y1[None]) - np.maximum(y0[:, None], y0[None]), 0, None)
    inside = iw * ih >= 0.8 * (b[:, 2] * b[:, 3])[None, :]  # [i, j]: j lies inside i
    inside &= b[None, :, 3] >= 0.6 * b[:, None, 3]
    np.fill_diagonal(inside, False)
    return [k for k, holds in zip(kept, inside.sum(axis=1), strict=True) if holds < 2]


def detect_text_regions(frame_bgr: NDArray[Any]) -> list[Box]:
    """Boxes ``(x, y, w, h)`` of text lines and signage in a BGR frame (default settings)."""
    return TextRegionDetector().detect(frame_bgr)
