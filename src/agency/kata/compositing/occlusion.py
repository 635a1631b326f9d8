"""Occlusion: whatever passes between the camera and the tracked plane hides the product.

The product sits on a tracked plane, so the plane's own appearance is known: a *clean
plate* of it is built during the tracking pass — frames sampled across the shot are
warped back into the plane's coordinates, their exposure matched, and the per-pixel
temporal median taken. Something crossing the plane covers each pixel for less than
half of the shot, so the median is the bare plane, and the per-pixel spread (MAD) of the
samples tells how much a pixel varies anyway (noise, texture under sub-pixel motion).

While rendering, each frame is warped into plane coordinates and compared with the
plate: pixels that differ by more than their own spread allows are in front of the plane
— a person, a hand, a passing car — and the product is hidden there. This is the depth
ordering the placement needs: the plane is the deepest thing in the insert's region, so
any difference is an occluder. Darkening with unchanged chromaticity is a shadow falling
on the plane, not an occluder: shadow pixels are left visible (and reported).

Limits: an occluder that stands still over the plane for more than half of the shot
becomes part of the plate (a person who never leaves is not seen as in front), and an
occluder of the same colour as the plane behind it is missed where they match.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from ..geometry import FloatArray

GROW = 1.35
"""The plate covers the placement quad grown by this much about its centre."""
MAX_PLATE_SIDE = 320
MAX_SAMPLES = 31


def _unit_homography(quad: FloatArray, size: tuple[int, int]) -> FloatArray:
    """Homography plate pixels → frame pixels for the quad grown by ``GROW``."""
    centre = quad.mean(axis=0)
    grown = centre + (quad - centre) * GROW
    w, h = size
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    return cv2.getPerspectiveTransform(src, grown.astype(np.float32)).astype(np.float64)


def plate_size(quad: FloatArray) -> tuple[int, int]:
    """Plate pixels (w, h): about the grown quad's on-screen size, capped."""
    top = float(np.linalg.norm(quad[1] - quad[0]) + np.linalg.norm(quad[2] - quad[3])) / 2
    side = float(np.linalg.norm(quad[3] - quad[0]) + np.linalg.norm(quad[2] - quad[1])) / 2
    w, h = top * GROW, side * GROW
    scale = min(1.0, MAX_PLATE_SIDE / max(w, h, 1.0))
    return max(16, round(w * scale)), max(16, round(h * scale))


def to_plate(frame: NDArray[Any], quad: FloatArray, size: tuple[int, int]) -> NDArray[Any]:
    """The plane region of ``frame`` (placement at ``quad``) in plate coordinates, float32;
    pixels that fall outside the frame are NaN."""
    m = _unit_homography(quad, size)
    flags = cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP
    out = cv2.warpPerspective(
        frame.astype(np.float32),
        m,
        size,
        flags=flags,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=(-1.0, -1.0, -1.0),
    )
    out[out[:, :, 0] < 0] = np.nan
    return out


def _channel_max(image: NDArray[Any]) -> NDArray[Any]:
    """Per-pixel maximum over the three channels (faster than ``max(axis=2)``)."""
    result: NDArray[Any] = np.maximum(np.maximum(image[..., 0], image[..., 1]), image[..., 2])
    return result


def _channel_min(image: NDArray[Any]) -> NDArray[Any]:
    """Per-pixel minimum over the three channels."""
    result: NDArray[Any] = np.minimum(np.minimum(image[..., 0], image[..., 1]), image[..., 2])
    return result


def _well_exposed(image: NDArray[Any]) -> NDArray[Any]:
    """Pixels neither near black nor clipped: their ratios measure exposure."""
    result: NDArray[Any] = (_channel_min(image) > 8) & (_channel_max(image) < 247)
    return result


def _median_gain(now: NDArray[Any], then: NDArray[Any]) -> NDArray[Any]:
    """Per-channel exposure gain taking pixels ``then`` to ``now`` (N×3 each): the
    median ratio, robust to the few that changed; no change with under 50 pixels."""
    if len(now) < 50:
        return np.ones(3, np.float32)
    ratio = now / np.maximum(then, 1.0)
    return np.clip(np.median(ratio, axis=0), 0.25, 4.0).astype(np.float32)


