"""Zero-phase smoothing of quad corner trajectories.

A Savitzky–Golay filter (local quadratic fit, centred) removes estimator jitter without
the lag a causal filter would add (the insert must not trail the camera) and without the
bias a plain Gaussian has on accelerating motion. Callers run it per continuous segment
so it never smooths across a cut or a lost track.
"""

from __future__ import annotations

import numpy as np
from scipy.signal import savgol_filter

from ..geometry import FloatArray


def smooth_quads(quads: FloatArray, *, window: int = 9) -> FloatArray:
    """Smooth an (N, 4, 2) array of quads along time; ``window`` in frames (< 5 = off)."""
    quads = np.asarray(quads, np.float64)
    window = min(window, len(quads) - (1 - len(quads) % 2))
    if window < 5:
        return quads.copy()
    return np.asarray(savgol_filter(quads, window | 1, 2, axis=0, mode="interp"))


def frame_jitter(errors: FloatArray) -> float:
    """RMS frame-to-frame change of corner errors (N, 4, 2): motion the truth lacks."""
    errors = np.asarray(errors, np.float64)
    if len(errors) < 2:
        return 0.0
    step = np.diff(errors, axis=0)
    return float(np.sqrt((step**2).sum(axis=-1).mean()))
