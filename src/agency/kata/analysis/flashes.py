"""Photosensitive-seizure flash test of footage (WCAG 2.x SC 2.3.1, ITU-R BT.1702, Ofcom).

A *transition* is a change of relative luminance of at least 0.1 (10 % of the maximum)
where the darker state is below 0.80; a *flash* is a pair of opposing transitions. Video
fails when more than three flashes fall in any one second over a large enough area. Red
flashes follow the WCAG 2.2 red flash definition: a change of (R − G − B) × 320 of more
than 20 (negatives clipped to 0) where either state is saturated red, R / (R + G + B) ≥ 0.8,
in linear sRGB.

Each frame is reduced to a grid of cells (about 64 along the longer side) of linear relative
luminance. Every cell follows its own swings with 0.1 hysteresis, so a slow fade is one
transition however many frames it takes, and noise below 0.1 is none. A cell flashes at
a frame when it has made more than six transitions in the last second. The footage fails
when the flashing cells cover 25 % of a 10° visual field:

* ``field="wcag"`` (default): the WCAG approximation of a 10° field, a 341 × 256 window on a
  1024 × 768 screen, i.e. a window a third of the frame's width and height (11 % of its
  area) anywhere in the frame. The limit is then 2.8 % of the frame if the flashing is
  concentrated: the safe choice for phones and desktops, where the video fills the view.
* ``field="screen"``: ITU-R BT.1702 and Ofcom's broadcast rule, a quarter of the screen.

Per-cell counting is slightly stricter than "flashes occurring concurrently": two regions
flashing out of phase in one window add up.
"""

from __future__ import annotations

import math
from collections import deque
from typing import Any, Literal

import cv2
import numpy as np
from numpy.typing import NDArray

from agency.core.errors import InputError

LUMINANCE_STEP = 0.1
"""A transition: relative luminance changes by 10 % of the maximum (WCAG, BT.1702)."""
DARKER_BELOW = 0.8
"""…and the darker of the two states is below 0.80 relative luminance."""
RED_STEP = 20.0
"""A red transition: (R − G − B) × 320 changes by more than 20 (WCAG 2.2)."""
SATURATED_RED = 0.8
"""A state is saturated red when R / (R + G + B) ≥ 0.8 (WCAG 2.2)."""
MAX_FLASHES_PER_SECOND = 3.0
"""No more than three flashes in any one-second period."""
AREA_SHARE = 0.25
"""Flashing over 25 % of a 10° visual field (WCAG) or of the screen (BT.1702)."""

_SRGB_TO_LINEAR = np.where(
    np.arange(256) / 255.0 <= 0.04045,
    np.arange(256) / 255.0 / 12.92,
    ((np.arange(256) / 255.0 + 0.055) / 1.055) ** 2.4,
).astype(np.float32)
_OVERSAMPLE = 4  # frames are averaged in sRGB to about 4× the grid, then in linear light


def _sample_size(width: int, height: int, target: int) -> tuple[int, int]:
    """Size about ``target`` along the longer side that divides the frame by a whole
    factor, where one exists: OpenCV's area resize is several times faster then
    (1080p → 240 × 135)."""
    side = max(width, height)
    if side <= target * 2:
        return width, height
    gcd = math.gcd(width, height)
    factors = [
        k for k in range(1, gcd + 1) if gcd % k == 0 and target / 2 <= side / k <= 2 * target
    ]
    if not factors:
        scale = target / side
        return max(1, round(width * scale)), max(1, round(height * scale))
    k = min(factors, key=lambda k: abs(math.log(side / k / target)))
    return width // k, height // k


class _Swings:
    """Per-cell swing tracker: counts moves of ``step`` between opposite extremes where
    either end qualifies (darker < 0.8, or saturated red)."""

    def __init__(self, value: NDArray[Any], qualifies: NDArray[Any], step: float) -> None:
        self.step = step
        self.lo, self.hi = value.copy(), value.copy()
        self.lo_ok, self.hi_ok = qualifies.copy(), qualifies.copy()
        self.direction = np.zeros(value.shape, np.int8)

    def update(self, value: NDArray[Any], qualifies: NDArray[Any]) -> NDArray[Any]:
        """Cells that completed a transition at this frame."""
        up = (self.direction <= 0) & (value - self.lo >= self.step) & (self.lo_ok | qualifies)
        down = (self.direction >= 0) & (self.hi - value >= self.step) & (self.hi_ok | qualifies)
        down &= ~up
        higher, lower = value > self.hi, value < self.lo
        self.hi = np.where(higher | up, value, self.hi)
        self.hi_ok = np.where(higher | up, qualifies, self.hi_ok)
        self.lo = np.where(lower | down, value, self.lo)
        self.lo_ok = np.where(lower | down, qualifies, self.lo_ok)
        self.direction[up] = 1
        self.direction[down] = -1
        return up | down


