"""Sequences of known camera motion made from real photos, for tracking benchmarks.

A photo is the world plane; each frame views it through a smooth homography (pan, tilt,
zoom, roll and a little perspective), then gets motion blur along its velocity, sensor
noise and an exposure drift. The true quad in every frame is known exactly.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from ..compositing.matching import line_kernel
from ..geometry import FloatArray, apply_homography


@dataclass(frozen=True)
class SyntheticSequence:
    """A world image, the frame size and the homography world→frame for each frame."""

    world: NDArray[Any]
    width: int
    height: int
    homographies: list[FloatArray]
    quad_world: FloatArray
    noise_sigma: float
    blur: bool
    exposure_swing: float
    seed: int
    distractor: NDArray[Any] | None = None
    """An object that crosses the view on its own path (a passer-by), drawn in front."""
    distractor_alpha: NDArray[Any] | None = None
    """The passer-by's silhouette (1 inside); ``None`` draws the whole rectangle."""

    def true_quad(self, index: int) -> FloatArray:
        """Where the quad really is in frame ``index``."""
        return apply_homography(self.homographies[index], self.quad_world)

    def _distractor_at(self, index: int) -> tuple[int, int]:
        """Top-left of the passer-by in frame ``index``: left to right, slightly down."""
        assert self.distractor is not None
        t = index / max(len(self.homographies) - 1, 1)
        pw = self.distractor.shape[1]
        return round(-pw + t * (self.width + pw)), round(self.height * 0.1 + t * self.height * 0.3)

    def occluder_mask(self, index: int) -> NDArray[Any]:
        """Ground truth: where the passer-by covers frame ``index`` (bool, frame size)."""
        mask = np.zeros((self.height, self.width), np.float32)
        if self.distractor is not None:
            ph, pw = self.distractor.shape[:2]
            shape = self.distractor_alpha
            patch = np.ones((ph, pw, 1), np.float32) if shape is None else shape[:, :, None]
            _draw_distractor(mask[:, :, None], patch, self._distractor_at(index), None)
        return mask > 0.5

    def frames(self) -> Iterator[NDArray[Any]]:
        """Render the frames (BGR) in order."""
        rng = np.random.default_rng(self.seed)
        count = len(self.homographies)
        for i, h in enumerate(self.homographies):
            frame = cv2.warpPerspective(
                self.world,
                h,
                (self.width, self.height),
                flags=cv2.INTER_LINEAR,
                borderMode=cv2.BORDER_REFLECT,
            ).astype(np.float32)
            if self.blur and i > 0:
                velocity = _centre(h) - _centre(self.homographies[i - 1])
                frame = _motion_blur(frame, velocity)
            if self.distractor is not None:
                _draw_distractor(
                    frame, self.distractor, self._distractor_at(i), self.distractor_alpha
                )
            gain = 1.0 + self.exposure_swing * math.sin(2 * math.pi * i / max(count, 1))
            frame = frame * gain
            if self.noise_sigma > 0:
                frame += rng.normal(0.0, self.noise_sigma, frame.shape).astype(np.float32)
            yield np.clip(frame + 0.5, 0, 255).astype(np.uint8)


def _draw_distractor(
    frame: NDArray[Any], patch: NDArray[Any], at: tuple[int, int], alpha: NDArray[Any] | None
) -> None:
    """Paste ``patch`` (through ``alpha`` when given) with its top-left at ``at``."""
    rows, cols = frame.shape[:2]
    ph, pw = patch.shape[:2]
    x, y = at
    x0, x1 = max(0, x), min(cols, x + pw)
    y0, y1 = max(0, y), min(rows, y + ph)
    if x1 > x0 and y1 > y0:
        part = patch[y0 - y : y1 - y, x0 - x : x1 - x]
        if alpha is None:
            frame[y0:y1, x0:x1] = part
        else:
            a = alpha[y0 - y : y1 - y, x0 - x : x1 - x, None]
            frame[y0:y1, x0:x1] = part * a + frame[y0:y1, x0:x1] * (1.0 - a)


