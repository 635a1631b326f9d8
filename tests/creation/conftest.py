"""Generated media of known answer for the creation tests (no files checked in)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from creation_media_helpers import write_tone
from PIL import Image

from agency.creation.media_tools import run_ffmpeg


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Stills, a short video, a voice-like tone and a music loop, generated once."""
    root = tmp_path_factory.mktemp("media")
    files: dict[str, Path] = {}
    for i, colour in enumerate([(200, 60, 40), (40, 160, 90), (50, 70, 200)]):
        img = np.zeros((480, 640, 3), np.uint8)
        img[:] = colour
        img[::32] = 255  # a grid, so motion is measurable
        img[:, ::32] = 255
        files[f"img{i}"] = root / f"img{i}.png"
        Image.fromarray(img).save(files[f"img{i}"])
    files["video"] = root / "clip.mp4"
    run_ffmpeg(
        ["-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=2", "-pix_fmt", "yuv420p",
         "-c:v", "libx264", "-preset", "ultrafast", str(files["video"])],
        timeout_s=60,
    )  # fmt: skip
    files["video_sound"] = root / "clip_sound.mp4"
    run_ffmpeg(
        ["-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=3", "-f", "lavfi",
         "-i", "sine=f=440:d=3:sample_rate=44100", "-pix_fmt", "yuv420p", "-c:v", "libx264",
         "-preset", "ultrafast", "-c:a", "aac", "-shortest", str(files["video_sound"])],
        timeout_s=60,
    )  # fmt: skip
    files["voice"] = write_tone(
        root / "voice.wav", freq=2000, seconds=1.0, amplitude=0.3, start_s=1.0, total_s=3.0
    )
    files["music"] = write_tone(root / "music.wav", freq=200, seconds=2.0, amplitude=0.3)
    return files
