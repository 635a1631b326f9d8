"""Placement: where the product goes and how it follows the scene."""

from .targets import PlacementTarget, fit_in_quad, resolve_target
from .track_pass import TrackedPlacement, track_placement

__all__ = [
    "PlacementTarget",
    "TrackedPlacement",
    "fit_in_quad",
    "resolve_target",
    "track_placement",
]
