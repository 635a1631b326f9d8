"""Faces in a keyframe with OpenCV's bundled Haar cascades (no downloaded model).

Placements must not cover faces; zones that overlap one lose score. Frontal and profile
cascades run on a frame downscaled to at most 640 pixels wide.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from ..models import Face

_CASCADES = ("haarcascade_frontalface_default.xml", "haarcascade_profileface.xml")


class FaceDetector:
    """Detects face boxes in BGR frames; holds its loaded cascades."""

    def __init__(self, *, max_width: int = 640, min_size_fraction: float = 0.04) -> None:
        root = Path(cv2.data.haarcascades)  # type: ignore[attr-defined]
        self._cascades = [cv2.CascadeClassifier(str(root / name)) for name in _CASCADES]
        self._cascades = [c for c in self._cascades if not c.empty()]
        self.max_width = max_width
        self.min_size_fraction = min_size_fraction

    @property
    def available(self) -> bool:
        """False when this OpenCV build ships no cascades."""
        return bool(self._cascades)

    def detect(self, bgr: NDArray[Any]) -> list[Face]:
        """Face boxes in full-frame pixels, overlapping detections merged."""
        scale = min(1.0, self.max_width / bgr.shape[1])
        gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
        if scale < 1.0:
            gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        gray = cv2.equalizeHist(gray)
        side = max(16, int(min(gray.shape) * self.min_size_fraction))
        boxes: list[list[int]] = []
        for cascade in self._cascades:
            found = cascade.detectMultiScale(gray, 1.1, 5, minSize=(side, side))
            boxes += [list(map(int, b)) for b in found]
        if not boxes:
            return []
        grouped, _ = cv2.groupRectangles(boxes + boxes, 1, 0.3)
        return [
            Face(box=tuple(round(v / scale) for v in box))  # type: ignore[arg-type]
            for box in grouped
        ]


def face_mask(faces: list[Face], width: int, height: int, margin: float = 0.3) -> NDArray[Any]:
    """0/255 mask of the face boxes grown by ``margin`` (hair, shoulders)."""
    mask = np.zeros((height, width), np.uint8)
    for face in faces:
        x, y, w, h = face.box
        dx, dy = int(w * margin), int(h * margin)
        cv2.rectangle(mask, (x - dx, y - dy), (x + w + dx, y + h + 2 * dy), 255, -1)
    return mask


def person_mask(faces: list[Face], width: int, height: int) -> NDArray[Any]:
    """0/255 mask of where the people behind ``faces`` probably are: the head and a torso
    three faces wide down to the bottom of the frame. People move on their own, so the
    tracker keeps its features off them."""
    mask = np.zeros((height, width), np.uint8)
    for face in faces:
        x, y, w, h = face.box
        cv2.rectangle(mask, (x - w // 2, y - h // 2), (x + w + w // 2, y + 2 * h), 255, -1)
        cv2.rectangle(mask, (x - w, y + h), (x + 2 * w, height), 255, -1)
    return mask
