"""Surface-kind benchmark: does the monocular classifier call a zone a support (a
horizontal surface a product can stand on) or a vertical (wall, screen, poster) the way
the scene's measured depth does?

Ground truth comes from posed RGB-D frames: the depth is back-projected with the
camera's intrinsics, a plane is fitted by RANSAC to the 3-D points inside each zone, and
its normal is compared with the scene's up direction. ``up`` is the normal of the
largest depth plane that faces roughly the way the image's top does (the floor, a table
top); where camera poses exist, the per-frame estimates are taken into the world frame,
averaged, and brought back, so every frame of a sequence shares one gravity direction.

A zone is ``support`` when its normal is within 25° of up, ``vertical`` within 25° of
horizontal, ``ceiling`` within 25° of down, ``oblique`` otherwise, and ``mixed`` when no
single plane explains most of its points (the zone straddles two surfaces).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from ..analysis.orientation import PLANE
from ..analysis.surfaces import SurfaceFinder, largest_rectangle
from ..geometry import FloatArray

KINDS = ("support", "vertical", "plane")
"""What the classifier may answer."""
TRUTHS = ("support", "vertical", "oblique", "ceiling", "mixed")
"""What the depth may say about a zone."""
ANGLE_TOLERANCE_DEG = 25.0


@dataclass(frozen=True)
class Intrinsics:
    """Pinhole intrinsics in pixels (``fy`` may be negative: y pointing up)."""

    fx: float
    fy: float
    cx: float
    cy: float


@dataclass(frozen=True)
class RgbdFrame:
    """A colour frame, its depth in metres (0 where unknown), intrinsics and, when known,
    the camera-to-world pose."""

    name: str
    sequence: str
    bgr: NDArray[Any]
    depth: NDArray[Any]
    intrinsics: Intrinsics
    pose: FloatArray | None = None


@dataclass(frozen=True)
class PlaneFit:
    """A plane ``normal · p = offset`` (normal towards the camera) and how well it fits."""

    normal: FloatArray
    offset: float
    inlier_ratio: float
    points: int


def backproject(depth: NDArray[Any], k: Intrinsics) -> NDArray[Any]:
    """H×W×3 camera-frame points (metres) of a depth map; NaN where depth is unknown."""
    rows, cols = depth.shape
    u, v = np.meshgrid(np.arange(cols, dtype=np.float64), np.arange(rows, dtype=np.float64))
    z = np.where(depth > 0, depth.astype(np.float64), np.nan)
    return np.dstack([(u - k.cx) / k.fx * z, (v - k.cy) / k.fy * z, z])


def fit_plane(
    points: NDArray[Any], *, rng: np.random.Generator, iterations: int = 200
) -> PlaneFit | None:
    """RANSAC plane through N×3 points, refined by least squares on its inliers.

    The inlier band grows with distance, as structured-light depth noise does.
    """
    pts = points[np.all(np.isfinite(points), axis=1)]
    if len(pts) < 50:
        return None
    if len(pts) > 4000:
        pts = pts[rng.choice(len(pts), 4000, replace=False)]
    z_med = float(np.median(pts[:, 2]))
    band = 0.01 + 0.004 * z_med**2
    samples = pts[rng.integers(0, len(pts), (iterations, 3))]
    normals = np.cross(samples[:, 1] - samples[:, 0], samples[:, 2] - samples[:, 0])
    norms = np.linalg.norm(normals, axis=1)
    good = norms > 1e-9
    if not good.any():
        return None
    normals = normals[good] / norms[good, None]
    offsets = np.sum(normals * samples[good, 0], axis=1)
    counts = (np.abs(pts @ normals.T - offsets) < band).sum(axis=0)
    best = np.abs(pts @ normals[int(np.argmax(counts))] - offsets[int(np.argmax(counts))]) < band
    inl = pts[best]
    centre = inl.mean(axis=0)
    normal = np.linalg.svd(inl - centre, full_matrices=False)[2][-1]
    if normal @ centre > 0:  # face the camera (at the origin)
        normal = -normal
    inliers = np.abs((pts - centre) @ normal) < band
    return PlaneFit(normal, float(normal @ centre), float(inliers.mean()), len(pts))


def image_up(k: Intrinsics) -> FloatArray:
    """The camera-frame direction of the image's top edge."""
    return np.array([0.0, -np.sign(k.fy), 0.0])


