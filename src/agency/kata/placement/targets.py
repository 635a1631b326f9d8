"""Where a placement starts: an explicit quad, a zone from the analysis, or the best zone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from agency.core.errors import InputError

from ..geometry import FloatArray, convex_quad, visible_fraction
from ..models import AnalysisReport, Shot, Zone


@dataclass(frozen=True)
class PlacementTarget:
    """The quad in ``start_frame`` and the frame the placement must end before."""

    start_frame: int
    end_frame: int
    quad: FloatArray
    zone_id: str | None


def fit_in_quad(zone: FloatArray, product_w: int, product_h: int, fill: float = 0.9) -> FloatArray:
    """The largest centred sub-quad of ``zone`` with the product's aspect ratio."""
    top = float(np.linalg.norm(zone[1] - zone[0]))
    bottom = float(np.linalg.norm(zone[2] - zone[3]))
    left = float(np.linalg.norm(zone[3] - zone[0]))
    right = float(np.linalg.norm(zone[2] - zone[1]))
    zone_aspect = ((top + bottom) / 2) / max((left + right) / 2, 1e-6)
    aspect = product_w / max(product_h, 1)
    a, b = (
        (fill, fill * zone_aspect / aspect)
        if aspect >= zone_aspect
        else (fill * aspect / zone_aspect, fill)
    )
    unit = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], np.float32)
    h = cv2.getPerspectiveTransform(unit, zone.astype(np.float32))
    sub = np.array(
        [
            [0.5 - a / 2, 0.5 - b / 2],
            [0.5 + a / 2, 0.5 - b / 2],
            [0.5 + a / 2, 0.5 + b / 2],
            [0.5 - a / 2, 0.5 + b / 2],
        ]
    )
    return cv2.perspectiveTransform(sub.reshape(-1, 1, 2), h).reshape(4, 2).astype(np.float64)


def choose_zone(
    analysis: AnalysisReport | None,
    zone_id: str | None,
    *,
    span: tuple[int, int] | None = None,
    prefer_kind: str | None = None,
    require_kind: str | None = None,
    field: str = "quad",
    instead: str = "a quad",
) -> Zone:
    """The zone ``zone_id``, or the best zone (starting in ``span``; of ``require_kind``
    only, or of ``prefer_kind`` when there is one); a clear error naming the known zones,
    or why there are none."""
    if analysis is None:
        raise RuntimeError("an analysis is needed to place on a zone")
    zones = analysis.zones
    if zone_id is not None:
        zones = [z for z in zones if z.id == zone_id]
        if not zones:
            known = ", ".join(z.id for z in analysis.zones) or "none"
            raise InputError(
                f"There is no zone {zone_id!r} (zones: {known}).",
                field="zone_id",
                fix=f"Use a zone id from `agency kata analyze`, or give {instead}.",
            )
    else:
        if span is not None:
            zones = [z for z in zones if span[0] <= z.frame < span[1]]
        if require_kind is not None:
            kinds = ", ".join(sorted({z.kind for z in zones})) or "none"
            zones = [z for z in zones if z.kind == require_kind]
            if not zones:
                raise InputError(
                    f"No {require_kind} surface was found (the zones found are: {kinds}).",
                    field="surface",
                    fix=f"Ask for another surface type, or give {instead} yourself.",
                )
        if prefer_kind is not None:
            zones = [z for z in zones if z.kind == prefer_kind][:1] or zones
    if not zones:
        reasons = "; ".join(n for s in analysis.shots for n in s.notes) or "no flat surface"
        raise InputError(
            f"No usable surface was found for a placement ({reasons}).",
            field=field,
            fix=f"Give {instead} yourself, or use footage with a flat surface.",
        )
    return zones[0]


def shot_end(shots: list[Shot], frame: int, frame_count: int) -> int:
    """The exclusive end of the shot holding ``frame``."""
    for shot in shots:
        if shot.start_frame <= frame < shot.end_frame:
            return shot.end_frame
    return frame_count


def resolve_target(
    *,
    quad: Sequence[Sequence[float]] | None,
    zone_id: str | None,
    frames: tuple[int, int] | None,
    shots: list[Shot],
    frame_count: int,
    width: int,
    height: int,
    product_size: tuple[int, int],
    analysis: AnalysisReport | None,
    surface: str | None = None,
    fill: float = 0.9,
) -> PlacementTarget:
    """Check the request and turn it into a start frame, end frame and first quad."""
    if quad is not None and zone_id is not None:
        raise InputError("Give either a quad or a zone, not both.", field="quad", fix="Drop one.")
    start = 0
    if frames is not None:
        start, stop = int(frames[0]), int(frames[1])
        if not 0 <= start < stop:
            raise InputError(
                f"frames {frames} is not a range of frames.",
                field="frames",
                fix=f"Give (start, end) with 0 ≤ start < end ≤ {frame_count}.",
            )
        if start >= frame_count:
            raise InputError(
                f"The video has {frame_count} frames; the range starts at {start}.",
                field="frames",
                fix=f"Start before frame {frame_count}.",
            )
    zone_used = None
    if quad is not None:
        points = convex_quad(quad)
        if visible_fraction(points, width, height) < 0.25:
            raise InputError(
                "The quad lies mostly outside the frame.",
                field="quad",
                fix=f"Give corners inside the {width}×{height} frame.",
            )
    else:
        span = (start, int(frames[1])) if frames is not None else None
        zone = choose_zone(analysis, zone_id, span=span, require_kind=surface)
        start = zone.frame if frames is None else max(start, zone.frame)
        points = fit_in_quad(np.asarray(zone.quad, np.float64), *product_size, fill=fill)
        zone_used = zone.id
    end = shot_end(shots, start, frame_count)
    if frames is not None:
        end = min(end, int(frames[1]))
    return PlacementTarget(start, min(end, frame_count), points, zone_used)
