"""Analysis of footage: shots, light, blur and noise, faces, people, camera motion, surfaces
(and which way each faces)."""

from .analyzer import analyze_video
from .degradation import blur_sigma, measure_degradation, noise_sigma
from .faces import FaceDetector
from .light import estimate_light
from .motion import CameraMotionEstimator
from .orientation import OrientationClassifier
from .people import PeopleDetector, PersonDetector
from .shots import ShotDetector
from .surfaces import SurfaceFinder

__all__ = [
    "CameraMotionEstimator",
    "FaceDetector",
    "OrientationClassifier",
    "PeopleDetector",
    "PersonDetector",
    "ShotDetector",
    "SurfaceFinder",
    "analyze_video",
    "blur_sigma",
    "estimate_light",
    "measure_degradation",
    "noise_sigma",
]
