"""Planar tracker: follows a quad through a shot with keyframe-anchored homographies.

Each frame, Lucas–Kanade flow from the previous frame predicts where the keyframe's
features went (a robust homography keyframe→frame). The frame is then warped back into
the keyframe's view with that prediction and the features are matched against the
keyframe itself; the small residual homography corrects the prediction. Errors therefore
do not accumulate frame to frame (no drift) as long as the keyframe stays in view; when
too few of its features remain, the current frame becomes the new keyframe.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from ..geometry import FloatArray, apply_homography
from .flow import GrayImage, detect_points, robust_homography, track_points


@dataclass(frozen=True)
class TrackStep:
    """Where the quad is in one frame, and how sure the tracker is."""

    quad: FloatArray
    homography: FloatArray
    inliers: int
    lost: bool


class PlanarTracker:
    """Track a plane given by a quad; call :meth:`start`, then :meth:`update` per frame."""

    def __init__(
        self, *, region_scale: float = 2.5, min_points: int = 30, max_points: int = 500
    ) -> None:
        self.region_scale = region_scale
        self.min_points = min_points
        self.max_points = max_points
        self._quad0 = np.zeros((4, 2))
        self._base = np.eye(3)
        self._key: GrayImage | None = None
        self._key_pts = np.empty((0, 2))
        self._roi = (0, 0, 1, 1)
        self._prev: GrayImage | None = None
        self._exclude: NDArray[Any] | None = None
        self._h_before: FloatArray | None = None
        self._h = np.eye(3)
        self.rekeys = 0

    def start(
        self, gray: GrayImage, quad: FloatArray, *, exclude: NDArray[Any] | None = None
    ) -> TrackStep:
        """Begin at ``gray`` with the plane's quad in that frame.

        ``exclude`` (0/255) marks areas whose motion is not the plane's (people); no
        features are taken there.
        """
        self._exclude = exclude
        self._quad0 = np.asarray(quad, np.float64)
        self._base = np.eye(3)
        self._set_key(gray, self._quad0)
        return TrackStep(self._quad0.copy(), np.eye(3), len(self._key_pts), False)

    def _set_key(self, gray: GrayImage, quad_now: FloatArray) -> None:
        rows, cols = gray.shape
        centre = quad_now.mean(axis=0)
        region = centre + (quad_now - centre) * self.region_scale
        mask = np.zeros((rows, cols), np.uint8)
        cv2.fillConvexPoly(mask, np.round(region).astype(np.int32), 255)
        allowed = np.full((rows, cols), 255, np.uint8)
        if self._exclude is not None:
            allowed[self._exclude > 0] = 0
        pts = detect_points(gray, mask & allowed, max_points=self.max_points)
        if len(pts) < self.min_points:
            mask[:] = 255
            pts = detect_points(gray, allowed, max_points=self.max_points)
        x, y, w, h = cv2.boundingRect(mask)
        self._roi = (x, y, max(w, 1), max(h, 1))
        self._key, self._key_pts, self._prev, self._h = gray, pts, gray, np.eye(3)
        self._h_before = None

    def update(self, gray: GrayImage) -> TrackStep:
        """Track into the next frame and return the quad there."""
        assert self._key is not None and self._prev is not None
        rows, cols = gray.shape
        prev_pos = apply_homography(self._h, self._key_pts)
        visible = _inside(prev_pos, cols, rows, 4.0)
        moved, ok = track_points(self._prev, gray, prev_pos[visible], max_fb_error=1.0)
        src = self._key_pts[visible][ok]
        # Constant-velocity prediction of where the key features are now (static at first).
        velocity = np.eye(3) if self._h_before is None else self._h @ np.linalg.inv(self._h_before)
        expected = apply_homography(velocity @ self._h, src) if len(src) else src
        h_pred, inl = _coherent_homography(src, moved[ok], expected, tolerance=3.0)
        lost = h_pred is None
        h_new = self._h if h_pred is None else self._refine(gray, h_pred)
        inliers = int(inl.sum())
        self._h_before = None if lost else self._h
        self._h, self._prev = h_new, gray
        total = h_new @ self._base
        quad = apply_homography(total, self._quad0)
        still = _inside(apply_homography(h_new, self._key_pts), cols, rows, 10.0).sum()
        if not lost and still < max(self.min_points, 0.4 * len(self._key_pts)):
            self._base = total
            self._set_key(gray, quad)
            self.rekeys += 1
        return TrackStep(quad, total, inliers, lost)

    def _refine(self, gray: GrayImage, h_pred: FloatArray) -> FloatArray:
        """Correct ``h_pred`` by matching the keyframe against the frame warped back."""
        assert self._key is not None
        x, y, w, h = self._roi
        shift = np.array([[1, 0, x], [0, 1, y], [0, 0, 1]], np.float64)
        rectified = cv2.warpPerspective(
            gray,
            h_pred @ shift,
            (w, h),
            flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
            borderMode=cv2.BORDER_CONSTANT,
            borderValue=0,
        )
        key = self._key[y : y + h, x : x + w]
        valid = cv2.warpPerspective(
            np.full(gray.shape, 255, np.uint8),
            h_pred @ shift,
            (w, h),
            flags=cv2.INTER_NEAREST | cv2.WARP_INVERSE_MAP,
        )
        rectified = _match_exposure(rectified, key, valid)
        local = self._key_pts - [x, y]
        usable = _inside(local, w, h, 8.0)
        usable[usable] = valid[local[usable, 1].astype(int), local[usable, 0].astype(int)] > 0
        found, ok = track_points(key, rectified, local[usable], max_level=1, max_fb_error=0.5)
        src = local[usable][ok]
        h_res, _ = _coherent_homography(src, found[ok], src, tolerance=2.0, threshold=1.0)
        if h_res is None:
            return h_pred
        corrected: FloatArray = h_pred @ shift @ h_res @ np.linalg.inv(shift)
        return corrected / corrected[2, 2]


def _coherent_homography(
    src: FloatArray,
    dst: FloatArray,
    expected: FloatArray,
    *,
    tolerance: float,
    threshold: float = 1.5,
) -> tuple[FloatArray | None, NDArray[Any]]:
    """Fit on the matches that move as predicted, when there are enough of them.

    Keeps the tracker on the layer it was following (the surface) when something else in
    view — a person walking past — moves differently and might outnumber it.
    """
    if len(src) >= 8:
        near = np.linalg.norm(dst - expected, axis=1) < tolerance
        if near.sum() >= max(8, 0.25 * len(src)):
            h, inliers = robust_homography(src[near], dst[near], threshold=threshold)
            if h is not None:
                full = np.zeros(len(src), bool)
                full[np.flatnonzero(near)[inliers]] = True
                return h, full
    return robust_homography(src, dst, threshold=threshold)


def _inside(points: FloatArray, width: int, height: int, margin: float) -> NDArray[Any]:
    return (
        (points[:, 0] >= margin)
        & (points[:, 0] < width - margin)
        & (points[:, 1] >= margin)
        & (points[:, 1] < height - margin)
    )


def _match_exposure(image: GrayImage, reference: GrayImage, valid: NDArray[Any]) -> GrayImage:
    """Gain and offset so ``image`` has ``reference``'s mean and spread where valid."""
    sel = valid > 0
    if sel.sum() < 100:
        return image
    a, b = image[sel].astype(np.float32), reference[sel].astype(np.float32)
    gain = float(b.std() / max(a.std(), 1e-3))
    out = (image.astype(np.float32) - a.mean()) * gain + b.mean()
    return np.clip(out, 0, 255).astype(np.uint8)
