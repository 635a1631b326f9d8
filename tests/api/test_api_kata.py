"""Kata over the API: uploads, analyse and composite jobs, rows filled, org-scoped."""

from __future__ import annotations

import io
import subprocess
import time
from pathlib import Path

import imageio_ffmpeg
import pytest
from fastapi.testclient import TestClient
from PIL import Image, ImageDraw
from test_api_brands import api  # noqa: F401  (fixture)


def _clip(path: Path) -> bytes:
    subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-loglevel", "error", "-f", "lavfi", "-i",
         "testsrc2=size=640x360:rate=25:duration=2", "-pix_fmt", "yuv420p", "-c:v", "libx264",
         str(path)],
        check=True,
    )  # fmt: skip
    return path.read_bytes()


def _product() -> bytes:
    image = Image.new("RGBA", (120, 180), (0, 0, 0, 0))
    ImageDraw.Draw(image).rounded_rectangle((10, 10, 110, 170), 20, fill=(30, 60, 120, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _wait(client: TestClient, row_id: str, headers: dict[str, str]) -> dict:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        body = client.get(f"/api/kata/jobs/{row_id}", headers=headers).json()
        if body["job"]["status"] in {"succeeded", "failed"}:
            return body
        time.sleep(0.2)
    raise AssertionError("kata job did not finish")


@pytest.mark.slow
def test_analyze_and_composite_jobs(api, tmp_path: Path) -> None:  # noqa: F811
    client, org_a, org_b = api
    files = {"file": ("clip.mp4", _clip(tmp_path / "clip.mp4"), "video/mp4")}
    video = client.post("/api/assets", files=files, headers=org_a.headers).json()
    assert video["media_type"] == "video/mp4" and video["width"] == 640
    product = client.post(
        "/api/assets", files={"file": ("p.png", _product(), "image/png")}, headers=org_a.headers
    ).json()

    analysis = client.post(
        "/api/kata/analyze", json={"video_asset_id": video["id"]}, headers=org_a.headers
    )
    assert analysis.status_code == 202
    analysed = _wait(client, analysis.json()["id"], org_a.headers)
    assert analysed["status"] == "analyzed"
    assert analysed["placement"]["shots"][0]["start_frame"] == 0

    quad = [[200, 100], [320, 100], [320, 280], [200, 280]]
    body = {"video_asset_id": video["id"], "product_asset_id": product["id"], "quad": quad}
    started = client.post("/api/kata/composite", json=body, headers=org_a.headers)
    assert started.status_code == 202, started.text
    done = _wait(client, started.json()["id"], org_a.headers)
    assert done["status"] == "succeeded", done
    assert done["placement"]["frames"][0]["quad"] == quad
    assert done["quality_score"] is not None
    output = client.get(f"/api/assets/{done['output_asset_id']}", headers=org_a.headers).json()
    assert output["media_type"] == "video/mp4"
    assert output["provenance"]["extra"]["c2pa"] == "compositeSynthetic"
    assert set(output["provenance"]["source_assets"]) == {video["id"], product["id"]}

    assert client.get(f"/api/kata/jobs/{done['id']}", headers=org_b.headers).status_code == 404
    refused = client.post("/api/kata/composite", json=body, headers=org_b.headers)
    assert refused.status_code == 404  # B cannot use A's assets
    unknown = client.post(
        "/api/kata/composite", json={**body, "mode": "sideways"}, headers=org_a.headers
    )
    assert unknown.status_code == 422

    # Upright, squashed to 4:1 against the product's 2:3: kept, but flagged for review.
    squashed = [[100, 240], [500, 240], [500, 340], [100, 340]]
    flagged_job = client.post(
        "/api/kata/composite",
        json={**body, "mode": "upright", "quad": squashed},
        headers=org_a.headers,
    )
    assert flagged_job.status_code == 202, flagged_job.text
    flagged = _wait(client, flagged_job.json()["id"], org_a.headers)
    assert flagged["mode"] == "upright" and flagged["status"] == "needs_review", flagged
    safety = flagged["quality"]["brand_safety"]
    assert safety["passed"] is False
    assert any(c["name"] == "distortion" and not c["passed"] for c in safety["checks"])
    assert flagged["output_asset_id"]