def pixel_normals(cloud: NDArray[Any], step: int = 5) -> NDArray[Any]:
    """H×W×3 unit normals facing the camera, from central differences of the box-filtered
    point cloud ``step`` pixels apart; NaN where depth is missing."""
    valid = np.all(np.isfinite(cloud), axis=2).astype(np.float32)
    filled = np.nan_to_num(cloud).astype(np.float32)
    weight = cv2.blur(valid, (7, 7))
    smooth = cv2.blur(filled, (7, 7)) / np.maximum(weight, 1e-6)[..., None]
    smooth[weight < 0.6] = np.nan
    du = np.roll(smooth, -step, axis=1) - np.roll(smooth, step, axis=1)
    dv = np.roll(smooth, -step, axis=0) - np.roll(smooth, step, axis=0)
    normal = np.cross(dv, du)
    normal /= np.linalg.norm(normal, axis=2, keepdims=True) + 1e-12
    facing = np.sum(normal * smooth, axis=2) > 0
    normal[facing] *= -1
    return normal


def dominant_planes(
    cloud: NDArray[Any], *, rng: np.random.Generator, count: int = 5, min_share: float = 0.04
) -> list[tuple[PlaneFit, NDArray[Any]]]:
    """The largest planar patches of a frame with their pixel masks: sequential RANSAC on
    points whose local normal agrees with the plane's, one connected patch per plane."""
    valid = np.all(np.isfinite(cloud), axis=2)
    normals = pixel_normals(cloud)
    remaining = valid & np.all(np.isfinite(normals), axis=2)
    total = int(valid.sum())
    z = np.nan_to_num(cloud[..., 2])
    band = 0.01 + 0.004 * z**2
    planes: list[tuple[PlaneFit, NDArray[Any]]] = []
    for _ in range(count * 2):
        idx = np.flatnonzero(remaining)
        if len(idx) < min_share * total or len(planes) == count:
            break
        pick = rng.choice(idx, min(len(idx), 6000), replace=False)
        fit = fit_plane(cloud.reshape(-1, 3)[pick], rng=rng, iterations=400)
        if fit is None:
            break
        dist = np.abs(np.nan_to_num(cloud @ fit.normal) - fit.offset)
        agree = np.abs(np.nan_to_num(normals @ fit.normal)) > np.cos(np.radians(20))
        mask = (remaining & (dist < band) & agree).astype(np.uint8)
        mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
        mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
        n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=4)
        if n < 2:
            remaining &= dist >= band
            continue
        biggest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
        patch = labels == biggest
        remaining &= ~(dist < band)
        if patch.sum() < min_share * total:
            continue
        planes.append((fit, patch))
    return planes


Planes = list[tuple[PlaneFit, NDArray[Any]]]


def frame_planes(frame: RgbdFrame, *, rng: np.random.Generator) -> Planes:
    """The frame's largest depth planes (each over 3% of its valid pixels), largest first."""
    cloud = backproject(frame.depth, frame.intrinsics)
    return dominant_planes(cloud, rng=rng, count=6, min_share=0.03)


def estimate_up(planes: Planes, k: Intrinsics) -> FloatArray | None:
    """Up in camera coordinates: the normal of the largest plane within 40° of the
    image's up direction (a floor or table top), or None when there is none."""
    hint = image_up(k)
    for fit, _ in planes:
        normal = fit.normal if fit.normal @ hint > 0 else -fit.normal
        if normal @ hint > np.cos(np.radians(40)):
            return normal
    return None


def shared_up(frames: Sequence[RgbdFrame], local: Sequence[FloatArray | None]) -> list[FloatArray]:
    """Per-frame up vectors from each frame's own estimate (``local``); the posed frames
    of a sequence share one world up (the median of their estimates taken into the world
    frame), so every frame of a sequence is judged against the same gravity."""
    world: dict[str, list[FloatArray]] = {}
    for f, u in zip(frames, local, strict=True):
        if f.pose is not None and u is not None:
            world.setdefault(f.sequence, []).append(f.pose[:3, :3] @ u)
    means = {}
    for sequence, ups in world.items():
        if len(ups) >= 2:
            mean = np.median(np.array(ups), axis=0)
            means[sequence] = mean / np.linalg.norm(mean)
    result = []
    for f, u in zip(frames, local, strict=True):
        if f.sequence in means and f.pose is not None:
            result.append(f.pose[:3, :3].T @ means[f.sequence])
        elif u is not None:
            result.append(u)
        else:
            result.append(image_up(f.intrinsics))
    return result