def person_silhouette(width: int, height: int) -> NDArray[Any]:
    """A standing person's silhouette (head, neck, shoulders, torso, arms), 0/1 float32."""
    mask = np.zeros((height, width), np.uint8)
    cx = width // 2
    head = max(4, height // 9)
    cv2.ellipse(mask, (cx, head + 2), (int(head * 0.8), head), 0, 0, 360, 1, -1)
    cv2.rectangle(mask, (cx - head // 3, 2 * head), (cx + head // 3, int(2.5 * head)), 1, -1)
    shoulders = np.array(
        [
            [cx - int(width * 0.42), int(2.9 * head)],
            [cx + int(width * 0.42), int(2.9 * head)],
            [cx + int(width * 0.36), height],
            [cx - int(width * 0.36), height],
        ],
        np.int32,
    )
    cv2.fillConvexPoly(mask, shoulders, 1)
    cv2.ellipse(mask, (cx, int(2.9 * head)), (int(width * 0.42), head // 2), 0, 180, 360, 1, -1)
    return mask.astype(np.float32)


def _centre(h: FloatArray) -> FloatArray:
    return apply_homography(h, np.array([[0.0, 0.0]]))[0]


def _motion_blur(frame: NDArray[Any], velocity: FloatArray) -> NDArray[Any]:
    if float(np.hypot(*velocity)) < 1.0:
        return frame
    return cv2.filter2D(frame, -1, line_kernel(float(velocity[0]), float(velocity[1])))


def camera_path(
    frames: int,
    width: int,
    height: int,
    *,
    pan: float = 0.12,
    tilt: float = 0.06,
    zoom: float = 0.25,
    roll_deg: float = 6.0,
    perspective: float = 0.04,
) -> list[FloatArray]:
    """Smooth homographies world→frame; amplitudes are fractions of the frame width."""
    mats = []
    for i in range(frames):
        t = i / max(frames - 1, 1)
        s = 1.0 + zoom * (0.5 - 0.5 * math.cos(math.pi * t))
        tx = pan * width * math.sin(2 * math.pi * t)
        ty = tilt * width * math.sin(math.pi * t) * math.cos(math.pi * t)
        a = math.radians(roll_deg * math.sin(2 * math.pi * t * 0.75))
        p = perspective * math.sin(math.pi * t) / width
        cx, cy = width / 2, height / 2
        move = np.array([[1, 0, -cx], [0, 1, -cy], [0, 0, 1]], np.float64)
        rot = np.array(
            [
                [s * math.cos(a), -s * math.sin(a), 0],
                [s * math.sin(a), s * math.cos(a), 0],
                [p, 0, 1],
            ]
        )
        back = np.array([[1, 0, cx + tx], [0, 1, cy + ty], [0, 0, 1]], np.float64)
        mats.append(back @ rot @ move)
    return mats


def make_sequence(
    photo: Path,
    *,
    width: int = 1920,
    height: int = 1080,
    frames: int = 300,
    noise_sigma: float = 2.0,
    blur: bool = True,
    exposure_swing: float = 0.15,
    seed: int = 0,
    distractor: Path | None = None,
    distractor_height: float = 0.4,
    distractor_person: bool = False,
    **motion: float,
) -> SyntheticSequence:
    """A sequence over ``photo`` (scaled to cover the frame) with a centred quad."""
    image = cv2.imread(str(photo), cv2.IMREAD_COLOR)
    if image is None:
        raise FileNotFoundError(photo)
    if image.shape[0] > image.shape[1]:
        image = cv2.rotate(image, cv2.ROTATE_90_CLOCKWISE)
    scale = max(width / image.shape[1], height / image.shape[0])
    world = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    y0 = (world.shape[0] - height) // 2
    x0 = (world.shape[1] - width) // 2
    world = np.ascontiguousarray(world[y0 : y0 + height, x0 : x0 + width])
    qw, qh = width * 0.22, height * 0.25
    quad = np.array(
        [
            [width / 2 - qw / 2, height / 2 - qh / 2],
            [width / 2 + qw / 2, height / 2 - qh / 2],
            [width / 2 + qw / 2, height / 2 + qh / 2],
            [width / 2 - qw / 2, height / 2 + qh / 2],
        ]
    )
    mats = camera_path(frames, width, height, **motion)
    patch: NDArray[Any] | None = None
    alpha: NDArray[Any] | None = None
    if distractor is not None:
        other = cv2.imread(str(distractor), cv2.IMREAD_COLOR)
        if other is None:
            raise FileNotFoundError(distractor)
        size = height * distractor_height / other.shape[0]
        patch = cv2.resize(other, None, fx=size, fy=size, interpolation=cv2.INTER_AREA)
        patch = patch.astype(np.float32)
        if distractor_person:
            alpha = person_silhouette(patch.shape[1], patch.shape[0])
    return SyntheticSequence(
        world, width, height, mats, quad, noise_sigma, blur, exposure_swing, seed, patch, alpha
    )
