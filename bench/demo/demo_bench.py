"""Wall time of the whole offline demo (onboarding → research → strategy → copy → media).

Runs `agency demo --json` in a fresh data directory, as a user would, and prints the
wall time, the per-stage times from the jobs' progress, and what was produced.
Target: under 3 minutes on 2 cores. Usage: python bench/demo/demo_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run_once() -> tuple[float, dict]:
    with tempfile.TemporaryDirectory(prefix="agency-demo-bench-") as data_dir:
        env = {**os.environ, "AGENCY_DATA_DIR": data_dir}
        env.pop("AGENCY_DATABASE_URL", None)
        started = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-m", "agency.cli.main", "demo", "--json"],
            capture_output=True,
            text=True,
            env=env,
            timeout=1200,
        )
        elapsed = time.perf_counter() - started
        if run.returncode != 0:
            raise SystemExit(f"demo failed:\n{run.stderr[-3000:]}")
        out = json.loads(run.stdout)
        folder = Path(out["folder"])
        media = list((folder / "media").glob("*"))
        out["images"] = sum(1 for p in media if p.suffix == ".png")
        out["videos"] = sum(1 for p in media if p.suffix == ".mp4")
        return elapsed, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    times = []
    for index in range(args.runs):
        elapsed, out = run_once()
        times.append(elapsed)
        print(
            f"run {index + 1}: {elapsed:6.1f} s wall — {out['copy_pieces']} copy pieces, "
            f"{out['images']} images, {out['videos']} videos, {out['files']} files"
        )
    print(f"demo wall time: median {statistics.median(times):.1f} s over {len(times)} run(s)")
    print(f"cores: {os.cpu_count()}; target < 180 s: {'met' if max(times) < 180 else 'NOT met'}")


if __name__ == "__main__":
    main()