def true_kind(
    cloud: NDArray[Any], mask: NDArray[Any], up: FloatArray, *, rng: np.random.Generator
) -> tuple[str, float]:
    """What the depth says about the pixels under ``mask``, and the normal's angle to up
    (degrees; NaN when there is no plane)."""
    points = cloud[mask > 0]
    valid = np.all(np.isfinite(points), axis=1)
    if valid.sum() < 0.3 * max(len(points), 1) or valid.sum() < 50:
        return "no depth", float("nan")
    fit = fit_plane(points, rng=rng)
    if fit is None:
        return "no depth", float("nan")
    angle = float(np.degrees(np.arccos(np.clip(fit.normal @ up, -1.0, 1.0))))
    if fit.inlier_ratio < 0.6:
        return "mixed", angle
    if angle <= ANGLE_TOLERANCE_DEG:
        return "support", angle
    if angle >= 180 - ANGLE_TOLERANCE_DEG:
        return "ceiling", angle
    if abs(angle - 90) <= ANGLE_TOLERANCE_DEG:
        return "vertical", angle
    return "oblique", angle


def _pose(values: Sequence[float]) -> FloatArray:
    tx, ty, tz, qx, qy, qz, qw = values
    rot = np.array(
        [
            [1 - 2 * (qy * qy + qz * qz), 2 * (qx * qy - qz * qw), 2 * (qx * qz + qy * qw)],
            [2 * (qx * qy + qz * qw), 1 - 2 * (qx * qx + qz * qz), 2 * (qy * qz - qx * qw)],
            [2 * (qx * qz - qy * qw), 2 * (qy * qz + qx * qw), 1 - 2 * (qx * qx + qy * qy)],
        ]
    )
    pose = np.eye(4)
    pose[:3, :3], pose[:3, 3] = rot, (tx, ty, tz)
    return pose


def _poses(path: Path) -> list[FloatArray]:
    rows = [line.split() for line in path.read_text().splitlines() if line.strip()]
    return [_pose([float(v) for v in row]) for row in rows]


def _read(path: Path, flags: int = cv2.IMREAD_COLOR) -> NDArray[Any]:
    image = cv2.imread(str(path), flags)
    if image is None:
        raise FileNotFoundError(path)
    return np.asarray(image)


def load_slambook2(root: Path) -> list[RgbdFrame]:
    """The RGB-D frames of slambook2 in the test data: a desk (ch7, TUM fr2), a dining
    table (ch5, with poses) and the ICL-NUIM living room (ch12, with poses)."""
    frames: list[RgbdFrame] = []
    desk = Intrinsics(520.9, 521.0, 325.1, 249.7)
    for i in (1, 2):
        depth = _read(root / f"ch7/{i}_depth.png", cv2.IMREAD_UNCHANGED)
        bgr = _read(root / f"ch7/{i}.png")
        frames.append(RgbdFrame(f"ch7/{i}", "ch7", bgr, depth / 5000.0, desk))
    table = Intrinsics(518.0, 519.0, 325.5, 253.5)
    poses = _poses(root / "ch5-rgbd/pose.txt")
    for i in range(1, 6):
        depth = _read(root / f"ch5-rgbd/depth/{i}.pgm", cv2.IMREAD_UNCHANGED)
        bgr = _read(root / f"ch5-rgbd/color/{i}.png")
        frames.append(RgbdFrame(f"ch5/{i}", "ch5", bgr, depth / 1000.0, table, poses[i - 1]))
    room = Intrinsics(481.2, -480.0, 319.5, 239.5)
    poses = _poses(root / "ch12-dense-rgbd/pose.txt")
    for i in range(1, 6):
        depth = _read(root / f"ch12-dense-rgbd/depth/{i}.png", cv2.IMREAD_UNCHANGED)
        bgr = _read(root / f"ch12-dense-rgbd/color/{i}.png")
        frames.append(RgbdFrame(f"ch12/{i}", "ch12", bgr, depth / 5000.0, room, poses[i - 1]))
    return frames


def depth_plane_quads(planes: Planes, *, min_share: float = 0.03) -> list[FloatArray]:
    """Quads picked by the depth rather than by hand: the largest rectangle inside each
    large depth plane, in full-frame pixels. They test the classifier on surfaces the
    flat-region finder may not return (textured table tops, carpets)."""
    quads = []
    scale = 0.25
    for _, mask in planes:
        small = cv2.resize(mask.astype(np.uint8), None, fx=scale, fy=scale) > 0
        count, labels, stats, _ = cv2.connectedComponentsWithStats(
            small.astype(np.uint8), connectivity=4
        )
        if count < 2:
            continue
        biggest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
        box = largest_rectangle(labels == biggest)
        if box is None:
            continue
        x0, y0, x1, y1 = (v / scale for v in box)
        if (x1 - x0) * (y1 - y0) < min_share * mask.size:
            continue
        quads.append(np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float64))
    return quads


