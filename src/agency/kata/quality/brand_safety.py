"""Brand-safety checks of a placement: may this composite carry the brand?

Inputs are plain values the engine gathers in its render loop (quads per placed frame,
visible fractions, face and text boxes of sampled frames, a :class:`FlashMeter` result),
so the checks need no frames. ``block`` checks stop publication; ``warn`` checks say the
placement is weak. Defaults and where they come from:

=================  =====  ==========================================================
check              sev.   default (source)
=================  =====  ==========================================================
face_clearance     block  no overlap with a face box grown 10 % a side (house rule:
                          a product over a face reads as an endorsement or a defacement)
flashing           block  ≤ 3 general or red flashes in any second over 25 % of a 10°
                          field (WCAG 2.x SC 2.3.1; ITU-R BT.1702; Ofcom Code rule 2.12)
distortion         block  convex, not mirrored, aspect within ×1.6 of the product's,
                          corners ≥ 35° (house rule: beyond that the product is misdrawn)
screen_time        warn   ≥ 1.0 s continuous with ≥ 50 % of it visible (MRC display
                          viewability: 50 % of pixels for 1 s; MRC video asks 2 s)
legible_size       warn   median on-screen area ≥ 0.4 % of the frame and short side
                          ≥ 24 px (house rule: ≈ 91 px square at 1080p)
occlusion          warn   median visible share ≥ 0.6 (house rule)
covers_text        warn   covers ≤ 5 % of any detected text line or sign (house rule:
                          do not hide someone else's brand or a sign)
=================  =====  ==========================================================
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import cv2
import numpy as np
from pydantic import Field

from agency.core.artifacts import Artifact
from agency.core.errors import InputError

from ..geometry import FloatArray, as_points, is_convex, polygon_area

Box = tuple[int, int, int, int]
Severity = Literal["block", "warn"]


class SafetyCheck(Artifact):
    """One check: what was measured, against what, and what to do about it."""

    name: str
    passed: bool
    severity: Severity
    value: float | None = Field(description="the headline measurement; None when none")
    threshold: float | None
    detail: str = Field(description="the problem and the fix, in a sentence or two")
    frames: list[int] = Field(default_factory=list, description="frames where it fails")
    measures: dict[str, float] = Field(default_factory=dict)
    measured: bool = Field(default=True, description="False when its input was missing")


class BrandSafetyReport(Artifact):
    """All checks; ``passed`` is False iff a ``block`` check failed."""

    passed: bool
    checks: list[SafetyCheck]

    def check(self, name: str) -> SafetyCheck:
        """The check called ``name``."""
        return next(c for c in self.checks if c.name == name)


@dataclass(frozen=True)
class SafetyThresholds:
    """Limits of the checks (see the module table for their sources)."""

    face_margin: float = 0.10
    """Face boxes grow by this share of their width and height on each side."""
    min_face_distance_px: float = 0.0
    max_flashes_per_second: float = 3.0
    max_anisotropy: float = 1.6
    """For a product seen face-on (upright). A decal on a receding plane is foreshortened
    by the perspective itself: use :data:`DECAL_THRESHOLDS`."""
    min_corner_angle_deg: float = 35.0
    min_screen_time_s: float = 1.0
    min_visible_for_screen_time: float = 0.5
    min_area_fraction: float = 0.004
    min_short_side_px: float = 24.0
    min_visible_fraction: float = 0.6
    max_text_cover: float = 0.05


DECAL_THRESHOLDS = SafetyThresholds(max_anisotropy=3.0)
"""A decal lies on a plane that may recede: ×3 is a plane seen about 70° from its
normal, the most a placement zone is expected to show; mirroring, concavity and sharp
corners stay as strict."""


def check_brand_safety(
    *,
    fps: float,
    width: int,
    height: int,
    product_size: tuple[int, int],
    placements: Sequence[tuple[int, Any]],
    visible_fractions: Sequence[float],
    faces: Mapping[int, Sequence[Box]],
    flashes: Mapping[str, Any] | None = None,
    text_regions: Mapping[int, Sequence[Box]] | None = None,
    thresholds: SafetyThresholds | None = None,
) -> BrandSafetyReport:
    """Brand-safety report of one placement.

    ``placements`` are ``(frame_index, quad)`` with quads TL, TR, BR, BL in pixels;
    ``visible_fractions`` the share of the product not hidden (occluders, frame edge) on
    each placed frame, in the same order. ``faces`` and ``text_regions`` map each sampled
    frame to its boxes, an empty list when it has none; only sampled frames that were
    placed are judged. ``flashes`` is :meth:`FlashMeter.result` of the footage.
    """
    t = thresholds or SafetyThresholds()
    if fps <= 0 or width <= 0 or height <= 0 or min(product_size) <= 0:
        raise InputError(
            "Brand safety needs a positive fps, frame size and product size.",
            field="fps",
            fix="Pass the video's fps, width, height and the product image's (w, h).",
        )
    if len(visible_fractions) != len(placements):
        raise InputError(
            f"{len(placements)} placed frames but {len(visible_fractions)} visible fractions.",
            field="visible_fractions",
            fix="Give one visible fraction per placed frame, in the order of placements.",
        )
    quads = {int(f): as_points(q) for f, q in placements}
    visible = {int(f): float(v) for (f, _), v in zip(placements, visible_fractions, strict=True)}
    checks = [
        _face_clearance(quads, faces, t),
        _flashing(flashes, t),
        _distortion(quads, product_size, t),
        _screen_time(visible, fps, t),
        _legible_size(quads, visible, width * height, t),
        _occlusion(visible, t),
        _covers_text(quads, text_regions, t),
    ]
    passed = not any(c.severity == "block" and not c.passed for c in checks)
    return BrandSafetyReport(passed=passed, checks=checks)


@dataclass(frozen=True)
class _Base:
    """Name, severity and threshold shared by the outcomes of one check."""

    name: str
    severity: Severity
    threshold: float

    def check(self, *, passed: bool, value: float | None, detail: str, **extra: Any) -> SafetyCheck:
        return SafetyCheck(
            name=self.name,
            severity=self.severity,
            threshold=self.threshold,
            passed=passed,
            value=value,
            detail=detail,
            **extra,
        )

    def unmeasured(self, detail: str) -> SafetyCheck:
        return self.check(passed=True, value=None, detail=detail, measured=False)


def _face_clearance(
    quads: dict[int, FloatArray], faces: Mapping[int, Sequence[Box]], t: SafetyThresholds
) -> SafetyCheck:
    sampled = sorted(f for f in faces if f in quads)
    base = _Base("face_clearance", "block", t.min_face_distance_px)
    if not sampled:
        return base.unmeasured(
            "Not checked: no face detection on any placed frame. Sample faces on "
            "the placed frames to check the product stays off people."
        )
    worst: float | None = None
    failing: list[int] = []
    for frame in sampled:
        hull = _hull(quads[frame])
        for box in faces[frame]:
            d = _signed_distance(hull, _grown_box(box, t.face_margin))
            worst = d if worst is None else min(worst, d)
            if d < t.min_face_distance_px and (not failing or failing[-1] != frame):
                failing.append(frame)
    measures = {"sampled_frames": float(len(sampled))}
    if worst is None:
        detail = f"No faces in the {len(sampled)} sampled placed frames."
    elif failing:
        detail = (
            f"The product {'covers' if worst < 0 else 'comes too close to'} a face in "
            f"frame {_spans(failing)} (worst {worst:.0f} px from the face box grown "
            f"{t.face_margin:.0%}). Move the placement off people, or end it before "
            "those frames."
        )
    else:
        detail = f"The product stays {worst:.0f} px or more clear of every face."
    return base.check(
        passed=not failing,
        value=None if worst is None else round(worst, 2),
        detail=detail,
        frames=failing,
        measures=measures,
    )


def _flashing(flashes: Mapping[str, Any] | None, t: SafetyThresholds) -> SafetyCheck:
    base = _Base("flashing", "block", t.max_flashes_per_second)
    if flashes is None:
        return base.unmeasured(
            "Not checked: no flash measurement. Run a FlashMeter over the footage."
        )
    general = float(flashes.get("max_flashes_per_second", 0.0))
    red = float(flashes.get("max_red_flashes_per_second", 0.0))
    worst = max(general, red)
    passed = bool(flashes.get("passed", True)) and worst <= t.max_flashes_per_second
    spans = flashes.get("failing_intervals_s") or []
    where = ", ".join(f"{a:.2f}–{b:.2f} s" for a, b in spans[:5])
    kind = "red " if red > general else ""
    detail = (
        f"The footage has {worst:g} {kind}flashes a second (limit "
        f"{t.max_flashes_per_second:g}) at {where or 'some point'}: it can trigger "
        "photosensitive seizures, so no brand may appear in it. Choose other footage, or "
        "have the flashing edited out and measured again."
        if not passed
        else f"At most {worst:g} flashes in any second; within the seizure-safety limit."
    )
    return base.check(
        passed=passed,
        value=worst,
        detail=detail,
        measures={"general_per_second": general, "red_per_second": red},
    )


def _distortion(
    quads: dict[int, FloatArray], product_size: tuple[int, int], t: SafetyThresholds
) -> SafetyCheck:
    base = _Base("distortion", "block", 0.0)
    if not quads:
        return base.unmeasured("Nothing was placed.")
    aspect = product_size[0] / product_size[1]
    problems: dict[str, list[int]] = {
        "mirrored": [],
        "not convex": [],
        "stretched": [],
        "sharp-cornered": [],
    }
    worst_stretch, sharpest = 1.0, 180.0
    for frame, q in sorted(quads.items()):
        width, height = _sides(q)
        stretch = (width / height) / aspect if height > 0 and width > 0 else math.inf
        stretch = max(stretch, 1.0 / stretch) if stretch > 0 else math.inf
        angle = min(_corner_angles(q))
        worst_stretch, sharpest = max(worst_stretch, stretch), min(sharpest, angle)
        if _signed_area(q) <= 0:
            problems["mirrored"].append(frame)
        if not is_convex(q):
            problems["not convex"].append(frame)
        if stretch > t.max_anisotropy:
            problems["stretched"].append(frame)
        if angle < t.min_corner_angle_deg:
            problems["sharp-cornered"].append(frame)
    failing = sorted({f for frames in problems.values() for f in frames})
    measures = {
        "max_anisotropy": round(min(worst_stretch, 1e6), 3),
        "min_corner_angle_deg": round(sharpest, 2),
        **{
            f"{k.replace(' ', '_').replace('-', '_')}_frames": float(len(v))
            for k, v in problems.items()
        },
    }
    if failing:
        found = "; ".join(f"{k} in frame {_spans(v)}" for k, v in problems.items() if v)
        detail = (
            f"The product is drawn distorted ({found}; limits ×{t.max_anisotropy:g} "
            f"stretch, {t.min_corner_angle_deg:g}° corners). Re-pick the corners in the "
            "order top-left, top-right, bottom-right, bottom-left on a surface facing the "
            "camera, or re-track those frames."
        )
    else:
        detail = (
            f"The product keeps its shape (stretch ×{worst_stretch:.2f}, sharpest corner "
            f"{sharpest:.0f}°)."
        )
    return base.check(
        passed=not failing,
        value=float(len(failing)),
        detail=detail,
        frames=failing,
        measures=measures,
    )


def _screen_time(visible: dict[int, float], fps: float, t: SafetyThresholds) -> SafetyCheck:
    seen = sorted(f for f, v in visible.items() if v >= t.min_visible_for_screen_time)
    longest = run = 0
    for i, frame in enumerate(seen):
        run = run + 1 if i and frame == seen[i - 1] + 1 else 1
        longest = max(longest, run)
    seconds, total = longest / fps, len(seen) / fps
    passed = seconds >= t.min_screen_time_s
    detail = (
        f"The product is in view for {seconds:.2f} s at a stretch (needs "
        f"{t.min_screen_time_s:g} s with {t.min_visible_for_screen_time:.0%} visible): too "
        "short to register. Extend the placement over more of the shot or pick a longer one."
        if not passed
        else f"In view {seconds:.2f} s at a stretch ({total:.2f} s in all)."
    )
    return SafetyCheck(
        name="screen_time",
        severity="warn",
        passed=passed,
        value=round(seconds, 3),
        threshold=t.min_screen_time_s,
        detail=detail,
        measures={"total_s": round(total, 3)},
    )


def _legible_size(
    quads: dict[int, FloatArray], visible: dict[int, float], frame_area: int, t: SafetyThresholds
) -> SafetyCheck:
    base = _Base("legible_size", "warn", t.min_area_fraction)
    if not quads:
        return base.unmeasured("Nothing was placed.")
    frames = sorted(quads)
    area = float(np.median([polygon_area(quads[f]) * visible[f] / frame_area for f in frames]))
    side = float(np.median([min(_sides(quads[f])) for f in frames]))
    passed = area >= t.min_area_fraction and side >= t.min_short_side_px
    detail = (
        f"The product is small on screen ({area:.2%} of the frame, short side {side:.0f} px; "
        f"needs {t.min_area_fraction:.1%} and {t.min_short_side_px:g} px): viewers may not "
        "read it. Place it on a larger or nearer surface."
        if not passed
        else f"On screen at {area:.2%} of the frame, short side {side:.0f} px."
    )
    return base.check(
        passed=passed,
        value=round(area, 5),
        detail=detail,
        measures={"median_short_side_px": round(side, 1)},
    )


def _occlusion(visible: dict[int, float], t: SafetyThresholds) -> SafetyCheck:
    base = _Base("occlusion", "warn", t.min_visible_fraction)
    if not visible:
        return base.unmeasured("Nothing was placed.")
    share = float(np.median(list(visible.values())))
    passed = share >= t.min_visible_fraction
    detail = (
        f"Typically only {share:.0%} of the product is visible (needs "
        f"{t.min_visible_fraction:.0%}): people or objects pass in front of it or it leaves "
        "the frame. Move it to a surface nothing crosses."
        if not passed
        else f"Typically {share:.0%} of the product is visible."
    )
    return base.check(passed=passed, value=round(share, 3), detail=detail)


def _covers_text(
    quads: dict[int, FloatArray],
    text_regions: Mapping[int, Sequence[Box]] | None,
    t: SafetyThresholds,
) -> SafetyCheck:
    base = _Base("covers_text", "warn", t.max_text_cover)
    sampled = sorted(f for f in (text_regions or {}) if f in quads)
    if text_regions is None or not sampled:
        return base.unmeasured("Not checked: no text detection on any placed frame.")
    worst = 0.0
    failing: list[int] = []
    for frame in sampled:
        hull = _hull(quads[frame]).astype(np.float32)
        for x, y, w, h in text_regions[frame]:
            if w <= 0 or h <= 0:
                continue
            rect = np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], np.float32)
            inter, _ = cv2.intersectConvexConvex(hull, rect)
            share = float(inter) / (w * h)
            worst = max(worst, share)
            if share > t.max_text_cover and (not failing or failing[-1] != frame):
                failing.append(frame)
    detail = (
        f"The product covers {worst:.0%} of text or a sign in the footage in frame "
        f"{_spans(failing)}: it may hide someone else's brand or information viewers need. "
        "Move it off the lettering."
        if failing
        else "The product leaves the text and signs in the footage clear."
    )
    return base.check(
        passed=not failing,
        value=round(worst, 3),
        detail=detail,
        frames=failing,
        measures={"sampled_frames": float(len(sampled))},
    )


def _sides(q: FloatArray) -> tuple[float, float]:
    """Mean width (top, bottom) and mean height (left, right) of a TL,TR,BR,BL quad."""
    n = np.linalg.norm
    return (
        float(n(q[1] - q[0]) + n(q[2] - q[3])) / 2.0,
        float(n(q[3] - q[0]) + n(q[2] - q[1])) / 2.0,
    )


def _signed_area(q: FloatArray) -> float:
    """Shoelace area, positive for TL,TR,BR,BL drawn clockwise on screen (y down)."""
    x, y = q[:, 0], q[:, 1]
    return float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2.0


def _corner_angles(q: FloatArray) -> list[float]:
    """Interior angle in degrees at each corner."""
    angles = []
    for i in range(len(q)):
        a, b = q[i - 1] - q[i], q[(i + 1) % len(q)] - q[i]
        norm = float(np.linalg.norm(a) * np.linalg.norm(b))
        cos = float(np.dot(a, b)) / norm if norm > 0 else 1.0
        angles.append(math.degrees(math.acos(min(1.0, max(-1.0, cos)))))
    return angles


def _hull(q: FloatArray) -> FloatArray:
    """Convex hull of a quad (the quad itself when convex): covers what it might cover."""
    return np.asarray(cv2.convexHull(q.astype(np.float32)), np.float64).reshape(-1, 2)


def _grown_box(box: Box, margin: float) -> FloatArray:
    x, y, w, h = (float(v) for v in box)
    dx, dy = w * margin, h * margin
    x0, y0, x1, y1 = x - dx, y - dy, x + w + dx, y + h + dy
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float64)


def _signed_distance(a: FloatArray, b: FloatArray) -> float:
    """Distance between convex polygons; when they overlap, minus the depth of overlap."""
    depth = math.inf
    for poly in (a, b):
        for i in range(len(poly)):
            edge = poly[(i + 1) % len(poly)] - poly[i]
            length = float(np.hypot(*edge))
            if length == 0:
                continue
            axis = np.array([-edge[1], edge[0]]) / length
            pa, pb = a @ axis, b @ axis
            gap = max(pb.min() - pa.max(), pa.min() - pb.max())
            if gap > 0:
                return min(_point_edges(a, b), _point_edges(b, a))
            depth = min(depth, -gap)
    return -depth if math.isfinite(depth) else 0.0


def _point_edges(points: FloatArray, poly: FloatArray) -> float:
    """Least distance from any of ``points`` to any edge of ``poly``."""
    start, end = poly, np.roll(poly, -1, axis=0)
    seg = end - start
    rel = points[:, None, :] - start[None, :, :]
    lengths = np.maximum((seg**2).sum(axis=1), 1e-12)
    s = np.clip((rel * seg[None]).sum(axis=2) / lengths[None], 0.0, 1.0)
    nearest = start[None] + s[..., None] * seg[None]
    return float(np.sqrt(((points[:, None, :] - nearest) ** 2).sum(axis=2)).min())


def _spans(frames: Sequence[int], limit: int = 6) -> str:
    """``[3, 4, 5, 9]`` as ``"3–5, 9"`` (at most ``limit`` spans)."""
    spans: list[list[int]] = []
    for f in sorted(frames):
        if spans and f == spans[-1][1] + 1:
            spans[-1][1] = f
        else:
            spans.append([f, f])
    text = ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans[:limit])
    return text + (f" and {len(spans) - limit} more" if len(spans) > limit else "")
