"""End to end: analyze_video and composite_video on generated footage of known answer."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest
from kata_media import DATA, lavfi

from agency.core.errors import InputError
from agency.creation.media_tools import probe_media
from agency.kata import analyze_video, composite_video
from agency.kata.media import FrameEncoder, iter_frames
from agency.kata.quality.synthetic import SyntheticSequence

REPORT_KEYS = {"fps", "width", "height", "frame_count", "shots", "placement", "quality"}


def test_composite_follows_the_true_quad(
    desk_video: Path, desk_sequence: SyntheticSequence, product_png: Path, tmp_path: Path
) -> None:
    first = desk_sequence.true_quad(0)
    out, report_path = tmp_path / "out.mp4", tmp_path / "REPORT.json"
    result = composite_video(
        desk_video, product_png, out, quad=first.tolist(), report_path=report_path
    )
    report = json.loads(report_path.read_text())
    assert set(report) == REPORT_KEYS
    assert (report["width"], report["height"], report["frame_count"]) == (480, 270, 60)
    assert report["fps"] == pytest.approx(30.0)
    assert report["shots"] == [{"start_frame": 0, "end_frame": 60}]
    frames = report["placement"]["frames"]
    assert report["placement"]["mode"] == "decal" and len(frames) == 60
    assert np.allclose(frames[0]["quad"], first, atol=1e-3)
    errors = [
        np.abs(np.array(f["quad"]) - desk_sequence.true_quad(f["frame"])).max() for f in frames
    ]
    assert max(errors) < 1.0
    assert all(0.99 <= f["visible_fraction"] <= 1.0 for f in frames)
    assert 0 < report["quality"]["realism"] <= 100
    assert result.placed_frames == 60 and result.report == report
    info = probe_media(out)
    assert (info.width, info.height, info.audio_codec) == (480, 270, "aac")
    # The product really is in the output, where the report says.
    frame = next(f for i, f in iter_frames(out) if i == 30)
    centre = np.array(frames[30]["quad"]).mean(axis=0).round().astype(int)
    b, g, r = frame[centre[1] - 25, centre[0]].astype(int)
    assert r > b + 60 and r > g + 60  # the red card, not the desk


def test_progress_is_reported_per_step(desk_video: Path, product_png: Path, tmp_path: Path) -> None:
    seen: list[tuple[str, float]] = []
    composite_video(
        desk_video,
        product_png,
        tmp_path / "o.mp4",
        quad=[[200, 100], [280, 100], [280, 150], [200, 150]],
        progress=lambda step, fraction: seen.append((step, fraction)),
    )
    steps = [s for s, _ in seen]
    assert steps.index("track") < steps.index("render")
    for step in ("track", "render"):
        values = [f for s, f in seen if s == step]
        assert values == sorted(values) and values[-1] == 1.0 and len(values) > 2


def test_placement_stops_at_the_cut(tmp_path: Path, product_png: Path) -> None:
    clip = lavfi(
        tmp_path / "cut.mp4",
        "testsrc=size=320x180:rate=25:duration=1[a];smptebars=size=320x180:rate=25:duration=1[b];"
        "[a][b]concat=n=2:v=1:a=0",
        "-pix_fmt",
        "yuv420p",
    )
    quad = [[40, 40], [140, 40], [140, 100], [40, 100]]
    result = composite_video(clip, product_png, tmp_path / "o.mp4", quad=quad)
    frames = result.report["placement"]["frames"]  # type: ignore[index]
    assert [f["frame"] for f in frames] == list(range(25))
    assert result.report["shots"] == [
        {"start_frame": 0, "end_frame": 25},
        {"start_frame": 25, "end_frame": 50},
    ]


def test_frames_range_starts_with_the_given_quad(
    desk_video: Path, product_png: Path, tmp_path: Path
) -> None:
    quad = [[200, 100], [280, 100], [280, 150], [200, 150]]
    result = composite_video(
        desk_video, product_png, tmp_path / "o.mp4", quad=quad, frames=(10, 20)
    )
    frames = result.report["placement"]["frames"]  # type: ignore[index]
    assert [f["frame"] for f in frames] == list(range(10, 20))
    assert frames[0]["quad"] == quad


def panel_video(path: Path) -> Path:
    """A static shot of a real photo with a flat grey panel on it (a wall sign)."""
    scene = cv2.resize(cv2.imread(str(DATA / "images/opencv-box/box_in_scene.png")), (320, 240))
    scene[120:200, 150:290] = (150, 160, 170)
    rng = np.random.default_rng(4)
    with FrameEncoder(path, width=320, height=240, fps=10, crf=12) as enc:
        for _ in range(20):
            noisy = scene.astype(np.float32) + rng.normal(0, 1.0, scene.shape[:2])[..., None]
            enc.write(np.clip(noisy, 0, 255).astype(np.uint8))
    return path


def test_analysis_finds_the_panel_and_composite_uses_it(tmp_path: Path, product_png: Path) -> None:
    video = panel_video(tmp_path / "panel.mp4")
    analysis = analyze_video(video)
    assert len(analysis.shots) == 1 and analysis.zones
    zone = analysis.zones[0]
    centre = np.array(zone.quad).mean(axis=0)
    assert 150 < centre[0] < 290 and 120 < centre[1] < 200
    assert zone.reasons and analysis.shots[0].motion.kind == "static"
    result = composite_video(
        video, product_png, tmp_path / "o.mp4", zone_id=zone.id, analysis=analysis
    )
    placement = result.report["placement"]
    assert placement["zone_id"] == zone.id  # type: ignore[index]
    quad = np.array(placement["frames"][0]["quad"])  # type: ignore[index]
    # The product keeps its aspect ratio (200×120) inside the zone.
    width = np.linalg.norm(quad[1] - quad[0])
    height = np.linalg.norm(quad[3] - quad[0])
    assert width / height == pytest.approx(200 / 120, rel=0.02)
    with pytest.raises(InputError) as err:
        composite_video(video, product_png, tmp_path / "x.mp4", zone_id="s9z9", analysis=analysis)
    assert err.value.field == "zone_id"


def test_no_surface_means_no_zone_and_no_invented_placement(
    tmp_path: Path, product_png: Path
) -> None:
    noise = lavfi(
        tmp_path / "noise.mp4",
        "nullsrc=s=320x180:r=10:d=1,geq=lum='random(1)*255':cb=128:cr=128",
        "-pix_fmt",
        "yuv420p",
        "-crf",
        "5",
    )
    analysis = analyze_video(noise)
    assert analysis.zones == []
    assert analysis.notes and analysis.shots[0].notes
    with pytest.raises(InputError) as err:
        composite_video(noise, product_png, tmp_path / "o.mp4", analysis=analysis)
    assert err.value.field == "quad" and "No usable surface" in err.value.message
    assert not (tmp_path / "o.mp4").exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"quad": [[0, 0], [10, 10], [0, 10], [10, 0]]}, "quad"),
        ({"quad": [[0, 0], [1, 1]]}, "quad"),
        ({"quad": [[5000, 0], [5100, 0], [5100, 50], [5000, 50]]}, "quad"),
        ({"quad": [[0, 0], [50, 0], [50, 50], [0, 50]], "frames": (30, 10)}, "frames"),
        ({"quad": [[0, 0], [50, 0], [50, 50], [0, 50]], "frames": (500, 510)}, "frames"),
        ({"quad": [[0, 0], [50, 0], [50, 50], [0, 50]], "mode": "hologram"}, "mode"),
    ],
)
def test_bad_requests_name_the_field(
    desk_video: Path, product_png: Path, tmp_path: Path, kwargs: dict, field: str
) -> None:
    with pytest.raises(InputError) as err:
        composite_video(desk_video, product_png, tmp_path / "o.mp4", **kwargs)
    assert err.value.field == field and err.value.fix


def test_bad_video_and_product(desk_video: Path, product_png: Path, tmp_path: Path) -> None:
    text = tmp_path / "a.mp4"
    text.write_text("nope")
    quad = [[0, 0], [50, 0], [50, 50], [0, 50]]
    with pytest.raises(InputError) as err:
        composite_video(text, product_png, tmp_path / "o.mp4", quad=quad)
    assert err.value.field == "video"
    with pytest.raises(InputError) as err:
        composite_video(desk_video, text, tmp_path / "o.mp4", quad=quad)
    assert err.value.field == "product"
