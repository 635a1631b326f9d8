"""Placement preferences: surface type and scale are honoured when a zone is chosen."""

from __future__ import annotations

import numpy as np
import pytest

from agency.core.errors import InputError
from agency.kata.geometry import polygon_area
from agency.kata.models import AnalysisReport, Shot, Zone
from agency.kata.placement.targets import choose_zone, resolve_target


def _zone(zid: str, kind: str, score: float, x: float) -> Zone:
    quad = ((x, 100.0), (x + 200.0, 100.0), (x + 200.0, 250.0), (x, 250.0))
    return Zone(
        id=zid, shot_index=0, frame=0, quad=quad, area_fraction=0.05, score=score,
        reasons=[], kind=kind,
    )  # fmt: skip


ANALYSIS = AnalysisReport.model_construct(
    zones=[_zone("s0z0", "vertical", 0.9, 20.0), _zone("s0z1", "support", 0.7, 300.0)],
    shots=[],
)


def test_surface_type_is_required_when_asked_and_preferred_for_upright() -> None:
    assert choose_zone(ANALYSIS, None).id == "s0z0"  # best score
    assert choose_zone(ANALYSIS, None, require_kind="support").id == "s0z1"
    assert choose_zone(ANALYSIS, None, prefer_kind="support").id == "s0z1"
    only_walls = AnalysisReport.model_construct(zones=ANALYSIS.zones[:1], shots=[])
    assert choose_zone(only_walls, None, prefer_kind="support").id == "s0z0"
    with pytest.raises(InputError) as err:
        choose_zone(only_walls, None, require_kind="support")
    assert err.value.field == "surface" and "vertical" in err.value.message


def test_decal_scale_is_the_share_of_the_zone_it_fills() -> None:
    def quad(fill: float) -> np.ndarray:
        return resolve_target(
            quad=None, zone_id="s0z1", frames=None, shots=[Shot(start_frame=0, end_frame=10)],
            frame_count=10, width=640, height=360, product_size=(100, 100),
            analysis=ANALYSIS, fill=fill,
        ).quad  # fmt: skip

    big, small = quad(0.9), quad(0.45)
    assert polygon_area(small) == pytest.approx(polygon_area(big) / 4, rel=0.01)
    assert np.allclose(small.mean(axis=0), big.mean(axis=0))
