"""Harmonisation benchmark (iHarmony4 protocol) on the real photos in the test data.

python bench/kata/harmonization_bench.py [--per-photo 6] [--json out]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from agency.kata.quality.harmonization_eval import evaluate_harmonizers, make_cases

DATA = Path(__file__).resolve().parents[3] / "shared" / "testdata"
if not DATA.is_dir():
    DATA = Path("/work/shared/testdata")


def photos() -> list[Path]:
    """Every real photo in the test data (depth maps left out)."""
    found = sorted((DATA / "video-frames/desk-pan-cis581").glob("frame*.png"))
    found += sorted((DATA / "images/slambook2/ch5-rgbd/color").glob("*.png"))
    found += sorted((DATA / "images/slambook2/ch12-dense-rgbd/color").glob("*.png"))
    found += [DATA / "images/slambook2/ch7/1.png", DATA / "images/slambook2/ch7/2.png"]
    found += [DATA / "images/opencv-box/box_in_scene.png"]
    found += sorted((DATA / "images/oxford-affine").glob("*.png"))
    return [p for p in found if p.is_file()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--per-photo", type=int, default=6)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    cases = make_cases(photos(), per_photo=args.per_photo)
    results = evaluate_harmonizers(cases)
    print(f"{len(cases)} perturbed regions on {len(photos())} photos (256×256)")
    for name, row in results.items():
        print(f"{name:42s} MSE {row['mse']:8.2f}  fMSE {row['fmse']:9.2f}  PSNR {row['psnr']:6.2f}")
    if args.json:
        args.json.write_text(json.dumps({"cases": len(cases), "results": results}, indent=2))


if __name__ == "__main__":
    main()
