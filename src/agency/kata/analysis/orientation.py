"""Which way a surface faces, from one keyframe and no depth: ``support`` (faces up: a
table, desk, shelf or counter a product can stand on) or ``vertical`` (wall, screen,
poster), ``plane`` when the cues disagree or are missing. See
:class:`OrientationClassifier`; measured against RGB-D ground truth in
``bench/kata/surface_bench.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..geometry import FloatArray

SUPPORT, VERTICAL, PLANE = "support", "vertical", "plane"


@dataclass(frozen=True)
class SceneLines:
    """A keyframe's line segments, which of them are 3-D verticals, and its horizon."""

    segments: FloatArray
    """N×4 ``(x0, y0, x1, y1)`` in the classifier's pixels."""
    vertical: NDArray[np.bool_]
    """Segments that point at the vertical vanishing point (upright edges)."""
    horizon: FloatArray
    """Line ``(a, b, c)``, scaled so ``a·x + b·y + c`` is pixels below the horizon."""
    height: int
    measured: bool
    """False when too few upright edges were seen: the horizon is then assumed level
    through the frame's centre (a camera held level)."""

    def below_horizon(self, points: FloatArray) -> FloatArray:
        """Signed distance of N×2 points below the horizon, in pixels."""
        pts = np.asarray(points, np.float64).reshape(-1, 2)
        return np.asarray(pts @ self.horizon[:2] + self.horizon[2])


class OrientationClassifier:
    """Tells surfaces that face up (``support``) from upright ones (``vertical``) in a
    single keyframe, without depth, from two classical cues:

    * **the horizon.** Upright edges (segments that share the vertical vanishing point)
      give the camera's tilt and roll; with a focal length guessed from the frame size
      the horizon is the vanishing line of horizontal planes. An upward-facing surface
      below eye level lies wholly below it, so a zone that crosses the horizon cannot be
      a support, and one above it is a wall or a ceiling.
    * **upright edges at the zone's sides.** A wall, screen or poster is bounded left and
      right by vertical edges; a table top's sides recede towards the horizon instead.

    ``plane`` is answered when the cues disagree or are missing.
    """

    def __init__(
        self,
        *,
        focal_per_diagonal: float = 0.62,
        vertical_tolerance_deg: float = 5.0,
        seed: int = 0,
    ) -> None:
        self.focal_per_diagonal = focal_per_diagonal
        self.vertical_tolerance_deg = vertical_tolerance_deg
        self._seed = seed

    def scene(self, segments: FloatArray, width: int, height: int) -> SceneLines:
        """Find the vertical vanishing point among ``segments`` and the horizon from it."""
        segs = np.asarray(segments, np.float64).reshape(-1, 4)
        delta = segs[:, 2:] - segs[:, :2]
        length = np.hypot(delta[:, 0], delta[:, 1])
        tilt = np.degrees(np.arctan2(np.abs(delta[:, 1]), np.abs(delta[:, 0])))
        steep = tilt > 60.0
        f = self.focal_per_diagonal * float(np.hypot(width, height))
        k = np.array([[f, 0.0, width / 2], [0.0, f, height / 2], [0.0, 0.0, 1.0]])
        vp = np.array([0.0, 1.0, 0.0])
        measured = bool(steep.sum() >= 2 and length[steep].sum() >= 0.3 * height)
        if measured:
            vp = self._vertical_point(segs[steep], length[steep], k)
        up = _up_directions(vp[None], k)[0]
        # Points whose rays have a positive component along up lie above the horizon.
        horizon = -np.linalg.solve(k.T, up)
        horizon /= np.linalg.norm(horizon[:2])
        errors = _vp_errors(segs, vp[None])[0] if measured else 90.0 - tilt
        xs, ys = segs[:, 0::2], segs[:, 1::2]
        edge = 0.02 * max(width, height)  # the frame's own edge, or a dark border
        frame_edge = (
            np.all(xs < edge, axis=1)
            | np.all(xs > width - edge, axis=1)
            | np.all(ys < edge, axis=1)
            | np.all(ys > height - edge, axis=1)
        )
        vertical = (errors < self.vertical_tolerance_deg) & (tilt > 45.0) & ~frame_edge
        return SceneLines(segs, vertical, horizon, height, measured)

    def classify(self, quad: FloatArray, scene: SceneLines) -> tuple[str, list[str]]:
        """The zone's kind and the reasons for it (``quad`` in the scene's pixels)."""
        pts = np.asarray(quad, np.float64).reshape(4, 2)
        x0, y0 = pts.min(axis=0)
        x1, y1 = pts.max(axis=0)
        w, h = max(x1 - x0, 1.0), max(y1 - y0, 1.0)
        below = scene.below_horizon(pts)
        margin = 0.04 * scene.height
        segs = scene.segments
        mid = (segs[:, :2] + segs[:, 2:]) / 2
        mx, my = 0.15 * w + 8, 0.15 * h + 8
        near = (
            (mid[:, 0] > x0 - mx)
            & (mid[:, 0] < x1 + mx)
            & (mid[:, 1] > y0 - my)
            & (mid[:, 1] < y1 + my)
        )
        offset = np.abs(mid[:, 0] - (x0 + x1) / 2)
        sides = offset > 0.25 * w
        low, high = segs[:, 1::2].max(axis=1), segs[:, 1::2].min(axis=1)
        # Upright edges that rise out of the zone from inside it belong to things
        # standing on it (candles, a monitor's stand), not to its own sides.
        standing = (low > y0) & (low < y1 - 0.2 * h) & (high < y0)
        # Only the part of an edge alongside the zone bounds it.
        beside = np.clip(np.minimum(low, y1) - np.maximum(high, y0), 0.0, None)
        upright = float(beside[near & sides & scene.vertical & ~standing].sum() / h)
        edges = f"upright edges at its sides {upright:.1f}× its height"
        level = "" if scene.measured else " (horizon assumed level at mid-frame: few upright edges)"
        if below.min() >= margin:
            if upright >= 1.0:
                return VERTICAL, [f"upright surface (vertical): {edges}, like a wall or screen"]
            if upright >= 0.5:
                return PLANE, [f"orientation unclear: below the horizon but {edges}{level}"]
            return SUPPORT, [
                f"faces up (support): wholly below the horizon, {edges}: "
                f"a receding horizontal surface{level}"
            ]
        if below.min() < -margin and below.max() > margin:
            return VERTICAL, [
                "upright surface (vertical): crosses the horizon, so it cannot be "
                f"horizontal{level}"
            ]
        if upright >= 0.3:
            return VERTICAL, [
                f"upright surface (vertical): at or above the horizon, {edges}{level}"
            ]
        return PLANE, [
            f"orientation unclear: at or above the horizon (a wall or a ceiling), {edges}{level}"
        ]

    def _vertical_point(self, segs: FloatArray, length: FloatArray, k: FloatArray) -> FloatArray:
        """RANSAC over pairs of steep segments (and the point at infinity straight
        down), refined by least squares on the winner's inliers. Only points that put
        the camera within 30° of level roll, 20° up and 60° down are considered, so a
        table's receding edges are not taken for the scene's verticals."""
        lines = _lines(segs)
        rng = np.random.default_rng(self._seed)
        weight = length / length.sum()
        i = rng.choice(len(segs), 200, p=weight)
        j = rng.choice(len(segs), 200, p=weight)
        pairs = i != j
        points = np.cross(lines[i[pairs]], lines[j[pairs]])
        points = np.vstack([points, [0.0, 1.0, 0.0]])
        points /= np.linalg.norm(points, axis=1, keepdims=True) + 1e-12
        plausible = _plausible(_up_directions(points, k))
        inliers = _vp_errors(segs, points) < 2.0
        score = np.where(plausible, (inliers * length).sum(axis=1), -1.0)
        best = int(np.argmax(score))
        chosen = inliers[best]
        if chosen.sum() < 2:
            return np.asarray(points[best])
        unit = lines[chosen] / np.linalg.norm(lines[chosen][:, :2], axis=1, keepdims=True)
        refined = np.linalg.svd(unit * length[chosen, None], full_matrices=False)[2][-1]
        keeps = (_vp_errors(segs, refined[None])[0] < 2.0).sum() >= chosen.sum()
        if keeps and _plausible(_up_directions(refined[None], k))[0]:
            return np.asarray(refined)
        return np.asarray(points[best])


