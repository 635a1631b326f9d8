"""Publishing routes: specs checked before storing, the queue, cancel, organization scope."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from test_api_brands import api  # noqa: F401  (fixture)

from agency.config import Settings
from agency.db import OrgScope, create_database
from agency.distribution.accounts import Secret, TokenCipher, save_account


def _account(settings: Settings, org_id: str) -> str:
    database = create_database(settings.resolved_database_url)
    with database.session() as session:
        account = save_account(
            OrgScope(session, org_id),
            cipher=TokenCipher.from_settings(settings),
            platform="x",
            external_id="42",
            display_name="northbound",
            access_token=Secret("token-123"),
            timezone="America/Chicago",
        )
        account_id = account.id
    database.dispose()
    return account_id


def test_schedule_queue_and_cancel(api, settings: Settings) -> None:  # noqa: F811
    client, org_a, org_b = api
    account_id = _account(settings, org_a.org_id)
    when = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0).isoformat()
    body = {"account_id": account_id, "text": "Cold brew is back. #coldbrew", "when": when}

    created = client.post("/api/publish/schedule", json=body, headers=org_a.headers)
    assert created.status_code == 201, created.text
    item = created.json()
    assert item["status"] == "scheduled" and item["platform"] == "x"

    too_long = client.post(
        "/api/publish/schedule", json={**body, "text": "x" * 281}, headers=org_a.headers
    )
    assert too_long.status_code == 422 and "281" in too_long.text
    past = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    in_past = client.post(
        "/api/publish/schedule", json={**body, "when": past}, headers=org_a.headers
    )
    assert in_past.status_code == 422 and "past" in in_past.text

    queue = client.get("/api/publish/queue", headers=org_a.headers).json()
    assert [q["id"] for q in queue] == [item["id"]]
    assert client.get("/api/publish/queue", headers=org_b.headers).json() == []
    assert client.delete(f"/api/publish/{item['id']}", headers=org_b.headers).status_code == 404
    foreign = client.post("/api/publish/schedule", json=body, headers=org_b.headers)
    assert foreign.status_code == 404  # B cannot post through A's account

    cancelled = client.delete(f"/api/publish/{item['id']}", headers=org_a.headers)
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
