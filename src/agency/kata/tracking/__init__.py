"""Tracking a planar surface through a shot: flow, robust homographies, smoothing."""

from .flow import detect_points, robust_homography, track_points
from .smoothing import frame_jitter, smooth_quads
from .tracker import PlanarTracker, TrackStep

__all__ = [
    "PlanarTracker",
    "TrackStep",
    "detect_points",
    "frame_jitter",
    "robust_homography",
    "smooth_quads",
    "track_points",
]
