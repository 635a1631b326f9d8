"""Shot detection against PySceneDetect's own goldens and generated cuts."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from agency.kata.analysis.shots import ShotDetector
from conftest import SCENEDETECT, lavfi


def cuts(path: Path, frames: int) -> list[int]:
    shots = ShotDetector().detect(path, frame_count=frames)
    assert shots[0].start_frame == 0
    assert all(a.end_frame == b.start_frame for a, b in itertools.pairwise(shots))
    return [s.start_frame for s in shots[1:]]


@pytest.mark.slow
def test_testvideo_matches_pyscenedetect_golden() -> None:
    assert cuts(SCENEDETECT / "testvideo.mp4", 720) == [30, 180, 394]


def test_counter_has_no_content_cut() -> None:
    assert cuts(SCENEDETECT / "counter.mp4", 30) == []


def test_goldeneye_vfr_cuts() -> None:
    assert cuts(SCENEDETECT / "goldeneye-vfr-drop3.mp4", 160) == [90, 210]


def test_generated_hard_cut(tmp_path: Path) -> None:
    clip = lavfi(
        tmp_path / "cut.mp4",
        "testsrc=size=320x180:rate=25:duration=2[a];smptebars=size=320x180:rate=25:duration=2[b];"
        "[a][b]concat=n=2:v=1:a=0",
        "-pix_fmt",
        "yuv420p",
    )
    shots = ShotDetector().detect(clip, frame_count=100)
    assert [s.start_frame for s in shots] == [0, 50]
    assert shots[-1].end_frame == 100
