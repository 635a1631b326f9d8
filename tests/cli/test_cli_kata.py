"""`agency kata analyze` and `agency kata composite` on real footage."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from shared_data import TESTDATA  # type: ignore[import-not-found]

VIDEO = TESTDATA / "pyscenedetect/testvideo.mp4"


def _agency(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "agency.cli.main", "kata", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_analyze_prints_shots_and_a_preview(tmp_path: Path) -> None:
    preview = tmp_path / "zones.png"
    run = _agency("analyze", str(VIDEO), "--preview", str(preview), "--json")
    assert run.returncode == 0, run.stderr[-2000:]
    out = json.loads(run.stdout)
    assert [s["start_frame"] for s in out["shots"]] == [0, 30, 180, 394]  # PySceneDetect golden
    assert out["frame_count"] == 720
    with Image.open(preview) as png:
        assert png.width == 640 and png.height >= 4 * 300


@pytest.mark.slow
def test_composite_with_a_quad_writes_the_report_contract(tmp_path: Path) -> None:
    product = tmp_path / "product.png"
    image = Image.new("RGBA", (200, 300), (0, 0, 0, 0))
    ImageDraw.Draw(image).rounded_rectangle((20, 20, 180, 280), 30, fill=(30, 60, 120, 255))
    image.save(product)
    out, report = tmp_path / "out.mp4", tmp_path / "REPORT.json"
    quad = "400,200,600,210,590,420,410,410"
    run = _agency(
        "composite", str(VIDEO), str(product), "--out", str(out), "--report", str(report),
        "--quad", quad, "--frames", "30:60", "--json",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    data = json.loads(report.read_text())
    assert {"fps", "width", "height", "frame_count", "shots", "placement", "quality"} <= set(data)
    first = data["placement"]["frames"][0]
    assert first["frame"] == 30
    assert first["quad"] == [[400, 200], [600, 210], [590, 420], [410, 410]]
    assert out.stat().st_size > 0
    from agency.creation.credentials import read_credentials

    assert "compositeSynthetic" in json.dumps(read_credentials(out)["active"])


def test_unknown_mode_and_conflicting_targets_are_clear_errors(tmp_path: Path) -> None:
    product = tmp_path / "p.png"
    Image.new("RGBA", (10, 10)).save(product)
    unknown = _agency("composite", str(VIDEO), str(product), "--out", "o.mp4", "--mode", "flat")
    assert unknown.returncode == 2 and "upright" in unknown.stderr
    both = _agency(
        "composite", str(VIDEO), str(product), "--out", "o.mp4", "--zone", "s0z0", "--at", "1,2"
    )
    assert both.returncode == 2 and "one of" in both.stderr


@pytest.mark.slow
def test_composite_upright_at_a_contact_point(tmp_path: Path) -> None:
    product = tmp_path / "bottle.png"
    image = Image.new("RGBA", (100, 300), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((25, 60, 75, 295), fill=(30, 90, 40, 255))
    image.save(product)
    out, report = tmp_path / "up.mp4", tmp_path / "REPORT.json"
    run = _agency(
        "composite", str(VIDEO), str(product), "--out", str(out), "--report", str(report),
        "--mode", "upright", "--at", "640,600", "--scale", "0.05", "--frames", "30:60", "--json",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    printed = json.loads(run.stdout)
    assert printed["brand_safe"] in (True, False)
    data = json.loads(report.read_text())
    placement = data["placement"]
    assert placement["mode"] == "upright" and placement["frames"][0]["frame"] == 30
    quad = placement["frames"][0]["quad"]
    assert [(quad[2][0] + quad[3][0]) / 2, quad[2][1]] == pytest.approx([640, 600], abs=1e-3)
    assert "shadow" in placement and "brand_safety" in data["quality"]
