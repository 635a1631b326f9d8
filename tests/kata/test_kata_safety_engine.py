"""Brand safety in a real composite: a placement over a face is flagged, one beside it
is not (GoldenEye clip from PySceneDetect's test material; its faces are found by the
Haar cascades at frames 10–50 around x 560, y 280)."""

from __future__ import annotations

from pathlib import Path

from kata_media import SCENEDETECT

from agency.kata import composite_video

CLIP = SCENEDETECT / "goldeneye-vfr-drop3.mp4"


def test_a_placement_over_a_face_is_not_brand_safe(product_png: Path, tmp_path: Path) -> None:
    over = composite_video(
        CLIP,
        product_png,
        tmp_path / "face.mp4",
        quad=[[540, 260], [660, 260], [660, 360], [540, 360]],
        frames=(10, 40),
    )
    checks = {c["name"]: c for c in over.report["quality"]["brand_safety"]["checks"]}  # type: ignore[index]
    assert over.brand_safe is False
    assert checks["face_clearance"]["passed"] is False
    assert checks["face_clearance"]["severity"] == "block"
    assert checks["face_clearance"]["frames"]
    beside = composite_video(
        CLIP,
        product_png,
        tmp_path / "beside.mp4",
        quad=[[60, 380], [220, 380], [220, 480], [60, 480]],
        frames=(10, 40),
    )
    checks = {c["name"]: c for c in beside.report["quality"]["brand_safety"]["checks"]}  # type: ignore[index]
    assert checks["face_clearance"]["passed"] is True
    assert checks["flashing"]["passed"] is True
