"""The tracking pass: follow the placement quad from its first frame to its last.

The first frame's quad is exactly the one given. The track stops early when it is lost
or the quad has left the frame; corner trajectories are then smoothed (zero phase).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import cv2
import numpy as np

from ..analysis.faces import FaceDetector, person_mask
from ..compositing.occlusion import PlateBuilder
from ..geometry import FloatArray, visible_fraction
from ..media.reader import iter_decoded
from ..media.region import FrameRegion
from ..media.yuv import supports_yuv
from ..progress import ProgressTicker
from ..tracking.smoothing import smooth_quads
from ..tracking.tracker import PlanarTracker
from .targets import PlacementTarget

_GRAY = cv2.COLOR_BGR2GRAY


@dataclass(frozen=True)
class TrackedPlacement:
    """Quads per frame from ``start_frame`` on (raw and smoothed) and why it stopped."""

    start_frame: int
    raw: FloatArray
    smooth: FloatArray
    stopped: str
    rekeys: int

    def quad_at(self, frame: int) -> FloatArray | None:
        """The smoothed quad in ``frame``, or ``None`` outside the placement."""
        i = frame - self.start_frame
        return self.smooth[i] if 0 <= i < len(self.smooth) else None

    def velocity_at(self, frame: int) -> tuple[float, float]:
        """On-screen velocity (px/frame) of the quad's centre, central difference."""
        i = frame - self.start_frame
        n = len(self.smooth)
        if n < 2 or not 0 <= i < n:
            return (0.0, 0.0)
        a, b = max(0, i - 1), min(n - 1, i + 1)
        v = (self.smooth[b].mean(axis=0) - self.smooth[a].mean(axis=0)) / (b - a)
        return (float(v[0]), float(v[1]))


def track_placement(
    video: Path,
    target: PlacementTarget,
    *,
    smooth_window: int = 9,
    faces: FaceDetector | None = None,
    plate: PlateBuilder | None = None,
    plate_quad: Callable[[FloatArray], FloatArray] | None = None,
    max_track_width: int = 1280,
    progress: ProgressTicker | None = None,
) -> TrackedPlacement:
    """Run the planar tracker over the target's frames, keeping features off people.

    With ``plate``, the tracked plane region of frames across the shot is collected for
    the clean plate that occlusion is judged against, at ``plate_quad(quad)`` (the
    product's own quad when the tracked quad is a footprint under it). Frames wider than
    ``max_track_width`` are tracked downscaled (area filter): Lucas–Kanade's cost grows
    with the pixels, and its sub-pixel accuracy holds at the smaller size (see
    ``bench/kata/composite_bench.py`` for the end-to-end error at 1080p).
    """
    tracker = PlanarTracker()
    detector = faces if faces is not None else FaceDetector()
    quads: list[FloatArray] = []
    stopped = "end of shot" if target.end_frame else "end"
    use_yuv = False
    for index, decoded in iter_decoded(video, start=target.start_frame, stop=target.end_frame):
        if progress is not None:
            progress.tick(index - target.start_frame)
        if index == target.start_frame:
            use_yuv = supports_yuv(decoded.width, decoded.height)
        frame = FrameRegion.of(decoded, use_yuv)
        # Luma is what the tracker needs: the Y plane as decoded, or grey from BGR.
        gray = frame.yuv.y if frame.yuv is not None else cv2.cvtColor(frame.whole_bgr(), _GRAY)
        width, height = frame.size
        scale = min(1.0, max_track_width / width)
        if scale < 1.0:
            gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        if index == target.start_frame:
            whole = frame.whole_bgr()
            found = detector.detect(whole) if detector.available else []
            exclude = person_mask(found, width, height) if found else None
            if exclude is not None and scale < 1.0:
                exclude = cv2.resize(exclude, (gray.shape[1], gray.shape[0]))
            start = tracker.start(gray, _scaled(target.quad, scale), exclude=exclude)
            quads.append(_scaled(start.quad, 1.0 / scale))
            if plate is not None:
                plate.offer(partial(frame.around, _for_plate(plate_quad, quads[-1])))
            continue
        step = tracker.update(gray)
        if step.lost:
            stopped = f"track lost at frame {index}"
            break
        quad = _scaled(step.quad, 1.0 / scale)
        if visible_fraction(quad, width, height) <= 0.0:
            stopped = f"left the frame at {index}"
            break
        quads.append(quad)
        if plate is not None:
            plate.offer(partial(frame.around, _for_plate(plate_quad, quad)))
    if progress is not None:
        progress.finish()
    raw = np.array(quads) if quads else np.empty((0, 4, 2))
    smooth = smooth_quads(raw, window=smooth_window)
    if len(smooth):
        smooth[0] = target.quad
    return TrackedPlacement(target.start_frame, raw, smooth, stopped, tracker.rekeys)


def _scaled(quad: FloatArray, scale: float) -> FloatArray:
    """Pixel coordinates in a frame resized by ``scale`` (pixel centres kept aligned)."""
    if scale == 1.0:
        return np.asarray(quad, np.float64)
    return (np.asarray(quad, np.float64) + 0.5) * scale - 0.5


def _for_plate(
    plate_quad: Callable[[FloatArray], FloatArray] | None, quad: FloatArray
) -> FloatArray:
    return plate_quad(quad) if plate_quad is not None else quad
