"""Which way a zone faces (support, vertical or plane), judged from the keyframe alone and
checked against the depth of real rooms (slambook2 RGB-D frames) and against generated
images of known geometry."""

from __future__ import annotations

from functools import partial

import cv2
import numpy as np
import pytest
from kata_media import DATA

from agency.kata.analysis import SurfaceFinder
from agency.kata.models import AnalysisReport, ShotAnalysis, Zone
from agency.kata.placement.upright_target import resolve_upright
from agency.kata.quality.surface_eval import (
    PICKED,
    RgbdFrame,
    backproject,
    estimate_up,
    evaluate_frames,
    frame_planes,
    load_slambook2,
    summarize,
    true_kind,
)

ROOT = DATA / "images/slambook2"
BOX_SCENE = DATA / "images/opencv-box/box_in_scene.png"


@pytest.fixture(scope="module")
def frames() -> dict[str, RgbdFrame]:
    return {f.name: f for f in load_slambook2(ROOT)}


def _depth_says(frame: RgbdFrame, quad: np.ndarray) -> tuple[str, float]:
    rng = np.random.default_rng(0)
    up = estimate_up(frame_planes(frame, rng=rng), frame.intrinsics)
    assert up is not None
    mask = np.zeros(frame.depth.shape, np.uint8)
    cv2.fillConvexPoly(mask, np.round(quad).astype(np.int32), 255)
    return true_kind(backproject(frame.depth, frame.intrinsics), mask, up, rng=rng)


def test_dining_table_top_is_a_support(frames: dict[str, RgbdFrame]) -> None:
    # The finder does not return this table top (its wood grain is above the flatness
    # threshold), so the quad is the hand-picked one; depth confirms it is level.
    frame = frames["ch5/1"]
    quad = np.array(PICKED["ch5/1"][0], np.float64)
    truth, angle = _depth_says(frame, quad)
    assert truth == "support" and angle < 10
    [(kind, reasons)] = SurfaceFinder().orient(frame.bgr, [quad])
    assert kind == "support", reasons
    assert "below the horizon" in reasons[0]


def test_desk_monitor_is_vertical_and_desk_zones_are_supports(
    frames: dict[str, RgbdFrame],
) -> None:
    frame = frames["ch7/1"]
    zones, _ = SurfaceFinder(max_zones=5).find(frame.bgr, [], shot_index=0, frame=0)
    assert len(zones) >= 3
    for zone in zones:
        truth, _ = _depth_says(frame, np.array(zone.quad))
        assert zone.kind == truth, (zone.quad, zone.reasons)
    monitor = zones[0]
    assert monitor.kind == "vertical" and any("upright edges" in r for r in monitor.reasons)
    assert sum(z.kind == "support" for z in zones) >= 2


def test_benchmark_holds_its_accuracy(frames: dict[str, RgbdFrame]) -> None:
    cases = evaluate_frames(list(frames.values()), finder=SurfaceFinder(max_zones=8))
    stats = summarize(cases)
    assert stats["decisive"] >= 50
    assert stats["accuracy"] >= 0.8
    assert stats["support_precision"] >= 0.8
    assert stats["vertical_called_support"] <= 5


def _poster_scene(top: int, bottom: int) -> tuple[np.ndarray, np.ndarray]:
    """A real photo with a fronto-parallel, lightly textured panel pasted on it."""
    scene = cv2.resize(cv2.imread(str(BOX_SCENE)), (640, 480))
    rng = np.random.default_rng(2)
    panel = np.full((bottom - top, 240, 3), (150, 160, 170), np.float32)
    panel += rng.normal(0, 2.0, panel.shape[:2])[..., None]
    scene[top:bottom, 200:440] = np.clip(panel, 0, 255).astype(np.uint8)
    cv2.rectangle(scene, (198, top - 2), (441, bottom + 1), (30, 30, 30), 3)
    quad = np.array([[205, top + 5], [435, top + 5], [435, bottom - 5], [205, bottom - 5]])
    return scene, quad.astype(np.float64)


@pytest.mark.parametrize(("top", "bottom"), [(140, 340), (290, 450)])
def test_fronto_parallel_panel_is_not_a_support(top: int, bottom: int) -> None:
    scene, quad = _poster_scene(top, bottom)
    [(kind, reasons)] = SurfaceFinder().orient(scene, [quad])
    assert kind in ("vertical", "plane"), reasons
    zones, _ = SurfaceFinder().find(scene, [], shot_index=0, frame=0)
    panel = [z for z in zones if 200 < np.array(z.quad).mean(axis=0)[0] < 440]
    assert panel and all(z.kind != "support" for z in panel)


