"""Quad geometry shared by analysis, tracking and compositing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from agency.core.errors import InputError

from .models import Quad

FloatArray = NDArray[Any]


def as_points(quad: Sequence[Sequence[float]]) -> FloatArray:
    """A quad as a 4×2 float array (checked)."""
    pts = np.asarray(quad, dtype=np.float64)
    if pts.shape != (4, 2) or not np.all(np.isfinite(pts)):
        raise InputError(
            "A quad needs four [x, y] corners.",
            field="quad",
            fix="Give [[x,y],[x,y],[x,y],[x,y]]: top-left, top-right, bottom-right, bottom-left.",
        )
    return pts


def convex_quad(quad: Sequence[Sequence[float]]) -> FloatArray:
    """A user's quad as a 4×2 array, checked to be a convex four-sided shape."""
    points = as_points(quad)
    if not is_convex(points):
        raise InputError(
            "The quad is not a convex four-sided shape.",
            field="quad",
            fix="List corners clockwise from top-left: TL, TR, BR, BL.",
        )
    return points


def to_quad(points: FloatArray) -> Quad:
    """A 4×2 array as a JSON-friendly quad rounded to 1/1000 px."""
    p = [(round(float(x), 3), round(float(y), 3)) for x, y in points]
    return (p[0], p[1], p[2], p[3])


def apply_homography(h: FloatArray, points: FloatArray) -> FloatArray:
    """Map N×2 points through the 3×3 homography ``h``."""
    pts = np.asarray(points, dtype=np.float64).reshape(-1, 1, 2)
    return cv2.perspectiveTransform(pts, h).reshape(-1, 2)


def rect_to_quad_homography(width: int, height: int, quad: FloatArray) -> FloatArray:
    """Homography taking an image's corners (0,0)…(w,h) onto ``quad``."""
    src = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    return cv2.getPerspectiveTransform(src, quad.astype(np.float32)).astype(np.float64)


def polygon_area(points: FloatArray) -> float:
    """Absolute area of a simple polygon (shoelace)."""
    x, y = points[:, 0], points[:, 1]
    return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2.0)


def is_convex(points: FloatArray) -> bool:
    """True for a convex, non-degenerate quad."""
    return bool(
        cv2.isContourConvex(points.astype(np.float32).reshape(-1, 1, 2))
        and polygon_area(points) > 1.0
    )


def visible_fraction(points: FloatArray, width: int, height: int) -> float:
    """Share of the quad's area that lies inside the frame."""
    area = polygon_area(points)
    if area <= 0:
        return 0.0
    frame = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    inter, _ = cv2.intersectConvexConvex(points.astype(np.float32), frame)
    return float(min(1.0, max(0.0, inter / area)))


def quad_mask(points: FloatArray, width: int, height: int, scale: float = 1.0) -> NDArray[Any]:
    """A filled 0/255 mask of the quad, optionally scaled about its centroid."""
    centre = points.mean(axis=0)
    scaled = centre + (points - centre) * scale
    mask = np.zeros((height, width), np.uint8)
    cv2.fillConvexPoly(mask, np.round(scaled * 16).astype(np.int32), 255, cv2.LINE_AA, 4)
    return mask


def scaled_box(
    points: FloatArray, width: int, height: int, scale: float
) -> tuple[int, int, int, int]:
    """Bounding box ``(x0, y0, x1, y1)`` of the quad scaled about its centroid, clipped."""
    centre = points.mean(axis=0)
    scaled = centre + (points - centre) * scale
    x0 = int(max(0, np.floor(scaled[:, 0].min()) - 1))
    y0 = int(max(0, np.floor(scaled[:, 1].min()) - 1))
    x1 = int(min(width, np.ceil(scaled[:, 0].max()) + 2))
    y1 = int(min(height, np.ceil(scaled[:, 1].max()) + 2))
    return x0, y0, max(x0, x1), max(y0, y1)
