"""Typed artifacts of the Kata engine: what analysis finds and what compositing made."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from agency.core.artifacts import Artifact

Point = tuple[float, float]
Quad = tuple[Point, Point, Point, Point]
"""Four corners in pixels: top-left, top-right, bottom-right, bottom-left of the insert."""


class Shot(Artifact):
    """One continuous camera shot; ``end_frame`` is exclusive (the next shot's start)."""

    start_frame: int
    end_frame: int


class LightEstimate(Artifact):
    """Scene light measured on a frame: level, colour and where it comes from."""

    brightness: float = Field(description="mean luma 0–255")
    color_temperature_k: float = Field(description="correlated colour temperature (McCamy)")
    direction_deg: float = Field(description="image-plane direction light comes from, 0 = left")
    directionality: float = Field(description="0 flat light … 1 strongly one-sided")


class Degradation(Artifact):
    """How soft and how noisy a frame (or region) is."""

    sharpness: float = Field(description="variance of the Laplacian of luma")
    blur_sigma: float = Field(description="equivalent Gaussian blur in pixels")
    noise_sigma: float = Field(description="sensor noise standard deviation, luma 0–255")


class CameraMotion(Artifact):
    """Global camera motion of a shot from frame-to-frame homographies."""

    kind: str = Field(description="static, pan, zoom, roll or handheld")
    translation_px_per_frame: float
    zoom_per_frame: float
    roll_deg_per_frame: float
    inlier_ratio: float


class Face(Artifact):
    """A face box ``(x, y, w, h)`` in keyframe pixels."""

    box: tuple[int, int, int, int]


class Person(Artifact):
    """A person box ``(x, y, w, h)`` in keyframe pixels and the detector's confidence
    (0–1). People occlude placements and must not be covered by them."""

    box: tuple[int, int, int, int]
    score: float


class Zone(Artifact):
    """A candidate surface for a placement, ranked by ``score`` (0–1).

    ``kind`` says which way the surface faces, judged from the keyframe alone:
    ``support`` (horizontal, facing up: a product can stand on it), ``vertical`` (a wall,
    screen or poster: a decal fits) or ``plane`` (not decided).
    """

    id: str
    shot_index: int
    frame: int
    quad: Quad
    area_fraction: float
    score: float
    reasons: list[str]
    kind: str = "plane"


class ShotAnalysis(Artifact):
    """Everything measured in one shot's keyframe and motion."""

    index: int
    shot: Shot
    keyframe: int
    light: LightEstimate
    degradation: Degradation
    motion: CameraMotion
    faces: list[Face]
    zones: list[Zone]
    notes: list[str]
    people: list[Person] = Field(default_factory=list)


class AnalysisReport(Artifact):
    """The analysis of a whole video: shots and zones ranked best first."""

    path: str
    fps: float
    width: int
    height: int
    frame_count: int
    shots: list[ShotAnalysis]
    zones: list[Zone]
    notes: list[str]


class CompositeResult(Artifact):
    """A rendered composite and its report."""

    output: Path
    report_path: Path | None
    frame_count: int
    placed_frames: int
    realism: float
    brand_safe: bool = True
    """False when a blocking brand-safety check failed (see the report's quality)."""
    report: dict[str, object]
