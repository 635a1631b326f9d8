"""People in a keyframe. The test data hold no photo of a real person, so HOG is only
checked for finding nobody in empty rooms; the plumbing (people in the analysis, zones
under a person ranked lower) is checked with a fake detector that returns queued boxes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from kata_media import DATA, DESK

from agency.kata.analysis import PeopleDetector, SurfaceFinder, analyze_video
from agency.kata.media.writer import FrameEncoder
from agency.kata.models import Face, Person

BOX_SCENE = DATA / "images/opencv-box/box_in_scene.png"
PANEL = (150, 120, 290, 200)
"""x0, y0, x1, y1 of the flat panel in the 320×240 scene."""


class QueuedPeople:
    """A fake person detector: returns the same people for every keyframe, records calls."""

    def __init__(self, people: list[Person]) -> None:
        self.people = people
        self.calls: list[tuple[tuple[int, ...], list[Face]]] = []

    def detect(self, bgr: np.ndarray[Any, Any], faces: Sequence[Face] = ()) -> list[Person]:
        self.calls.append((bgr.shape, list(faces)))
        return list(self.people)


def _panel_scene() -> np.ndarray:
    scene = cv2.resize(cv2.imread(str(BOX_SCENE)), (320, 240))
    x0, y0, x1, y1 = PANEL
    scene[y0:y1, x0:x1] = (150, 160, 170)
    return scene


@pytest.mark.parametrize(
    "photo",
    [
        DESK,
        DATA / "images/slambook2/ch7/1.png",
        DATA / "images/slambook2/ch5-rgbd/color/1.png",
        DATA / "images/slambook2/ch12-dense-rgbd/color/1.png",
    ],
    ids=["desk", "office", "dining-room", "living-room"],
)
def test_hog_finds_nobody_in_empty_rooms(photo: Path) -> None:
    assert PeopleDetector().detect(cv2.imread(str(photo))) == []


def test_a_face_grows_a_body_down_to_the_frame_bottom() -> None:
    room = cv2.imread(str(DATA / "images/slambook2/ch12-dense-rgbd/color/1.png"))
    people = PeopleDetector().detect(room, [Face(box=(300, 100, 60, 60))])
    assert people == [Person(box=(240, 70, 180, 410), score=0.5)]


def test_person_over_a_zone_lowers_its_score() -> None:
    scene = _panel_scene()
    finder = SurfaceFinder()
    alone, _ = finder.find(scene, [], shot_index=0, frame=0)
    person = Person(box=(180, 90, 80, 150), score=0.9)
    crowded, _ = finder.find(scene, [], shot_index=0, frame=0, people=[person])
    panel = next(z for z in alone if 150 < np.array(z.quad).mean(axis=0)[0] < 290)
    under = next(z for z in crowded if np.allclose(z.quad, panel.quad))
    assert under.score < panel.score
    assert any("a person stands over it" in r for r in under.reasons)
    assert not any("person" in r for r in panel.reasons)


def test_analysis_reports_people_and_ranks_zones_under_them_lower(tmp_path: Path) -> None:
    scene = _panel_scene()
    rng = np.random.default_rng(4)
    video = tmp_path / "panel.mp4"
    with FrameEncoder(video, width=320, height=240, fps=10, crf=12) as enc:
        for _ in range(15):
            noisy = scene.astype(np.float32) + rng.normal(0, 1.0, scene.shape[:2])[..., None]
            enc.write(np.clip(noisy, 0, 255).astype(np.uint8))
    plain = analyze_video(video, people=QueuedPeople([]))
    fake = QueuedPeople([Person(box=(180, 90, 80, 150), score=0.9)])
    analysis = analyze_video(video, people=fake)
    assert len(fake.calls) == len(analysis.shots) == 1
    assert fake.calls[0][0] == (240, 320, 3)
    assert analysis.shots[0].people == fake.people
    assert plain.shots[0].people == []
    panel = next(z for z in plain.zones if 150 < np.array(z.quad).mean(axis=0)[0] < 290)
    under = next(z for z in analysis.zones if np.allclose(z.quad, panel.quad))
    assert under.score < panel.score
    assert any("a person stands over it" in r for r in under.reasons)
    assert under.kind == panel.kind
