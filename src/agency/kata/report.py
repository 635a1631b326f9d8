"""REPORT.json: the contract other tools read after a composite.

``{"fps", "width", "height", "frame_count", "shots": [{"start_frame", "end_frame"}],
"placement": {"mode", "frames": [{"frame", "quad", "visible_fraction"}]}, "quality": {...}}``
— ``quad`` is where the product image's corners (top-left, top-right, bottom-right,
bottom-left) land in that output frame, in pixels; ``end_frame`` is exclusive.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from agency.creation.media_tools import write_text_atomic

from .geometry import FloatArray, visible_fraction
from .models import Shot


def build_report(
    *,
    fps: float,
    width: int,
    height: int,
    frame_count: int,
    shots: list[Shot],
    mode: str,
    placed: list[tuple[int, FloatArray]],
    quality: dict[str, Any],
    extra: dict[str, Any] | None = None,
    hidden: dict[int, float] | None = None,
) -> dict[str, Any]:
    """The report as a JSON-ready dict.

    ``visible_fraction`` is the share of the product inside the frame and not hidden by
    an occluder (``hidden``: frame → share of the in-frame product covered).
    """
    hidden = hidden or {}
    frames = [
        {
            "frame": index,
            "quad": [[round(float(x), 3), round(float(y), 3)] for x, y in quad],
            "visible_fraction": round(
                visible_fraction(quad, width, height) * (1.0 - hidden.get(index, 0.0)), 4
            ),
        }
        for index, quad in placed
    ]
    placement: dict[str, Any] = {"mode": mode, "frames": frames}
    if extra:
        placement |= extra
    return {
        "fps": fps,
        "width": width,
        "height": height,
        "frame_count": frame_count,
        "shots": [{"start_frame": s.start_frame, "end_frame": s.end_frame} for s in shots],
        "placement": placement,
        "quality": quality,
    }


def write_report(path: Path, report: dict[str, Any]) -> Path:
    """Write ``report`` atomically as indented JSON."""
    return write_text_atomic(Path(path), json.dumps(report, indent=2) + "\n")
