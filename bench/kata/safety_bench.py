"""Safety benchmark for Kata placements.

1. Faces: on real footage with people (PySceneDetect's test clips: testvideo.mp4 and the
   GoldenEye VFR clip), analyse, composite on the best zone of each shot that has one,
   then run the face detector on EVERY frame of the source and count frames where a
   placed quad overlaps a face box. Target: 0.
2. Occluders: a person silhouette textured from a real photo walks across a tracked
   plane (real photos under a known camera path); the occluder matte is scored against
   the exact ground truth inside the product's quad. Target: mask IoU ≥ 0.9.

    python bench/kata/safety_bench.py [--width 1920 --height 1080 --frames 120] [--json out]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from agency.core.errors import InputError
from agency.kata import analyze_video, composite_video
from agency.kata.analysis.faces import FaceDetector
from agency.kata.media import iter_frames
from agency.kata.quality.occlusion_eval import evaluate_occlusion
from agency.kata.quality.synthetic import make_sequence

DATA = Path(__file__).resolve().parents[3] / "shared" / "testdata"
if not DATA.is_dir():
    DATA = Path("/work/shared/testdata")
CLIPS = [DATA / "pyscenedetect/testvideo.mp4", DATA / "pyscenedetect/goldeneye-vfr-drop3.mp4"]
FLOORS = DATA / "video-frames/desk-pan-cis581/frame0.png"
WALKERS = [
    DATA / "images/slambook2/ch7/1.png",
    DATA / "images/opencv-box/box_in_scene.png",
    DATA / "images/oxford-affine/graf_img1_halfres.png",
]


def _overlaps(quad: np.ndarray, box: tuple[int, int, int, int]) -> bool:
    x, y, w, h = box
    rect = np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], np.float32)
    area, _ = cv2.intersectConvexConvex(quad.astype(np.float32), rect)
    return bool(area > 0.0)


def face_clearance(clip: Path, folder: Path) -> dict[str, Any]:
    """Composite on every shot's best zone; check every frame against detected faces."""
    analysis = analyze_video(clip)
    detector = FaceDetector()
    placed: dict[int, np.ndarray] = {}
    product = folder / "label.png"
    label = np.zeros((120, 200, 4), np.uint8)
    cv2.rectangle(label, (0, 0), (199, 119), (40, 40, 200, 255), -1)
    cv2.imwrite(str(product), label)
    composites = 0
    for shot in analysis.shots:
        if not shot.zones:
            continue
        zone = shot.zones[0]
        try:
            result = composite_video(
                clip,
                product,
                folder / f"out{shot.index}.mp4",
                zone_id=zone.id,
                frames=(shot.shot.start_frame, shot.shot.end_frame),
                analysis=analysis,
            )
        except InputError as exc:
            print(f"  shot {shot.index}: {exc}")
            continue
        composites += 1
        for f in result.report["placement"]["frames"]:  # type: ignore[index]
            placed[int(f["frame"])] = np.array(f["quad"])
    faces_seen = overlapping = 0
    for index, frame in iter_frames(clip):
        if index not in placed:
            continue
        boxes = [f.box for f in detector.detect(frame)]
        faces_seen += len(boxes)
        overlapping += any(_overlaps(placed[index], b) for b in boxes)
    return {
        "clip": clip.name,
        "shots": len(analysis.shots),
        "composites": composites,
        "placed_frames": len(placed),
        "faces_detected_in_placed_frames": faces_seen,
        "frames_with_face_overlap": overlapping,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--width", type=int, default=1920)
    parser.add_argument("--height", type=int, default=1080)
    parser.add_argument("--frames", type=int, default=120)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results: dict[str, Any] = {"faces": [], "occlusion": []}
    with tempfile.TemporaryDirectory() as tmp:
        for clip in CLIPS:
            started = time.perf_counter()
            row = face_clearance(clip, Path(tmp))
            row["seconds"] = round(time.perf_counter() - started, 1)
            results["faces"].append(row)
            print(json.dumps(row))
    for walker in WALKERS:
        seq = make_sequence(
            FLOORS,
            width=args.width,
            height=args.height,
            frames=args.frames,
            distractor=walker,
            distractor_height=0.7,
            distractor_person=True,
        )
        started = time.perf_counter()
        row = evaluate_occlusion(seq)
        row["walker_texture"] = walker.name
        row["seconds"] = round(time.perf_counter() - started, 1)
        results["occlusion"].append(row)
        print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in row.items()}))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
