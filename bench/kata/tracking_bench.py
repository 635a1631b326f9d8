"""Tracking benchmark: real photos viewed through known smooth homographies.

Each scenario renders 1920×1080 frames (300 = 10 s at 30 fps) with pan, tilt, zoom, roll
and perspective, plus motion blur, sensor noise and exposure drift, tracks a quad from
frame 0 and reports RMS corner error and frame-to-frame jitter against the true quads
(targets: ≤ 1.0 px and ≤ 0.3 px).

    python bench/kata/tracking_bench.py [--frames 300] [--width 1920 --height 1080] [--json out]
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from agency.kata.quality.synthetic import make_sequence
from agency.kata.quality.tracking_eval import evaluate_tracking

DATA = Path(__file__).resolve().parents[3] / "shared" / "testdata"
if not DATA.is_dir():
    DATA = Path("/work/shared/testdata")
PHOTOS = {
    "desk-pan": DATA / "video-frames/desk-pan-cis581/frame0.png",
    "slambook-desk": DATA / "images/slambook2/ch7/1.png",
}
SCENARIOS: dict[str, dict[str, Any]] = {
    "pan+tilt": {"zoom": 0.0, "roll_deg": 0.0, "perspective": 0.0},
    "zoom": {"pan": 0.02, "tilt": 0.01, "zoom": 0.35, "roll_deg": 0.0},
    "roll": {"pan": 0.02, "tilt": 0.01, "zoom": 0.0, "roll_deg": 10.0},
    "all": {},
    "wide-pan": {"pan": 0.35, "tilt": 0.08, "zoom": 0.15, "roll_deg": 4.0},
}
DEGRADATIONS: dict[str, dict[str, Any]] = {
    "clean": {"noise_sigma": 0.0, "blur": False, "exposure_swing": 0.0},
    "blur+noise+exposure": {"noise_sigma": 3.0, "blur": True, "exposure_swing": 0.2},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--width", type=int, default=1920)
    parser.add_argument("--height", type=int, default=1080)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--scenarios", nargs="*", default=list(SCENARIOS), choices=list(SCENARIOS))
    args = parser.parse_args()
    rows = []
    for photo_name, photo in PHOTOS.items():
        for scenario in args.scenarios:
            motion = SCENARIOS[scenario]
            for degradation, degrade in DEGRADATIONS.items():
                seq = make_sequence(
                    photo,
                    width=args.width,
                    height=args.height,
                    frames=args.frames,
                    **degrade,
                    **motion,
                )
                score = evaluate_tracking(seq)
                row = {"photo": photo_name, "scenario": scenario, "degradation": degradation}
                row |= asdict(score)
                rows.append(row)
                print(
                    f"{photo_name:14s} {scenario:9s} {degradation:20s} "
                    f"rms {score.rms_error_px:6.3f} px  max {score.max_error_px:6.3f}  "
                    f"jitter {score.jitter_px:6.3f} px  raw rms {score.raw_rms_error_px:6.3f}  "
                    f"lost {score.lost_frames}  rekeys {score.rekeys}  {score.fps:5.1f} fps",
                    flush=True,
                )
    worst_rms = max(r["rms_error_px"] for r in rows)
    worst_jitter = max(r["jitter_px"] for r in rows)
    print(f"worst rms {worst_rms:.3f} px (target 1.0), worst jitter {worst_jitter:.3f} px (0.3)")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