class _Window:
    """Transitions per cell over the last second, and the area test on them."""

    def __init__(self, frames: int, grid: tuple[int, int], field_cells: tuple[int, int]) -> None:
        self.recent: deque[NDArray[Any]] = deque(maxlen=frames)
        self.counts = np.zeros(grid, np.int32)
        self.field = field_cells
        self.worst = 0
        self.worst_frame: int | None = None

    def push(self, transitions: NDArray[Any], frame: int) -> int:
        """Add this frame's transitions; the most transitions in the last second that
        cover the area share of some visual field."""
        if len(self.recent) == self.recent.maxlen:
            self.counts -= self.recent[0]
        step = transitions.astype(np.int32)
        self.recent.append(step)
        self.counts += step
        found = self._area_count(int(self.counts.max()))
        if found > self.worst:
            self.worst, self.worst_frame = found, frame
        return found

    def _covers(self, k: int) -> bool:
        """Do cells with at least ``k`` transitions cover the area share of a field?"""
        mask = (self.counts >= k).astype(np.float32)
        fh, fw = self.field
        s = cv2.integral(mask)
        window = s[fh:, fw:] - s[:-fh, fw:] - s[fh:, :-fw] + s[:-fh, :-fw]
        return bool(window.max() >= AREA_SHARE * fh * fw - 1e-6)

    def _area_count(self, top: int) -> int:
        """Largest ``k ≤ top`` whose cells cover the area share (binary search)."""
        lo, hi = 0, top
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._covers(mid):
                lo = mid
            else:
                hi = mid - 1
        return lo


class FlashMeter:
    """Accumulates frames of a video and judges its flashing against the general and
    red flash thresholds; one meter per video (or per span of it) at its frame rate."""

    def __init__(
        self,
        fps: float,
        width: int,
        height: int,
        *,
        field: Literal["wcag", "screen"] = "wcag",
        grid_cells: int = 64,
    ) -> None:
        if fps <= 0 or width <= 0 or height <= 0:
            raise InputError(
                "A flash meter needs a positive frame rate and frame size.",
                field="fps",
                fix="Pass the video's fps, width and height as read from its stream.",
            )
        self.fps, self.width, self.height, self.field = float(fps), width, height, field
        self._sample = _sample_size(width, height, grid_cells * _OVERSAMPLE)
        cols = max(1, round(self._sample[0] / _OVERSAMPLE))
        rows = max(1, round(self._sample[1] / _OVERSAMPLE))
        self.grid = (rows, cols)
        per_second = max(1, round(fps))
        if field == "screen":
            cells = (rows, cols)
        else:  # 341 × 256 of 1024 × 768: a third of each side
            cells = (max(1, round(rows / 3)), max(1, round(cols / 3)))
        self._general = _Window(per_second, self.grid, cells)
        self._red = _Window(per_second, self.grid, cells)
        self._luma: _Swings | None = None
        self._redness: _Swings | None = None
        self._limit = int(2 * MAX_FLASHES_PER_SECOND)  # transitions allowed per second
        self._failing: list[int] = []
        self.frames = 0

    def add(self, frame_bgr: NDArray[Any]) -> None:
        """Measure the next frame (BGR uint8 at the meter's size)."""
        if frame_bgr.shape[:2] != (self.height, self.width):
            raise InputError(
                f"Frame is {frame_bgr.shape[1]}×{frame_bgr.shape[0]}, "
                f"the meter expects {self.width}×{self.height}.",
                field="frame_bgr",
                fix="Give every frame of the video at its stream size.",
            )
        rows, cols = self.grid
        small = frame_bgr
        if self._sample != (self.width, self.height):
            small = cv2.resize(frame_bgr, self._sample, interpolation=cv2.INTER_AREA)
        linear = cv2.resize(
            cv2.LUT(small, _SRGB_TO_LINEAR), (cols, rows), interpolation=cv2.INTER_AREA
        )
        b, g, r = linear[..., 0], linear[..., 1], linear[..., 2]
        luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
        redness = np.maximum(r - g - b, 0.0) * 320.0
        saturated = r >= SATURATED_RED * (r + g + b + 1e-6)
        if self._luma is None or self._redness is None:
            self._luma = _Swings(luminance, luminance < DARKER_BELOW, LUMINANCE_STEP)
            self._redness = _Swings(redness, saturated, RED_STEP + 1e-6)
            general = red = np.zeros(self.grid, bool)
        else:
            general = self._luma.update(luminance, luminance < DARKER_BELOW)
            red = self._redness.update(redness, saturated)
        worst_now = max(self._general.push(general, self.frames), self._red.push(red, self.frames))
        if worst_now > self._limit:
            self._failing.append(self.frames)
        self.frames += 1

    def result(self) -> dict[str, Any]:
        """Most flashes in any one second (general and red), when, and pass/fail."""
        worst = max(
            (self._general.worst, self._general.worst_frame),
            (self._red.worst, self._red.worst_frame),
            key=lambda item: item[0],
        )
        return {
            "standard": "WCAG 2.x SC 2.3.1 general and red flash thresholds (ITU-R BT.1702)",
            "field": self.field,
            "fps": self.fps,
            "frames": self.frames,
            "max_flashes_per_second": self._general.worst / 2.0,
            "max_red_flashes_per_second": self._red.worst / 2.0,
            "limit_flashes_per_second": MAX_FLASHES_PER_SECOND,
            "worst_time_s": None if worst[1] is None else round(worst[1] / self.fps, 3),
            "failing_intervals_s": self._intervals(),
            "passed": not self._failing,
        }

    def _intervals(self) -> list[tuple[float, float]]:
        """Failing spans in seconds: each failing frame covers the second before it."""
        spans: list[tuple[float, float]] = []
        second = max(1, round(self.fps))
        for frame in self._failing:
            start, end = max(0, frame - second + 1) / self.fps, (frame + 1) / self.fps
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        return [(round(a, 3), round(b, 3)) for a, b in spans]
