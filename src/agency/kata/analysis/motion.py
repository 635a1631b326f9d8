"""Camera motion of a shot: global homographies between sampled frames, summarised.

Frames are compared at 640 pixels wide; each homography is decomposed around the frame
centre into translation, zoom and roll, and the shot is labelled by what dominates.
"""

from __future__ import annotations

import math
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from ..models import CameraMotion
from ..tracking.flow import detect_points, robust_homography, track_points

_WIDTH = 640


class CameraMotionEstimator:
    """Feed frames of one shot in order with :meth:`process_frame`; read :meth:`summary`."""

    def __init__(self) -> None:
        self._prev: NDArray[Any] | None = None
        self._prev_index = 0
        self._scale = 1.0
        self._steps: list[tuple[float, float, float, float]] = []

    def process_frame(self, index: int, bgr: NDArray[Any]) -> None:
        """Add a frame (``index`` is its frame number; gaps are normalised per frame)."""
        self._scale = min(1.0, _WIDTH / bgr.shape[1])
        gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
        if self._scale < 1.0:
            gray = cv2.resize(
                gray, None, fx=self._scale, fy=self._scale, interpolation=cv2.INTER_AREA
            )
        if self._prev is not None:
            gap = max(1, index - self._prev_index)
            self._steps.append(self._step(self._prev, gray, gap))
        self._prev, self._prev_index = gray, index

    def _step(
        self, prev: NDArray[Any], cur: NDArray[Any], gap: int
    ) -> tuple[float, float, float, float]:
        pts = detect_points(prev, max_points=300)
        moved, ok = track_points(prev, cur, pts, max_fb_error=1.0)
        h, inliers = robust_homography(pts[ok], moved[ok], threshold=2.0)
        if h is None:
            return (math.nan, math.nan, math.nan, 0.0)
        ratio = float(inliers.sum() / max(1, len(pts)))
        rows, cols = prev.shape
        centre = np.array([[cols / 2, rows / 2], [cols / 2 + 100, rows / 2]], np.float64)
        mapped = cv2.perspectiveTransform(centre.reshape(-1, 1, 2), h).reshape(-1, 2)
        shift = float(np.linalg.norm(mapped[0] - centre[0])) / self._scale / gap
        arm = mapped[1] - mapped[0]
        zoom = (float(np.linalg.norm(arm)) / 100.0) ** (1.0 / gap) - 1.0
        roll = math.degrees(math.atan2(arm[1], arm[0])) / gap
        return (shift, zoom, roll, ratio)

    def summary(self) -> CameraMotion:
        """Median motion per frame over the shot, labelled."""
        steps = np.array([s for s in self._steps if not math.isnan(s[0])])
        if len(steps) == 0:
            return CameraMotion(
                kind="static" if not self._steps else "unknown",
                translation_px_per_frame=0.0,
                zoom_per_frame=0.0,
                roll_deg_per_frame=0.0,
                inlier_ratio=0.0 if self._steps else 1.0,
            )
        shift, zoom, roll, ratio = (float(np.median(steps[:, i])) for i in range(4))
        variability = float(np.std(steps[:, 0])) if len(steps) > 2 else 0.0
        if shift < 0.3 and abs(zoom) < 0.001 and abs(roll) < 0.05:
            kind = "static"
        elif variability > max(1.0, shift):
            kind = "handheld"
        elif abs(zoom) * 500 > shift and abs(zoom) >= abs(roll) / 60:
            kind = "zoom"
        elif abs(roll) * 10 > shift:
            kind = "roll"
        else:
            kind = "pan"
        return CameraMotion(
            kind=kind,
            translation_px_per_frame=round(shift, 3),
            zoom_per_frame=round(zoom, 5),
            roll_deg_per_frame=round(roll, 4),
            inlier_ratio=round(ratio, 3),
        )