def _room_scene() -> tuple[np.ndarray, np.ndarray, float]:
    """A tiled floor and a panelled wall 8 m ahead, seen by a camera 1.4 m up pitched 25°
    down (f = 500 px, 640×480); a quad on the floor, and the true horizon's row."""
    f, cx, cy, pitch = 500.0, 320.0, 240.0, np.radians(25)
    k = np.array([[f, 0, cx], [0, f, cy], [0, 0, 1]])
    c, s = np.cos(pitch), np.sin(pitch)
    rot = np.array([[1, 0, 0], [0, c, -s], [0, s, c]])  # world: x right, y down, z ahead
    t = -rot @ np.array([0.0, -1.4, 0.0])

    def project(points: np.ndarray) -> np.ndarray:
        p = (k @ (rot @ points.T + t[:, None])).T
        return p[:, :2] / p[:, 2:]

    rng = np.random.default_rng(3)
    tiles = np.kron(np.indices((24, 16)).sum(axis=0) % 2, np.ones((50, 50)))
    texture = (90 + 60 * tiles[..., None] + rng.normal(0, 6, (1200, 800, 1))).clip(0, 255)
    texture = np.repeat(texture, 3, axis=2).astype(np.uint8)
    # Texture pixel (u, v) lies on the floor at x = u/100 - 4, z = 12 - v/100 metres.
    floor_to_image = k @ np.column_stack([rot[:, 0], rot[:, 2], t])
    h = floor_to_image @ np.array([[0.01, 0, -4.0], [0, -0.01, 12.0], [0, 0, 1]])
    image = cv2.warpPerspective(texture, h, (640, 480), borderValue=(200, 200, 200))
    wall = project(np.array([[-5, 0, 8], [5, 0, 8], [5, -3, 8], [-5, -3, 8.0]]))
    cv2.fillConvexPoly(image, np.round(wall).astype(np.int32), (185, 190, 195))
    for x in np.arange(-4.5, 5.0, 1.0):  # panel seams and a door frame: vertical edges
        top, bottom = project(np.array([[x, -3, 8], [x, 0, 8.0]]))
        cv2.line(
            image,
            tuple(np.round(top).astype(int)),
            tuple(np.round(bottom).astype(int)),
            (70, 70, 70),
            3,
        )
    quad = np.array([[230, 360], [410, 360], [430, 440], [210, 440]], np.float64)
    return image, quad, cy - f * np.tan(pitch)


def test_horizon_from_upright_edges_and_floor_is_a_support() -> None:
    image, quad, horizon = _room_scene()
    finder = SurfaceFinder()
    [(kind, reasons)] = finder.orient(image, [quad])
    assert kind == "support", reasons
    assert "assumed" not in reasons[0]  # the horizon was measured, not assumed
    gray = cv2.cvtColor(
        cv2.resize(image, (480, 360), interpolation=cv2.INTER_AREA), cv2.COLOR_BGR2GRAY
    )
    scene = finder.orientation.scene(finder._segments(gray), 480, 360)
    a, b, c = scene.horizon
    assert scene.measured
    assert -(a * 240 + c) / b == pytest.approx(horizon * 0.75, abs=20)
    # The panelled wall lies below the horizon too, but its seams are upright.
    wall = np.array([[100, 15], [540, 15], [540, 95], [100, 95]], np.float64)
    [(kind, reasons)] = finder.orient(image, [wall])
    assert kind == "vertical", reasons


def test_zone_kind_and_people_default_for_older_reports() -> None:
    zone = Zone.model_validate(
        {
            "id": "s0z0",
            "shot_index": 0,
            "frame": 0,
            "quad": [[0, 0], [10, 0], [10, 10], [0, 10]],
            "area_fraction": 0.1,
            "score": 0.5,
            "reasons": [],
        }
    )
    assert zone.kind == "plane"
    assert "people" not in ShotAnalysis.model_json_schema()["required"]


def _zone(zone_id: str, kind: str, score: float, quad: list[list[float]]) -> Zone:
    return Zone(
        id=zone_id,
        shot_index=0,
        frame=0,
        quad=tuple(tuple(p) for p in quad),  # type: ignore[arg-type]
        area_fraction=0.1,
        score=score,
        reasons=[],
        kind=kind,
    )


def test_upright_mode_prefers_a_support_zone() -> None:
    wall = _zone("s0z0", "vertical", 0.9, [[40, 20], [200, 20], [200, 120], [40, 120]])
    table = _zone("s0z1", "support", 0.4, [[220, 150], [440, 150], [460, 250], [200, 250]])
    report = AnalysisReport(
        path="x.mp4",
        fps=30,
        width=480,
        height=270,
        frame_count=10,
        shots=[],
        zones=[wall, table],
        notes=[],
    )
    pick = partial(
        resolve_upright, quad=None, at=None, scale=0.2, product_size=(100, 200), width=480,
        height=270,
    )  # fmt: skip
    start = pick(zone_id=None, analysis=report)
    assert start.zone is not None and start.zone.id == "s0z1"
    chosen = pick(zone_id="s0z0", analysis=report)
    assert chosen.zone is not None and chosen.zone.id == "s0z0"
    only_wall = report.model_copy(update={"zones": [wall]})
    fallback = pick(zone_id=None, analysis=only_wall)
    assert fallback.zone is not None and fallback.zone.id == "s0z0"
