"""Analysis of footage: shots, light, blur and noise, faces, camera motion, surfaces."""

from .analyzer import analyze_video
from .degradation import blur_sigma, measure_degradation, noise_sigma
from .faces import FaceDetector
from .light import estimate_light
from .motion import CameraMotionEstimator
from .shots import ShotDetector
from .surfaces import SurfaceFinder

__all__ = [
    "CameraMotionEstimator",
    "FaceDetector",
    "ShotDetector",
    "SurfaceFinder",
    "analyze_video",
    "blur_sigma",
    "estimate_light",
    "measure_degradation",
    "noise_sigma",
]
