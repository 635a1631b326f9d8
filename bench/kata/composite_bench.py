"""End-to-end composite benchmark: a 1920×1080, 10 s synthetic camera move over a real
photo is encoded to H.264, then ``composite_video`` places a product on the true quad of
frame 0. Reports wall time, frames per second and the error of REPORT.json's quads
against the true quads (so codec, tracking and smoothing are all in the number), and the
speed ratio to a plain ffmpeg decode + encode of the same clip with the engine's encoder
settings (libx264 veryfast, CRF 18, yuv420p, faststart): the issue's target is ≥ 0.7.

    python bench/kata/composite_bench.py [--frames 300] [--width 1920 --height 1080]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

from agency.creation.media_tools import ffmpeg_exe
from agency.kata import composite_video
from agency.kata.media.writer import FrameEncoder
from agency.kata.quality.synthetic import make_sequence

PHOTO = (
    Path(__file__).resolve().parents[3] / "shared/testdata/video-frames/desk-pan-cis581/frame0.png"
)
if not PHOTO.exists():
    PHOTO = Path("/work/shared/testdata/video-frames/desk-pan-cis581/frame0.png")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--width", type=int, default=1920)
    parser.add_argument("--height", type=int, default=1080)
    args = parser.parse_args()
    seq = make_sequence(PHOTO, width=args.width, height=args.height, frames=args.frames)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        video = folder / "source.mp4"
        with FrameEncoder(video, width=seq.width, height=seq.height, fps=30.0, crf=16) as enc:
            for frame in seq.frames():
                enc.write(frame)
        product = folder / "product.png"
        label = np.zeros((300, 500, 4), np.uint8)
        cv2.rectangle(label, (0, 0), (499, 299), (60, 60, 200, 255), -1)
        cv2.putText(label, "KATA", (90, 190), cv2.FONT_HERSHEY_SIMPLEX, 4, (240, 240, 240, 255), 12)
        cv2.imwrite(str(product), label)
        started = time.perf_counter()
        plain_encode(video, folder / "plain.mp4")
        plain = time.perf_counter() - started
        started = time.perf_counter()
        result = composite_video(
            video,
            product,
            folder / "out.mp4",
            quad=seq.true_quad(0).tolist(),
            report_path=folder / "REPORT.json",
        )
        elapsed = time.perf_counter() - started
        report = json.loads((folder / "REPORT.json").read_text())
    frames = report["placement"]["frames"]
    errors = np.array([np.array(f["quad"]) - seq.true_quad(f["frame"]) for f in frames])
    rms = float(np.sqrt((errors**2).sum(axis=-1).mean()))
    jitter = float(np.sqrt((np.diff(errors, axis=0) ** 2).sum(axis=-1).mean()))
    print(
        f"{args.width}x{args.height} {result.frame_count} frames: {elapsed:.1f} s "
        f"({result.frame_count / elapsed:.1f} fps end to end)"
    )
    print(
        f"placed {result.placed_frames} frames, REPORT quads vs truth: rms {rms:.3f} px, "
        f"max {np.linalg.norm(errors, axis=-1).max():.3f} px, jitter {jitter:.3f} px"
    )
    print(
        f"plain ffmpeg decode+encode: {plain:.1f} s ({result.frame_count / plain:.1f} fps); "
        f"speed ratio composite/plain {plain / elapsed:.2f} (target ≥ 0.7)"
    )
    print("quality:", json.dumps(report["quality"]))


def plain_encode(video: Path, out: Path) -> None:
    """Decode and re-encode ``video`` with the engine's encoder settings."""
    cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-i", str(video)]
    cmd += ["-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p"]
    cmd += ["-c:a", "copy", "-movflags", "+faststart", str(out)]
    subprocess.run(cmd, check=True, timeout=600)


if __name__ == "__main__":
    main()
