"""Planar candidate regions: large, flat (low-texture), well-exposed areas with trackable
surroundings, preferably bounded by straight line segments (walls, screens, table tops).

The search runs at 480 pixels wide. A scene with no usable surface yields no zone and
notes that say why; nothing is invented. Each zone is told a ``support`` (it faces up) or
a ``vertical`` (wall, screen, poster) by :class:`OrientationClassifier` from the same
line segments, and loses score where a person stands over it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from ..geometry import FloatArray, to_quad
from ..models import Face, Person, Zone
from ..tracking.flow import detect_points
from .degradation import blur_sigma
from .faces import person_mask
from .orientation import OrientationClassifier

_WIDTH = 480
MIN_AREA_FRACTION = 0.02
MIN_TRACK_POINTS = 25


def order_corners(points: FloatArray) -> FloatArray:
    """Sort four points as top-left, top-right, bottom-right, bottom-left."""
    pts = np.asarray(points, np.float64).reshape(4, 2)
    total, diff = pts.sum(axis=1), pts[:, 1] - pts[:, 0]
    return np.array(
        [pts[total.argmin()], pts[diff.argmin()], pts[total.argmax()], pts[diff.argmax()]]
    )


class SurfaceFinder:
    """Finds and scores flat regions in a keyframe; one call per keyframe."""

    def __init__(
        self,
        *,
        min_area_fraction: float = MIN_AREA_FRACTION,
        max_zones: int = 3,
        orientation: OrientationClassifier | None = None,
    ) -> None:
        self.min_area_fraction = min_area_fraction
        self.max_zones = max_zones
        self.orientation = orientation or OrientationClassifier()
        self._lsd = cv2.createLineSegmentDetector()

    def find(
        self,
        bgr: NDArray[Any],
        faces: list[Face],
        *,
        shot_index: int,
        frame: int,
        people: Sequence[Person] = (),
    ) -> tuple[list[Zone], list[str]]:
        """Zones (best first, each with its kind) and notes on what was rejected and why.

        Zones under one of ``people`` lose score: a product there would be hidden by the
        person or would cover them.
        """
        scale = min(1.0, _WIDTH / bgr.shape[1])
        small = cv2.resize(bgr, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
        rows, cols = gray.shape
        smooth = cv2.GaussianBlur(gray, (0, 0), 1.0).astype(np.float32)
        grad = cv2.magnitude(
            cv2.Sobel(smooth, cv2.CV_32F, 1, 0), cv2.Sobel(smooth, cv2.CV_32F, 0, 1)
        )
        texture = cv2.blur(grad, (9, 9))
        threshold = 12.0
        flat = (texture < threshold) & (gray > 12) & (gray < 245)
        faces_small = cv2.resize(person_mask(faces, bgr.shape[1], bgr.shape[0]), (cols, rows))
        flat &= faces_small == 0
        flat_u8 = cv2.morphologyEx(
            flat.astype(np.uint8) * 255, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8)
        )
        count, labels, stats, _ = cv2.connectedComponentsWithStats(flat_u8, connectivity=4)
        corners = detect_points(gray, max_points=500, min_distance=6.0, quality=0.01)
        notes: list[str] = []
        if len(corners) < MIN_TRACK_POINTS:
            return [], [
                f"only {len(corners)} trackable corners in the frame (need {MIN_TRACK_POINTS}): "
                "a placement could not be held still"
            ]
        segments = self._segments(gray)
        zones: list[tuple[float, FloatArray, float, list[str]]] = []
        min_area = self.min_area_fraction * rows * cols
        large = [i for i in range(1, count) if stats[i, cv2.CC_STAT_AREA] >= min_area]
        for label in large:
            component = (labels == label).astype(np.uint8) * 255
            quad = self._inscribed_quad(component)
            if quad is None:
                notes.append("a flat area had no convex four-sided part large enough")
                continue
            scored = self._score(quad, component, texture, threshold, corners, segments, gray)
            zones.append(_under_people(scored, people, scale))
        if not large:
            largest = max((stats[i, cv2.CC_STAT_AREA] for i in range(1, count)), default=0)
            notes.append(
                f"no flat, well-exposed area covers {self.min_area_fraction:.0%} of the frame "
                f"(largest {largest / (rows * cols):.1%})"
            )
            return [], notes
        if not zones:
            return [], notes
        zones.sort(key=lambda z: -z[0])
        scene = self.orientation.scene(segments, cols, rows)
        result = []
        for rank, (score, quad, area, reasons) in enumerate(zones[: self.max_zones]):
            kind, why = self.orientation.classify(quad, scene)
            result.append(
                Zone(
                    id=f"s{shot_index}z{rank}",
                    shot_index=shot_index,
                    frame=frame,
                    quad=to_quad(quad / scale),
                    area_fraction=round(area, 4),
                    score=round(score, 3),
                    reasons=reasons + why,
                    kind=kind,
                )
            )
        return result, notes

    def orient(self, bgr: NDArray[Any], quads: Sequence[FloatArray]) -> list[tuple[str, list[str]]]:
        """The kind of each given quad (full-frame pixels, e.g. one the user picked) in
        this keyframe, and the reasons, as :meth:`find` would judge a zone there."""
        scale = min(1.0, _WIDTH / bgr.shape[1])
        small = cv2.resize(bgr, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
        scene = self.orientation.scene(self._segments(gray), gray.shape[1], gray.shape[0])
        return [self.orientation.classify(np.asarray(q) * scale, scene) for q in quads]

    def _segments(self, gray: NDArray[Any]) -> FloatArray:
        lines = self._lsd.detect(gray)[0]
        if lines is None:
            return np.empty((0, 4))
        lines = lines.reshape(-1, 4).astype(np.float64)
        length = np.hypot(lines[:, 2] - lines[:, 0], lines[:, 3] - lines[:, 1])
        return lines[length > 15]

    @staticmethod
    def _inscribed_quad(component: NDArray[Any]) -> FloatArray | None:
        """The largest axis-aligned rectangle inside the region, or, when the region is a
        tilted shape, its shrunk minimum-area rectangle if that fits better."""
        bx, by, bw, bh = cv2.boundingRect(component)
        best = largest_rectangle(component[by : by + bh, bx : bx + bw] > 0)
        candidates: list[FloatArray] = []
        if best is not None:
            x0, y0, x1, y1 = best
            rect = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]
            candidates.append(np.add(np.array(rect, np.float64), (bx, by)))
        contours, _ = cv2.findContours(component, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        if contours:
            box = order_corners(cv2.boxPoints(cv2.minAreaRect(max(contours, key=cv2.contourArea))))
            centre = box.mean(axis=0)
            for shrink in np.linspace(0.9, 0.3, 13):
                quad = centre + (box - centre) * shrink
                mask = np.zeros_like(component)
                cv2.fillConvexPoly(mask, np.round(quad).astype(np.int32), 255)
                inside = mask > 0
                if inside.sum() > 0 and (component[inside] > 0).mean() >= 0.97:
                    candidates.append(quad)
                    break
        candidates = [q for q in candidates if _area(q) >= 64]
        return max(candidates, key=_area) if candidates else None

    def _score(
        self,
        quad: FloatArray,
        component: NDArray[Any],
        texture: NDArray[Any],
        threshold: float,
        corners: FloatArray,
        segments: FloatArray,
        gray: NDArray[Any],
    ) -> tuple[float, FloatArray, float, list[str]]:
        rows, cols = component.shape
        inside = np.zeros_like(component)
        cv2.fillConvexPoly(inside, np.round(quad).astype(np.int32), 255)
        area = float((inside > 0).mean())
        ring = cv2.dilate(inside, np.ones((61, 61), np.uint8))
        near = int(
            sum(ring[int(y), int(x)] > 0 and inside[int(y), int(x)] == 0 for x, y in corners)
        )
        flatness = float(1.0 - texture[inside > 0].mean() / threshold)
        edge_mask = cv2.dilate(cv2.Canny(component, 50, 150), np.ones((7, 7), np.uint8))
        supported = 0.0
        for x0, y0, x1, y1 in segments:
            if edge_mask[int(y0), int(x0)] and edge_mask[int(y1), int(x1)]:
                supported += float(np.hypot(x1 - x0, y1 - y0))
        perimeter = float(cv2.arcLength(cv2.findContours(component, 0, 2)[0][0], True)) or 1.0
        line_support = min(1.0, supported / perimeter * 2.0)
        centre = quad.mean(axis=0) / [cols, rows]
        centrality = float(1.0 - min(1.0, np.hypot(*(centre - 0.5)) * 1.6))
        track = min(1.0, near / 60.0)
        size = min(1.0, area / 0.12)
        score = 0.3 * size + 0.15 * flatness + 0.3 * track + 0.15 * line_support + 0.1 * centrality
        reasons = [f"flat area covering {area:.0%} of the frame"]
        reasons.append(f"{near} trackable corners around it")
        if line_support > 0.3:
            reasons.append("bounded by straight edges (likely a planar surface)")
        mean = float(gray[inside > 0].mean())
        if 40 <= mean <= 220:
            reasons.append(f"well exposed (mean luma {mean:.0f})")
        else:
            score *= 0.6
            reasons.append(f"{'dark' if mean < 40 else 'bright'} (mean luma {mean:.0f})")
        if near < 15:
            score *= 0.5
            reasons.append("few features around it: tracking may be weak")
        sides = np.linalg.norm(quad - np.roll(quad, -1, axis=0), axis=1)
        aspect = float(max(sides) / max(min(sides), 1e-6))
        if aspect > 2.5:
            score *= 2.5 / aspect
            reasons.append(f"narrow ({aspect:.1f}:1), little room for a product")
        ring_u8 = np.where((ring > 0) & (inside == 0), 255, 0).astype(np.uint8)
        ring_blur, frame_blur = blur_sigma(gray, ring_u8), blur_sigma(gray)
        if ring_blur > frame_blur + 1.0:
            score *= 0.6
            reasons.append("out of focus compared with the rest of the frame")
        return float(score), quad, area, reasons


def _under_people(
    zone: tuple[float, FloatArray, float, list[str]], people: Sequence[Person], scale: float
) -> tuple[float, FloatArray, float, list[str]]:
    """Lower a zone's score by the share of it a person's box covers."""
    score, quad, area, reasons = zone
    if not people:
        return zone
    x0, y0 = np.floor(quad.min(axis=0)).astype(int)
    x1, y1 = np.ceil(quad.max(axis=0)).astype(int)
    inside = np.zeros((y1 - y0 + 1, x1 - x0 + 1), np.uint8)
    cv2.fillConvexPoly(inside, np.round(quad - (x0, y0)).astype(np.int32), 1)
    covered = np.zeros_like(inside)
    for person in people:
        px, py, pw, ph = (v * scale for v in person.box)
        cx0, cy0 = max(0, int(px) - x0), max(0, int(py) - y0)
        cx1, cy1 = int(np.ceil(px + pw)) - x0, int(np.ceil(py + ph)) - y0
        if cx1 > 0 and cy1 > 0:
            covered[cy0:cy1, cx0:cx1] = 1
    share = float((covered & inside).sum() / max(int(inside.sum()), 1))
    if share < 0.05:
        return zone
    reason = f"a person stands over it ({share:.0%} of it): product would be occluded or cover them"
    return score * (1.0 - min(0.9, share)), quad, area, [*reasons, reason]


def _area(quad: FloatArray) -> float:
    return float(cv2.contourArea(quad.astype(np.float32)))


def largest_rectangle(mask: NDArray[Any]) -> tuple[int, int, int, int] | None:
    """Largest axis-aligned all-true rectangle ``(x0, y0, x1, y1)`` (histogram method)."""
    rows, cols = mask.shape
    heights = np.zeros(cols, np.int32)
    best, best_box = 0, None
    for y in range(rows):
        heights = np.where(mask[y], heights + 1, 0)
        stack: list[int] = []
        for x in range(cols + 1):
            h = int(heights[x]) if x < cols else 0
            while stack and int(heights[stack[-1]]) >= h:
                top = stack.pop()
                height = int(heights[top])
                left = stack[-1] + 1 if stack else 0
                area = height * (x - left)
                if area > best:
                    best, best_box = area, (left, y - height + 1, x, y + 1)
            stack.append(x)
    return best_box
