"""Where an upright placement starts: the standing quad, the contact point and the
surface footprint the tracker follows.

Three ways in, as for decals: ``quad`` (the product's standing quad in the first frame,
kept exactly; its bottom-edge midpoint is the contact point), ``at`` (a contact point; the
product's width is ``scale`` × the surface's width at that depth), or a zone (given or
the best one; the contact point is the zone's centre). The tracker never follows the
product's own quad — that is air above the table — but a footprint on the surface around
the contact point (:func:`agency.kata.compositing.upright.footprint_quad`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from agency.core.errors import InputError

from ..compositing.upright import footprint_quad, initial_standing_quad
from ..geometry import FloatArray, convex_quad, is_convex
from ..models import AnalysisReport, Zone
from .targets import choose_zone

DEFAULT_SCALE = 0.2
"""Product width as a share of the surface's width at the contact point."""


@dataclass(frozen=True)
class UprightStart:
    """The first frame's standing quad, the footprint to track and the surface used."""

    standing: FloatArray
    footprint: FloatArray
    contact: FloatArray
    surface: FloatArray | None
    zone: Zone | None


def zone_holding(
    analysis: AnalysisReport | None, point: Sequence[float] | FloatArray
) -> Zone | None:
    """The best-ranked zone whose quad contains ``point``."""
    if analysis is None:
        return None
    for zone in analysis.zones:
        contour = np.asarray(zone.quad, np.float32).reshape(-1, 1, 2)
        if cv2.pointPolygonTest(contour, (float(point[0]), float(point[1])), False) >= 0:
            return zone
    return None


def resolve_upright(
    *,
    quad: Sequence[Sequence[float]] | None,
    at: Sequence[float] | None,
    zone_id: str | None,
    scale: float,
    product_size: tuple[int, int],
    width: int,
    height: int,
    analysis: AnalysisReport | None,
    kind: str | None = None,
) -> UprightStart:
    """Check an upright request and turn it into a standing quad and a footprint."""
    if sum(x is not None for x in (quad, at, zone_id)) > 1:
        raise InputError(
            "Give one of a quad, a contact point or a zone.", field="at", fix="Drop the others."
        )
    zone: Zone | None = None
    if quad is not None:
        standing = convex_quad(quad)
        contact = (standing[2] + standing[3]) / 2
        zone = zone_holding(analysis, contact)
        surface = np.asarray(zone.quad, np.float64) if zone else None
        bottom = float(np.linalg.norm(standing[2] - standing[3]))
        footprint = _footprint(contact, bottom, surface, width, height)
        return UprightStart(standing, footprint, contact, surface, zone)
    if at is not None:
        contact = np.asarray(at, np.float64)
        zone = zone_holding(analysis, contact)
    else:
        zone = _pick_zone(analysis, zone_id, kind)
        contact = np.asarray(zone.quad, np.float64).mean(axis=0)
    surface = np.asarray(zone.quad, np.float64) if zone else None
    standing = initial_standing_quad(contact, *product_size, surface, scale, width, height)
    bottom = float(np.linalg.norm(standing[2] - standing[3]))
    footprint = _footprint(contact, bottom, surface, width, height)
    return UprightStart(standing, footprint, contact, surface, zone)


def _footprint(
    contact: FloatArray, bottom: float, surface: FloatArray | None, width: int, height: int
) -> FloatArray:
    footprint = footprint_quad(contact, bottom, surface, width, height)
    if not is_convex(footprint):
        raise InputError(
            "There is too little surface around the contact point to track.",
            field="at",
            fix="Pick a point further inside the surface, or give the standing quad.",
        )
    return footprint


def _pick_zone(
    analysis: AnalysisReport | None, zone_id: str | None, kind: str | None = None
) -> Zone:
    """The zone asked for, or the best of the ``kind`` asked for, or the best support (a
    surface facing up), or the best zone."""
    return choose_zone(
        analysis,
        zone_id,
        prefer_kind="support",
        require_kind=kind,
        field="at",
        instead="the contact point",
    )