PICKED: dict[str, list[list[tuple[float, float]]]] = {
    "ch5/1": [
        [(500, 300), (600, 300), (625, 420), (520, 420)],  # dining-table top, right of the runner
        [(300, 215), (420, 215), (430, 240), (300, 245)],  # far end of the table
    ],
    "ch7/1": [
        [(60, 300), (200, 300), (200, 360), (30, 360)],  # desk top, left of the keyboard
        [(240, 100), (385, 100), (385, 225), (240, 225)],  # monitor
        [(460, 150), (600, 150), (600, 200), (460, 200)],  # floor behind the desk
    ],
}
"""Quads picked by hand on the keyframes (full-frame pixels); the depth labels them."""


@dataclass(frozen=True)
class SurfaceCase:
    """One quad judged twice: by the depth (``truth``) and by the keyframe (``predicted``)."""

    frame: str
    source: str
    """``finder`` (a zone the finder returned), ``depth plane`` or ``picked``."""
    quad: FloatArray
    truth: str
    angle_deg: float
    predicted: str
    reasons: list[str]


def evaluate_frames(
    frames: Sequence[RgbdFrame],
    *,
    finder: SurfaceFinder,
    picked: dict[str, list[list[tuple[float, float]]]] | None = None,
    seed: int = 0,
) -> list[SurfaceCase]:
    """Every finder zone, depth-plane quad and picked quad of ``frames``, labelled by
    depth and classified from the colour keyframe alone."""
    rng = np.random.default_rng(seed)
    planes = [frame_planes(f, rng=rng) for f in frames]
    ups = shared_up(
        frames, [estimate_up(p, f.intrinsics) for p, f in zip(planes, frames, strict=True)]
    )
    picked = PICKED if picked is None else picked
    cases: list[SurfaceCase] = []
    for frame, up, found in zip(frames, ups, planes, strict=True):
        cloud = backproject(frame.depth, frame.intrinsics)
        zones, _ = finder.find(frame.bgr, [], shot_index=0, frame=0)
        quads = [("finder", np.array(z.quad, np.float64)) for z in zones]
        quads += [("depth plane", q) for q in depth_plane_quads(found)]
        quads += [("picked", np.array(q, np.float64)) for q in picked.get(frame.name, [])]
        kinds = finder.orient(frame.bgr, [q for _, q in quads])
        for (source, quad), (kind, reasons) in zip(quads, kinds, strict=True):
            mask = np.zeros(frame.depth.shape, np.uint8)
            cv2.fillConvexPoly(mask, np.round(quad).astype(np.int32), 255)
            truth, angle = true_kind(cloud, mask, up, rng=rng)
            if truth == "no depth":
                continue
            cases.append(SurfaceCase(frame.name, source, quad, truth, angle, kind, reasons))
    return cases


def confusion(cases: Sequence[SurfaceCase]) -> dict[str, dict[str, int]]:
    """Counts of each (truth, predicted) pair: rows are what the depth says."""
    table = {t: dict.fromkeys(KINDS, 0) for t in TRUTHS}
    for case in cases:
        table[case.truth][case.predicted] += 1
    return table


def summarize(cases: Sequence[SurfaceCase]) -> dict[str, float]:
    """Accuracy over the zones the depth calls support or vertical (an undecided
    ``plane`` counts as wrong), how often the classifier commits, and the errors that
    matter: an upright product stood on a wall, a decal put on a table top."""
    decisive = [c for c in cases if c.truth in ("support", "vertical")]
    committed = [c for c in decisive if c.predicted != PLANE]
    said_support = [c for c in cases if c.predicted == "support"]
    truly_support = [c for c in cases if c.truth == "support"]
    return {
        "cases": float(len(cases)),
        "decisive": float(len(decisive)),
        "accuracy": _share(sum(c.predicted == c.truth for c in decisive), len(decisive)),
        "committed": _share(len(committed), len(decisive)),
        "accuracy_when_committed": _share(
            sum(c.predicted == c.truth for c in committed), len(committed)
        ),
        "support_precision": _share(
            sum(c.truth == "support" for c in said_support), len(said_support)
        ),
        "support_recall": _share(
            sum(c.predicted == "support" for c in truly_support), len(truly_support)
        ),
        "vertical_called_support": float(
            sum(c.truth == "vertical" and c.predicted == "support" for c in cases)
        ),
    }


def horizon_row(k: Intrinsics, up: FloatArray, x: float) -> float:
    """The true horizon's row at column ``x`` (full-frame pixels): where rays are level."""
    line = np.linalg.solve(np.array([[k.fx, 0, k.cx], [0, k.fy, k.cy], [0, 0, 1.0]]).T, up)
    return float(-(line[0] * x + line[2]) / line[1])


def _share(count: int, total: int) -> float:
    return round(count / total, 3) if total else float("nan")
