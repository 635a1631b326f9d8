"""Feature points, pyramidal Lucas–Kanade flow and robust homographies.

The building blocks shared by the planar tracker and camera-motion analysis. Flow is
checked forward–backward; homographies use OpenCV's USAC (MAGSAC++) with RANSAC as the
fallback, then are refit on the inliers.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[Any]
GrayImage = NDArray[Any]

_WIN = (21, 21)
_MAX_LEVEL = 3
_CRITERIA = (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 30, 0.01)


def detect_points(
    gray: GrayImage,
    mask: NDArray[Any] | None = None,
    *,
    max_points: int = 400,
    min_distance: float = 8.0,
    quality: float = 0.005,
    min_eigen: float = 1e-4,
) -> FloatArray:
    """Shi–Tomasi corners (N×2), refined to sub-pixel accuracy.

    ``quality`` is relative to the strongest corner; ``min_eigen`` is an absolute floor on
    the corner's smaller eigenvalue, so a flat, grainy area yields no corners at all
    rather than its noise (which flow cannot follow).
    """
    pts = cv2.goodFeaturesToTrack(
        gray, max_points, quality, min_distance, mask=mask, blockSize=7, useHarrisDetector=False
    )
    if pts is None:
        return np.empty((0, 2))
    pts = cv2.cornerSubPix(
        gray,
        pts.astype(np.float32),
        (5, 5),
        (-1, -1),
        (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 20, 0.01),
    )
    pts = pts.reshape(-1, 2).astype(np.float64)
    if min_eigen > 0 and len(pts):
        strength = cv2.cornerMinEigenVal(gray, 7, ksize=3)
        rows = np.clip(np.round(pts[:, 1]).astype(int), 0, gray.shape[0] - 1)
        cols = np.clip(np.round(pts[:, 0]).astype(int), 0, gray.shape[1] - 1)
        pts = pts[strength[rows, cols] >= min_eigen]
    return pts


def track_points(
    prev: GrayImage,
    cur: GrayImage,
    pts: FloatArray,
    *,
    guess: FloatArray | None = None,
    max_fb_error: float = 0.5,
    max_level: int | None = None,
) -> tuple[FloatArray, NDArray[Any]]:
    """Track ``pts`` from ``prev`` to ``cur``; returns new positions and a validity mask."""
    if len(pts) == 0:
        return np.empty((0, 2)), np.zeros(0, bool)
    level = _MAX_LEVEL if max_level is None else max_level
    p0 = pts.astype(np.float32).reshape(-1, 1, 2)
    flags = 0
    p1_init = None
    if guess is not None:
        p1_init = guess.astype(np.float32).reshape(-1, 1, 2).copy()
        flags = cv2.OPTFLOW_USE_INITIAL_FLOW
    p1, st1, _ = cv2.calcOpticalFlowPyrLK(
        prev, cur, p0, p1_init, winSize=_WIN, maxLevel=level, criteria=_CRITERIA, flags=flags
    )
    back, st2, _ = cv2.calcOpticalFlowPyrLK(
        cur,
        prev,
        p1,
        p0.copy(),
        winSize=_WIN,
        maxLevel=level,
        criteria=_CRITERIA,
        flags=cv2.OPTFLOW_USE_INITIAL_FLOW,
    )
    fb = np.linalg.norm((back - p0).reshape(-1, 2), axis=1)
    ok = (st1.ravel() == 1) & (st2.ravel() == 1) & (fb < max_fb_error)
    h, w = cur.shape[:2]
    q = p1.reshape(-1, 2).astype(np.float64)
    ok &= (q[:, 0] >= 0) & (q[:, 0] < w) & (q[:, 1] >= 0) & (q[:, 1] < h)
    return q, ok


def robust_homography(
    src: FloatArray, dst: FloatArray, *, threshold: float = 1.5
) -> tuple[FloatArray | None, NDArray[Any]]:
    """Homography src→dst from ≥ 8 matches, refit on inliers; ``None`` when it fails."""
    inliers = np.zeros(len(src), bool)
    if len(src) < 8:
        return None, inliers
    s, d = src.astype(np.float32), dst.astype(np.float32)
    h, mask = None, None
    usac = getattr(cv2, "USAC_MAGSAC", None)
    if usac is not None:
        h, mask = cv2.findHomography(s, d, usac, threshold, maxIters=2000, confidence=0.999)
    if h is None:
        h, mask = cv2.findHomography(s, d, cv2.RANSAC, threshold, maxIters=2000)
    if h is None or mask is None:
        return None, inliers
    inliers = mask.ravel().astype(bool)
    if inliers.sum() < 8:
        return None, inliers
    refit, _ = cv2.findHomography(s[inliers], d[inliers], 0)
    if refit is not None:
        h = refit
    return (h / h[2, 2]).astype(np.float64), inliers
