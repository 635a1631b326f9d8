"""Shot boundaries with PySceneDetect's ContentDetector on the PyAV backend.

Defaults match PySceneDetect's own golden tests (testvideo.mp4 cuts at 30, 180, 394).
Cuts are placed by time and returned as indices of decoded frames, which is what the
rest of Kata (and REPORT.json) counts in; for variable frame rate video these differ
from PySceneDetect's nominal-rate frame numbers.
"""

from __future__ import annotations

import bisect
import itertools
from pathlib import Path

from scenedetect import ContentDetector, SceneManager, open_video

from agency.core.errors import InputError

from ..media.reader import frame_times
from ..models import Shot


class ShotDetector:
    """Splits a video into shots; ``threshold`` is ContentDetector's (27 by default)."""

    def __init__(self, *, threshold: float = 27.0, min_scene_len: int = 15) -> None:
        self.threshold = threshold
        self.min_scene_len = min_scene_len

    def detect(self, path: Path, *, frame_count: int) -> list[Shot]:
        """Shots covering ``[0, frame_count)``; one shot when there is no cut."""
        try:
            video = open_video(str(path), backend="pyav")
        except Exception as exc:  # PySceneDetect wraps backend errors in several types
            raise InputError(
                f"{Path(path).name} could not be read for shot detection ({exc}).",
                field="video",
                fix="Upload an intact MP4, MOV or WebM video.",
            ) from exc
        manager = SceneManager()
        manager.add_detector(
            ContentDetector(threshold=self.threshold, min_scene_len=self.min_scene_len)
        )
        manager.detect_scenes(video)
        times = frame_times(Path(path))
        total = len(times) or max(frame_count, video.frame_number)
        half = 0.5 / max(float(video.frame_rate), 1.0)
        cuts = sorted(
            {
                bisect.bisect_left(times, tc.seconds - half) if times else tc.frame_num
                for tc, _ in manager.get_scene_list()[1:]
            }
        )
        bounds = [0, *[c for c in cuts if 0 < c < total], total]
        return [Shot(start_frame=a, end_frame=b) for a, b in itertools.pairwise(bounds)]
