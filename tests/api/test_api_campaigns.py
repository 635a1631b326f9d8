"""Knowledge base and campaigns over the API, on both databases, scoped per organization."""

from __future__ import annotations

import io
import time

import pytest
from fastapi.testclient import TestClient
from test_api_brands import Tenant, api  # noqa: F401  (fixture)

from agency.samples.competitors import serve_competitor_sites
from agency.samples.server import serve_sample_site


def _wait(client: TestClient, job_id: str, headers: dict[str, str], timeout: float = 240) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get(f"/api/jobs/{job_id}", headers=headers).json()
        if body["status"] in {"succeeded", "failed"}:
            return body
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish")


@pytest.mark.slow
def test_knowledge_base_and_campaign_over_the_api(api) -> None:  # noqa: F811
    client, org_a, org_b = api
    with serve_sample_site() as site, serve_competitor_sites() as rivals:
        onboard = client.post("/api/brands", json={"url": site}, headers=org_a.headers).json()
        brand_id = _wait(client, onboard["job_id"], org_a.headers)["result"]["brand_id"]

        notes = io.BytesIO(
            b"# Press kit\n\nNorth Shore Cold Brew won the 2026 Duluth Coffee Cup.\n"
        )
        upload = client.post(
            f"/api/brands/{brand_id}/kb/documents?include_pages=true",
            files=[("files", ("press.md", notes, "text/markdown"))],
            headers=org_a.headers,
        )
        assert upload.status_code == 200, upload.text
        results = upload.json()["results"]
        assert all(r["status"] != "error" for r in results)
        assert any(r["source"].endswith("press.md") for r in results)

        found = client.post(
            f"/api/brands/{brand_id}/kb/search",
            json={"question": "How long is the cold brew steeped?", "k": 3},
            headers=org_a.headers,
        )
        assert found.status_code == 200
        passages = found.json()["passages"]
        assert any("18 hours" in p["text"] for p in passages)
        assert all(p["source"] for p in passages)
        denied = client.post(
            f"/api/brands/{brand_id}/kb/search",
            json={"question": "cold brew"},
            headers=org_b.headers,
        )
        assert denied.status_code == 404

        request = {
            "goal": "Launch our new cold brew",
            "product": "North Shore Cold Brew",
            "channels": ["instagram", "x", "email"],
            "days": 14,
            "timezone": "America/Chicago",
            "competitors": sorted(rivals.values()),
        }
        bad = client.post(
            "/api/campaigns",
            json={"brand_id": brand_id, "request": {**request, "product": "Tea"}},
            headers=org_a.headers,
        )
        assert bad.status_code == 422 and "North Shore Cold Brew" in bad.json()["fix"]
        started = client.post(
            "/api/campaigns", json={"brand_id": brand_id, "request": request}, headers=org_a.headers
        )
        assert started.status_code == 202, started.text
        job = _wait(client, started.json()["job_id"], org_a.headers)
    assert job["status"] == "succeeded", job
    campaign_id = job["subject_id"]
    campaign = client.get(f"/api/campaigns/{campaign_id}", headers=org_a.headers).json()
    assert campaign["status"] == "ready"
    assert len(campaign["brief"]["territories"]) == 3
    assert client.get(f"/api/campaigns/{campaign_id}", headers=org_b.headers).status_code == 404
