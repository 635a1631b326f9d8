"""Kata: place a product into real footage so that it looks like it was there.

Public surface: :func:`analyze_video` (shots and ranked placement zones with reasons) and
:func:`composite_video` (decal placement tracked through the shot, relit, defocused and
noised to match, rendered with the source audio, plus REPORT.json).
"""

from .analysis.analyzer import analyze_video
from .engine import composite_video
from .models import AnalysisReport, CompositeResult, Shot, ShotAnalysis, Zone
from .progress import Progress

__all__ = [
    "AnalysisReport",
    "CompositeResult",
    "Progress",
    "Shot",
    "ShotAnalysis",
    "Zone",
    "analyze_video",
    "composite_video",
]
