"""Upright mode end to end: the product stands on its contact point through a camera move,
with a contact shadow under it, and brand safety is in the report."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from agency.core.errors import InputError
from agency.kata import composite_video
from agency.kata.geometry import apply_homography
from agency.kata.media import iter_frames
from agency.kata.quality.synthetic import SyntheticSequence


def _truth(seq: SyntheticSequence, point: np.ndarray, index: int) -> np.ndarray:
    to_world = np.linalg.inv(seq.homographies[0])
    return apply_homography(seq.homographies[index] @ to_world, point[None])[0]


def test_upright_product_stands_on_the_tracked_contact_point(
    desk_video: Path, desk_sequence: SyntheticSequence, product_png: Path, tmp_path: Path
) -> None:
    contact = np.array([240.0, 190.0])
    out, report_path = tmp_path / "up.mp4", tmp_path / "REPORT.json"
    result = composite_video(
        desk_video,
        product_png,
        out,
        mode="upright",
        at=contact.tolist(),
        scale=0.2,
        report_path=report_path,
    )
    report = json.loads(report_path.read_text())
    placement = report["placement"]
    assert placement["mode"] == "upright" and len(placement["frames"]) == 60
    first = np.array(placement["frames"][0]["quad"])
    assert np.allclose((first[2] + first[3]) / 2, contact, atol=1e-3)
    # No zone holds the point on this photo's centre, so width = 0.2 × frame width.
    width0 = float(np.linalg.norm(first[2] - first[3]))
    assert width0 == pytest.approx(0.2 * 480, rel=0.02) or placement["zone_id"] is not None
    for f in placement["frames"]:
        q = np.array(f["quad"])
        bottom = (q[2] + q[3]) / 2
        assert np.linalg.norm(bottom - _truth(desk_sequence, contact, f["frame"])) < 1.5
        # Upright: the sides stay perpendicular to the bottom edge (no shear).
        base, side = q[2] - q[3], q[0] - q[3]
        assert abs(np.dot(base, side)) / (np.linalg.norm(base) * np.linalg.norm(side)) < 0.02
    # The camera rolls: the product's bottom edge turns with the desk.
    angles = [
        np.degrees(np.arctan2(*(np.array(f["quad"])[2] - np.array(f["quad"])[3])[::-1]))
        for f in placement["frames"]
    ]
    assert max(angles) - min(angles) > 2.0
    assert "brand_safety" in report["quality"] and result.brand_safe in (True, False)
    assert {c["name"] for c in report["quality"]["brand_safety"]["checks"]} >= {
        "face_clearance",
        "flashing",
        "distortion",
    }
    # A contact shadow darkens the desk just under the product's base.
    source = next(f for i, f in iter_frames(desk_video) if i == 0)
    output = next(f for i, f in iter_frames(out) if i == 0)
    x, y = contact.round().astype(int)
    half = int(width0 * 0.3)
    band = (slice(y + 2, y + 6), slice(x - half, x + half))
    before = cv2.cvtColor(source, cv2.COLOR_BGR2GRAY)[band].mean()
    after = cv2.cvtColor(output, cv2.COLOR_BGR2GRAY)[band].mean()
    assert after < 0.9 * before


def test_upright_rejects_a_point_outside_the_frame(
    desk_video: Path, product_png: Path, tmp_path: Path
) -> None:
    with pytest.raises(InputError) as err:
        composite_video(
            desk_video, product_png, tmp_path / "x.mp4", mode="upright", at=[900.0, 100.0]
        )
    assert err.value.field == "at"
    assert not (tmp_path / "x.mp4").exists()


def test_upright_mattes_a_studio_shot_and_refuses_a_busy_photo(
    desk_video: Path, tmp_path: Path
) -> None:
    from kata_media import DESK

    from agency.kata.compositing.decal import load_product

    studio = np.full((300, 200, 3), 245, np.uint8)
    cv2.rectangle(studio, (70, 60), (130, 280), (40, 90, 30), -1)
    path = tmp_path / "studio.jpg"
    cv2.imwrite(str(path), studio)
    item = load_product(path, cut_out=True)
    alpha = item.alpha
    assert alpha.max() > 0.99 and alpha.min() < 0.01  # backdrop gone, product kept
    # Cropped to the bottle (61×221 px of the 200×300 photo), which it fills.
    assert 55 <= item.width <= 75 and 210 <= item.height <= 235
    assert float((alpha > 0.5).mean()) > 0.8
    assert float(load_product(path).alpha[2:-2, 2:-2].min()) == 1.0  # decal: a flat print
    busy = tmp_path / "busy.png"
    cv2.imwrite(str(busy), cv2.imread(str(DESK))[:400, :400])
    with pytest.raises(InputError) as err:
        composite_video(desk_video, busy, tmp_path / "b.mp4", mode="upright", at=[240.0, 190.0])
    assert err.value.field == "product" and "transparent" in str(err.value.details["fix"])
    assert not (tmp_path / "b.mp4").exists()
