"""Surface-kind benchmark: the monocular support/vertical classifier against RGB-D depth.

python bench/kata/surface_bench.py [--max-zones 8] [--json out] [--list]

Quads come from three sources on the 12 posed RGB-D frames of slambook2 (a desk, a
dining room, the ICL-NUIM living room): the zones the finder returns, the largest
rectangle in each large depth plane, and a few quads picked by hand. The depth labels
each quad (normal within 25° of up: support; of horizontal: vertical); the classifier
sees only the colour frame.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np

from agency.kata.analysis.surfaces import SurfaceFinder
from agency.kata.quality.surface_eval import (
    KINDS,
    TRUTHS,
    RgbdFrame,
    SurfaceCase,
    confusion,
    estimate_up,
    evaluate_frames,
    frame_planes,
    horizon_row,
    load_slambook2,
    shared_up,
    summarize,
)

DATA = Path(__file__).resolve().parents[3] / "shared" / "testdata"
if not DATA.is_dir():
    DATA = Path("/work/shared/testdata")
ROOT = DATA / "images/slambook2"


def print_table(title: str, cases: list[SurfaceCase]) -> None:
    """A confusion table (rows: depth; columns: classifier) and its summary."""
    table = confusion(cases)
    print(f"\n{title} ({len(cases)} quads)")
    print(f"{'depth / predicted':18s}" + "".join(f"{k:>10s}" for k in KINDS))
    for truth in TRUTHS:
        if sum(table[truth].values()):
            print(f"{truth:18s}" + "".join(f"{table[truth][k]:10d}" for k in KINDS))
    stats = summarize(cases)
    print(
        f"accuracy on support+vertical {stats['accuracy']:.0%} of {stats['decisive']:.0f} "
        f"(commits on {stats['committed']:.0%}, right {stats['accuracy_when_committed']:.0%} "
        f"of those); support precision {stats['support_precision']:.0%}, recall "
        f"{stats['support_recall']:.0%}; verticals called support: "
        f"{stats['vertical_called_support']:.0f}"
    )


def up_spread(frames: list[RgbdFrame], local: list[np.ndarray | None]) -> dict[str, float]:
    """Per sequence with poses: the largest angle between one frame's up (taken into the
    world frame) and the sequence's median, in degrees."""
    spread: dict[str, list[np.ndarray]] = {}
    for frame, up in zip(frames, local, strict=True):
        if frame.pose is not None and up is not None:
            spread.setdefault(frame.sequence, []).append(frame.pose[:3, :3] @ up)
    result = {}
    for sequence, ups in spread.items():
        mean = np.median(np.array(ups), axis=0)
        mean /= np.linalg.norm(mean)
        angles = [np.degrees(np.arccos(np.clip(u @ mean, -1, 1))) for u in ups]
        result[sequence] = round(float(max(angles)), 1)
    return result


def horizon_errors(frames: list[RgbdFrame], ups: list[np.ndarray], finder: SurfaceFinder) -> str:
    """How far the keyframe-only horizon is from the depth's, at the centre column, in
    pixels of a 480-wide frame (positive: estimated too low)."""
    errors = []
    for frame, up in zip(frames, ups, strict=True):
        small = cv2.resize(frame.bgr, (480, 360), interpolation=cv2.INTER_AREA)
        gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
        scene = finder.orientation.scene(finder._segments(gray), 480, 360)
        a, b, c = scene.horizon
        estimated = -(a * 240 + c) / b
        truth = horizon_row(frame.intrinsics, up, frame.bgr.shape[1] / 2) * 0.75
        errors.append(f"{frame.name} {estimated - truth:+.0f}")
    return ", ".join(errors)


def timing(frames: list[RgbdFrame], finder: SurfaceFinder) -> tuple[float, float]:
    """Median milliseconds per 480-wide keyframe: line segments (shared with the finder)
    and the classifier itself (vanishing point, horizon, one call per zone)."""
    lsd_ms, classify_ms = [], []
    for frame in frames:
        small = cv2.resize(frame.bgr, (480, 360), interpolation=cv2.INTER_AREA)
        gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
        quads = [np.array([[40, 200], [200, 200], [200, 300], [40, 300]], float)] * 3
        for _ in range(3):
            start = time.perf_counter()
            segments = finder._segments(gray)  # the step the finder shares
            mid = time.perf_counter()
            scene = finder.orientation.scene(segments, 480, 360)
            for quad in quads:
                finder.orientation.classify(quad, scene)
            end = time.perf_counter()
            lsd_ms.append((mid - start) * 1000)
            classify_ms.append((end - mid) * 1000)
    return float(np.median(lsd_ms)), float(np.median(classify_ms))


def position_only(cases: list[SurfaceCase]) -> list[SurfaceCase]:
    """The same quads judged by a naive rule, to show what the cues add."""
    judged = []
    for case in cases:
        low = case.quad[:, 1].mean() > 240  # every frame here is 640×480
        judged.append(replace(case, predicted="support" if low else "vertical"))
    return judged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-zones", type=int, default=8)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--list", action="store_true", help="print every quad")
    args = parser.parse_args()
    frames = load_slambook2(ROOT)
    finder = SurfaceFinder(max_zones=args.max_zones)
    cases = evaluate_frames(frames, finder=finder)
    rng = np.random.default_rng(0)
    local = [estimate_up(frame_planes(f, rng=rng), f.intrinsics) for f in frames]
    print(f"up from depth planes; worst frame vs sequence median (deg): {up_spread(frames, local)}")
    print(
        f"horizon error, px at 480 wide: {horizon_errors(frames, shared_up(frames, local), finder)}"
    )
    if args.list:
        for c in cases:
            corners = np.round(c.quad[[0, 2]]).astype(int).tolist()
            print(
                f"{c.frame:7s} {c.source:11s} {corners!s:24s} depth {c.truth:8s} "
                f"{c.angle_deg:6.1f}°  -> {c.predicted:8s} {c.reasons[-1]}"
            )
    print_table("all quads", cases)
    print_table("baseline, position only (centre below mid-frame: support)", position_only(cases))
    for source in ("finder", "depth plane", "picked"):
        print_table(source, [c for c in cases if c.source == source])
    lsd_ms, classify_ms = timing(frames, finder)
    print(
        f"\ncost per 480-wide keyframe: classifier {classify_ms:.1f} ms "
        f"(+ line segments {lsd_ms:.1f} ms, already run by the finder)"
    )
    if args.json:
        report = {
            "summary": summarize(cases),
            "confusion": confusion(cases),
            "classifier_ms": classify_ms,
            "segments_ms": lsd_ms,
        }
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