def _up_directions(points: FloatArray, k: FloatArray) -> FloatArray:
    """K×3 camera-frame up vectors (pointing to the image's top) of vertical vanishing
    points."""
    up = np.linalg.solve(k, points.T).T
    up /= np.linalg.norm(up, axis=1, keepdims=True) + 1e-12
    return np.where(up[:, 1:2] > 0, -up, up)


def _plausible(up: FloatArray) -> NDArray[np.bool_]:
    """Camera poses seen in footage: roll within 30°, pitch from 20° up to 60° down."""
    roll = np.degrees(np.arctan2(up[:, 0], -up[:, 1]))
    down = np.degrees(np.arcsin(np.clip(-up[:, 2], -1.0, 1.0)))
    return np.asarray((np.abs(roll) <= 30) & (down >= -20) & (down <= 60))


def _lines(segs: FloatArray) -> FloatArray:
    ones = np.ones((len(segs), 1))
    return np.cross(np.hstack([segs[:, :2], ones]), np.hstack([segs[:, 2:], ones]))


def _vp_errors(segs: FloatArray, points: FloatArray) -> FloatArray:
    """K×N angles (degrees) between each segment and the ray from its midpoint to each
    homogeneous vanishing point (points at infinity included)."""
    mid = (segs[:, :2] + segs[:, 2:]) / 2
    direction = segs[:, 2:] - segs[:, :2]
    toward = points[:, None, :2] - mid[None] * points[:, 2:3, None]
    cos = np.abs(np.sum(direction[None] * toward, axis=2)) / (
        np.linalg.norm(direction, axis=1)[None] * np.linalg.norm(toward, axis=2) + 1e-12
    )
    return np.asarray(np.degrees(np.arccos(np.clip(cos, 0.0, 1.0))))
