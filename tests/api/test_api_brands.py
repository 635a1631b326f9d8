"""The HTTP API: key auth, organization isolation, onboarding as a job with progress."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from agency.api import create_app
from agency.config import Settings
from agency.db import Brand, OrgScope, create_database, upgrade_to_head
from agency.db.tenancy import create_organization, issue_api_key
from agency.samples.server import serve_sample_site


@dataclass
class Tenant:
    org_id: str
    headers: dict[str, str]


@pytest.fixture
def api(settings: Settings) -> Iterator[tuple[TestClient, Tenant, Tenant]]:
    upgrade_to_head(settings.resolved_database_url)
    database = create_database(settings.resolved_database_url)
    with database.session() as session:
        tenants = []
        for name in ("Org A", "Org B"):
            org = create_organization(session, name)
            key = issue_api_key(session, org.id)
            tenants.append(Tenant(org.id, {"Authorization": f"Bearer {key.key}"}))
    database.dispose()
    with TestClient(create_app(settings)) as client:
        yield client, tenants[0], tenants[1]


def _wait(client: TestClient, job_id: str, headers: dict[str, str]) -> dict:
    deadline = time.monotonic() + 60
    seen = []
    while time.monotonic() < deadline:
        body = client.get(f"/api/jobs/{job_id}", headers=headers).json()
        seen.append((body["step"], body["percent"]))
        if body["status"] in {"succeeded", "failed"}:
            body["seen"] = seen
            return body
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish: {seen[-3:]}")


def test_requests_without_a_valid_key_are_refused(api) -> None:
    client, _, _ = api
    assert client.get("/api/brands").status_code == 401
    bad = {"Authorization": "Bearer agk_abcdefgh_" + "x" * 40}
    assert client.get("/api/brands", headers=bad).status_code == 401
    assert client.get("/api/brands", headers={"X-API-Key": "nonsense"}).status_code == 401


def test_onboarding_job_and_organization_isolation(api) -> None:
    client, org_a, org_b = api
    with serve_sample_site() as site:
        response = client.post("/api/brands", json={"url": site}, headers=org_a.headers)
        assert response.status_code == 202, response.text
        job_id = response.json()["job_id"]
        job = _wait(client, job_id, org_a.headers)
    assert job["status"] == "succeeded", job
    assert job["percent"] == 100
    assert any(0 < percent < 100 for _, percent in job["seen"]) or len(job["seen"]) == 1
    brand_id = job["result"]["brand_id"]

    mine = client.get(f"/api/brands/{brand_id}", headers=org_a.headers)
    assert mine.status_code == 200
    body = mine.json()
    assert len(body["products"]) >= 3
    assert body["pages"] >= 3
    assert body["profile"]["palette"]
    assert len(body["profile"]["logo_asset_id"]) == 12  # the logo is kept as an asset

    # Organization B sees none of it: not the brand, not the job, not the list.
    assert client.get(f"/api/brands/{brand_id}", headers=org_b.headers).status_code == 404
    assert client.get(f"/api/jobs/{job_id}", headers=org_b.headers).status_code == 404
    assert client.get("/api/brands", headers=org_b.headers).json() == []
    assert [b["id"] for b in client.get("/api/brands", headers=org_a.headers).json()] == [brand_id]


def test_brand_of_another_org_is_404_not_403(api, settings: Settings) -> None:
    client, org_a, org_b = api
    database = create_database(settings.resolved_database_url)
    with database.session() as session:
        brand = OrgScope(session, org_a.org_id).add(
            Brand(name="Alpha", url="https://alpha.test", domain="alpha.test", profile={})
        )
        brand_id = brand.id
    database.dispose()
    assert client.get(f"/api/brands/{brand_id}", headers=org_a.headers).status_code == 200
    other = client.get(f"/api/brands/{brand_id}", headers=org_b.headers)
    assert other.status_code == 404
    assert "Alpha" not in other.text


def test_bad_url_is_a_clear_422(api) -> None:
    client, org_a, _ = api
    response = client.post("/api/brands", json={"url": "ftp://files.test"}, headers=org_a.headers)
    assert response.status_code == 422
    assert response.json()["field"] == "url"


def test_openapi_is_served(api) -> None:
    client, _, _ = api
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/brands", "/api/brands/{brand_id}", "/api/jobs/{job_id}"} <= set(paths)
