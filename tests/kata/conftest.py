"""Fixtures for the Kata tests: a synthetic camera move over a real photo as an MP4 with
audio, and a product PNG with alpha."""

from __future__ import annotations

import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest
from kata_media import DESK, write_sequence

from agency.creation.media_tools import ffmpeg_exe
from agency.kata.quality.synthetic import SyntheticSequence, make_sequence


@pytest.fixture(scope="session")
def desk_sequence() -> SyntheticSequence:
    """2 s at 480×270 of a pan/zoom/roll over the desk photo, with noise and blur."""
    return make_sequence(DESK, width=480, height=270, frames=60, noise_sigma=2.0, seed=1)


@pytest.fixture(scope="session")
def desk_video(tmp_path_factory: pytest.TempPathFactory, desk_sequence: SyntheticSequence) -> Path:
    """``desk_sequence`` as an MP4 with a sine-tone audio track."""
    folder = tmp_path_factory.mktemp("kata")
    silent = write_sequence(desk_sequence, folder / "silent.mp4")
    out = folder / "desk.mp4"
    subprocess.run(
        [
            ffmpeg_exe(),
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-i",
            str(silent),
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=2",
            "-c:v",
            "copy",
            "-c:a",
            "aac",
            "-shortest",
            str(out),
        ],
        check=True,
        timeout=60,
    )
    return out


@pytest.fixture(scope="session")
def product_png(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 200×120 product label: red card, white disc, transparent rounded corners."""
    img = np.zeros((120, 200, 4), np.uint8)
    cv2.rectangle(img, (10, 10), (190, 110), (40, 40, 200, 255), -1)
    cv2.circle(img, (100, 60), 35, (240, 240, 240, 255), -1)
    cv2.putText(img, "KATA", (62, 70), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (20, 20, 20, 255), 2)
    path = tmp_path_factory.mktemp("product") / "product.png"
    cv2.imwrite(str(path), img)
    return path
