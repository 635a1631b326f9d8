"""People in a keyframe: OpenCV's HOG pedestrian detector (Dalal–Triggs, bundled with
OpenCV, no downloaded model) and, for people seen closer than HOG's window allows, a body
box grown below each face.

People occlude placements and must not be covered by them: zones under a person lose
score, and the boxes tell compositing where a person may pass in front of a product.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import cv2
import numpy as np
from numpy.typing import NDArray

from ..models import Face, Person

FACE_PERSON_SCORE = 0.5
"""Confidence given to a body inferred from a face (the face is found; the body's
extent is a guess: three faces wide, down to the bottom of the frame)."""


class PersonDetector(Protocol):
    """Anything that finds people in a BGR keyframe, given the faces already found."""

    def detect(self, bgr: NDArray[Any], faces: Sequence[Face] = ()) -> list[Person]:
        """Person boxes in full-frame pixels."""
        ...


class PeopleDetector:
    """HOG people boxes plus face-grown bodies, in full-frame pixels.

    HOG runs at most ``max_width`` pixels wide with its 64×128 window, so it finds
    standing people at least about a third of a 640×360 frame tall; closer people are
    usually found by their face instead. ``min_margin`` is the SVM margin a HOG window
    needs (0.7 keeps a potted plant in the test data from counting as a person).
    """

    def __init__(self, *, max_width: int = 640, min_margin: float = 0.7) -> None:
        self.max_width = max_width
        self.min_margin = min_margin
        self._hog = cv2.HOGDescriptor()
        self._hog.setSVMDetector(np.asarray(cv2.HOGDescriptor.getDefaultPeopleDetector()))

    def detect(self, bgr: NDArray[Any], faces: Sequence[Face] = ()) -> list[Person]:
        """People found by HOG, then one body per face that no HOG box already holds."""
        height, width = bgr.shape[:2]
        people = self._hog_people(bgr)
        for face in faces:
            x, y, w, h = face.box
            cx, cy = x + w / 2, y + h / 2
            if any(_contains(p.box, cx, cy) for p in people):
                continue
            body = _clip((x - w, y - h // 2, x + 2 * w, height), width, height)
            if body is not None:
                people.append(Person(box=body, score=FACE_PERSON_SCORE))
        return sorted(people, key=lambda p: -p.score)

    def _hog_people(self, bgr: NDArray[Any]) -> list[Person]:
        height, width = bgr.shape[:2]
        scale = min(1.0, self.max_width / width)
        small = bgr
        if scale < 1.0:
            small = cv2.resize(bgr, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        if min(small.shape[:2]) < 128:
            return []
        boxes, margins = self._hog.detectMultiScale(
            small, winStride=(8, 8), padding=(8, 8), scale=1.05
        )
        people = []
        for box, margin in zip(boxes, np.ravel(margins), strict=True):
            if margin < self.min_margin:
                continue
            x, y, w, h = (float(v) / scale for v in box)
            clipped = _clip((x, y, x + w, y + h), width, height)
            if clipped is not None:
                people.append(Person(box=clipped, score=round(float(margin / (1 + margin)), 3)))
        return people


def _clip(
    corners: tuple[float, float, float, float], width: int, height: int
) -> tuple[int, int, int, int] | None:
    x0, y0 = max(0, round(corners[0])), max(0, round(corners[1]))
    x1, y1 = min(width, round(corners[2])), min(height, round(corners[3]))
    if x1 - x0 < 2 or y1 - y0 < 2:
        return None
    return (x0, y0, x1 - x0, y1 - y0)


def _contains(box: tuple[int, int, int, int], x: float, y: float) -> bool:
    bx, by, bw, bh = box
    return bx <= x <= bx + bw and by <= y <= by + bh