def _gain(sample: NDArray[Any], reference: NDArray[Any], valid: NDArray[Any]) -> NDArray[Any]:
    """Gain from ``reference`` to ``sample`` over at most ~4000 of the ``valid`` pixels
    (which must be well exposed in ``reference``)."""
    index = np.flatnonzero(valid)
    index = index[:: max(1, len(index) // 4000)]
    return _median_gain(sample.reshape(-1, 3)[index], reference.reshape(-1, 3)[index])


def _nan_median(stack: NDArray[Any], axis: int = 0) -> NDArray[Any]:
    """Median along ``axis`` ignoring NaN (NaN where every sample is NaN); a sort-based
    version of ``np.nanmedian``, which is an order of magnitude slower on these shapes."""
    ordered = np.sort(stack, axis=axis)
    count = np.isfinite(stack).sum(axis=axis)
    low = np.expand_dims(np.maximum(count - 1, 0) // 2, axis)
    high = np.expand_dims(np.maximum(count, 1) // 2, axis)
    high = np.minimum(high, np.maximum(np.expand_dims(count, axis) - 1, 0))
    a = np.take_along_axis(ordered, low, axis=axis)
    b = np.take_along_axis(ordered, high, axis=axis)
    median = np.squeeze((a + b) / 2.0, axis=axis)
    result: NDArray[Any] = np.where(count > 0, median, np.nan)
    return result


@dataclass
class PlateBuilder:
    """Collects plate samples during the tracking pass; :meth:`build` makes the plate."""

    first_quad: FloatArray
    frames: int
    size: tuple[int, int] = (0, 0)
    samples: list[NDArray[Any]] = field(default_factory=list)
    _count: int = 0

    def __post_init__(self) -> None:
        self.size = plate_size(np.asarray(self.first_quad, np.float64))
        self._every = max(1, math.ceil(self.frames / MAX_SAMPLES))

    def offer(self, take: Callable[[], tuple[NDArray[Any], FloatArray]]) -> None:
        """Offer the next frame of the placement; ``take()`` gives ``(frame, quad)`` and
        is only called for the frames sampled (it may convert pixels)."""
        if self._count % self._every == 0:
            frame, quad = take()
            self.samples.append(to_plate(frame, np.asarray(quad, np.float64), self.size))
        self._count += 1

    def add(self, frame: NDArray[Any], quad: FloatArray) -> None:
        """Offer the next frame of the placement (in order) with its tracked quad."""
        self.offer(lambda: (frame, quad))

    def build(self) -> CleanPlate | None:
        """The median plate and per-pixel spread; ``None`` with too few samples."""
        if len(self.samples) < 3:
            return None
        stack = np.stack(self.samples)
        reference = stack[0]
        usable = np.isfinite(reference[:, :, 0]) & _well_exposed(reference)
        for i in range(1, len(stack)):
            stack[i] /= _gain(stack[i], reference, usable & np.isfinite(stack[i, :, :, 0]))
        median = _nan_median(stack)
        spread = _channel_max(_nan_median(np.abs(stack - median))) * 1.4826
        seen = np.isfinite(median[:, :, 0])
        median = np.where(seen[:, :, None], median, 0.0).astype(np.float32)
        spread = np.where(seen, spread, 255.0).astype(np.float32)
        exposed = np.flatnonzero(seen & _well_exposed(median))
        probes = exposed[:: max(1, len(exposed) // 4000)]
        return CleanPlate(median, spread, seen, probes, self.size, len(self.samples))


@dataclass(frozen=True)
class Occlusion:
    """Occluder matte for one frame in the frame box ``(x, y, w, h)``: 1 = something in
    front of the plane; ``shadow`` is the share of the plate darkened by a cast shadow."""

    box: tuple[int, int, int, int]
    matte: NDArray[Any]
    shadow: float


@dataclass(frozen=True)
class CleanPlate:
    """The bare plane (BGR float32 in plate coordinates) and how much each pixel varies."""

    image: NDArray[Any]
    spread: NDArray[Any]
    seen: NDArray[Any]
    probes: NDArray[Any]
    """Flat indices of up to ~4000 well-exposed plate pixels that exposure is measured on."""
    size: tuple[int, int]
    samples: int
    floor: float = 12.0
    k: float = 3.5

    def occlusion(self, frame: NDArray[Any], quad: FloatArray) -> Occlusion | None:
        """Where something is in front of the plane in ``frame`` (placement at ``quad``)."""
        quad = np.asarray(quad, np.float64)
        current = to_plate(frame, quad, self.size)
        valid = np.isfinite(current[:, :, 0]) & self.seen
        if valid.sum() < 50:
            return None
        current[~valid] = 0.0
        plate = self.image * self._exposure(current, valid)
        a = cv2.GaussianBlur(current, (0, 0), 0.8)
        b = cv2.GaussianBlur(plate, (0, 0), 0.8)
        diff = _channel_max(cv2.absdiff(a, b))
        limit = self.floor + self.k * self.spread
        strong = (diff > limit) & valid
        weak = (diff > 0.6 * limit) & valid
        shadow = np.zeros_like(weak)
        rows, cols = np.nonzero(weak)
        if len(rows):
            # Only where something changed; pad so the texture windows see context.
            y0, y1 = max(0, rows.min() - 5), rows.max() + 6
            x0, x1 = max(0, cols.min() - 5), cols.max() + 6
            window = (slice(y0, y1), slice(x0, x1))
            shadow[window] = weak[window] & _shadow_like(a[window], b[window])
        strong &= ~shadow
        weak &= ~shadow
        matte = _clean(strong, weak)
        return self._to_frame(matte, quad, frame, float((shadow & (diff > limit)).mean()))

    def _exposure(self, current: NDArray[Any], valid: NDArray[Any]) -> NDArray[Any]:
        """Per-channel gain from the plate to ``current`` on the probe pixels."""
        probes = self.probes[valid.reshape(-1)[self.probes]]
        return _median_gain(current.reshape(-1, 3)[probes], self.image.reshape(-1, 3)[probes])

    def _to_frame(
        self, matte: NDArray[Any], quad: FloatArray, frame: NDArray[Any], shadow: float
    ) -> Occlusion | None:
        height, width = frame.shape[:2]
        m = _unit_homography(quad, self.size)
        w, h = self.size
        corners = cv2.perspectiveTransform(
            np.array([[[0, 0]], [[w, 0]], [[w, h]], [[0, h]]], np.float64), m
        ).reshape(4, 2)
        x0 = max(0, int(np.floor(corners[:, 0].min())))
        y0 = max(0, int(np.floor(corners[:, 1].min())))
        x1 = min(width, int(np.ceil(corners[:, 0].max())) + 1)
        y1 = min(height, int(np.ceil(corners[:, 1].max())) + 1)
        if x1 <= x0 or y1 <= y0:
            return None
        shift = np.array([[1, 0, -x0], [0, 1, -y0], [0, 0, 1]], np.float64)
        out = cv2.warpPerspective(
            matte, shift @ m, (x1 - x0, y1 - y0), flags=cv2.INTER_LINEAR, borderValue=0
        )
        if float(out.max(initial=0.0)) > 0.0:
            guide = frame[y0:y1, x0:x1]
            out = _refine(guide, out)
        return Occlusion((x0, y0, x1 - x0, y1 - y0), out, shadow)


def _shadow_like(current: NDArray[Any], plate: NDArray[Any]) -> NDArray[Any]:
    """A cast shadow: darker by a similar factor in every channel (light taken away, not a
    new surface) with the plate's texture still there (local correlation). A grey object
    over a grey table is darker and even too, but it brings its own texture."""
    ratio = (current + 1.0) / (plate + 1.0)
    high, low = _channel_max(ratio), _channel_min(ratio)
    darker = (high < 0.92) & (low > 0.2)
    even = (high - low) < 0.12
    a = cv2.cvtColor(current, cv2.COLOR_BGR2GRAY)
    b = cv2.cvtColor(plate, cv2.COLOR_BGR2GRAY)
    size = (9, 9)
    mean_a, mean_b = cv2.blur(a, size), cv2.blur(b, size)
    var_a = np.maximum(cv2.blur(a * a, size) - mean_a**2, 0.0)
    var_b = np.maximum(cv2.blur(b * b, size) - mean_b**2, 0.0)
    cov = cv2.blur(a * b, size) - mean_a * mean_b
    textured = var_b > 9.0
    ncc = cov / np.sqrt(var_a * var_b + 1e-6)
    # Where the plate is flat the texture cannot tell; the shadow must stay flat too.
    same_texture = np.where(textured, ncc > 0.6, var_a < 9.0)
    result: NDArray[Any] = darker & even & same_texture
    return result


def _clean(strong: NDArray[Any], weak: NDArray[Any]) -> NDArray[Any]:
    """Hysteresis (weak pixels joined to strong ones), specks out, holes filled: 0–1."""
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5))
    seed = cv2.morphologyEx(strong.astype(np.uint8), cv2.MORPH_OPEN, kernel)
    if not seed.any():
        return np.zeros(strong.shape, np.float32)
    grown = cv2.morphologyEx(np.maximum(weak.astype(np.uint8), seed), cv2.MORPH_CLOSE, kernel)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(grown, connectivity=8)
    min_area = max(20, int(0.002 * strong.size))
    keep = np.zeros(count, bool)
    seeded = np.unique(labels[seed > 0])
    keep[seeded] = True
    keep[0] = False
    keep &= stats[:, cv2.CC_STAT_AREA] >= min_area
    mask = keep[labels].astype(np.uint8)
    # Fill holes: background pixels not connected to the border are inside an occluder.
    inverse = (1 - mask).astype(np.uint8)
    count, labels = cv2.connectedComponents(inverse, connectivity=4)
    border = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    holes = (inverse > 0) & ~np.isin(labels, border)
    mask[holes] = 1
    return mask.astype(np.float32)


def _refine(guide: NDArray[Any], matte: NDArray[Any]) -> NDArray[Any]:
    """Snap the matte's edges to the frame's edges (guided filter, He et al. 2013)."""
    ximgproc = getattr(cv2, "ximgproc", None)
    if ximgproc is None:
        return matte
    refined = ximgproc.guidedFilter(guide, matte.astype(np.float32), 4, 1e-3 * 255**2)
    result: NDArray[Any] = np.clip(refined, 0.0, 1.0)
    return result
