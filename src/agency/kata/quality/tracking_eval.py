"""Score a tracker against a synthetic sequence: RMS corner error and jitter."""

from __future__ import annotations

import time
from dataclasses import dataclass

import cv2
import numpy as np

from ..tracking.smoothing import frame_jitter, smooth_quads
from ..tracking.tracker import PlanarTracker
from .synthetic import SyntheticSequence


@dataclass(frozen=True)
class TrackingScore:
    """Accuracy of one tracked sequence, raw and after smoothing (pixels)."""

    frames: int
    rms_error_px: float
    max_error_px: float
    jitter_px: float
    raw_rms_error_px: float
    raw_jitter_px: float
    lost_frames: int
    rekeys: int
    fps: float


def evaluate_tracking(sequence: SyntheticSequence, *, smooth_window: int = 9) -> TrackingScore:
    """Track the sequence's quad from frame 0 and compare with the truth."""
    tracker = PlanarTracker()
    quads, lost = [], 0
    started = time.perf_counter()
    for i, frame in enumerate(sequence.frames()):
        gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        step = tracker.start(gray, sequence.true_quad(0)) if i == 0 else tracker.update(gray)
        quads.append(step.quad)
        lost += int(step.lost)
    elapsed = time.perf_counter() - started
    raw = np.array(quads)
    truth = np.array([sequence.true_quad(i) for i in range(len(quads))])
    smooth = smooth_quads(raw, window=smooth_window)

    def rms(q: np.ndarray) -> float:
        return float(np.sqrt(((q - truth) ** 2).sum(axis=-1).mean()))

    return TrackingScore(
        frames=len(quads),
        rms_error_px=round(rms(smooth), 4),
        max_error_px=round(float(np.linalg.norm(smooth - truth, axis=-1).max()), 4),
        jitter_px=round(frame_jitter(smooth - truth), 4),
        raw_rms_error_px=round(rms(raw), 4),
        raw_jitter_px=round(frame_jitter(raw - truth), 4),
        lost_frames=lost,
        rekeys=tracker.rekeys,
        fps=round(len(quads) / max(elapsed, 1e-9), 2),
    )
