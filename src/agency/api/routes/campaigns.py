"""Campaigns over HTTP: create (a durable job), read."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status
from pydantic import BaseModel, ValidationError

from agency.api.deps import CurrentOrg, GatewayDep
from agency.api.schemas import JobAccepted
from agency.core.errors import InputError
from agency.db import Campaign
from agency.orchestrator.flows.campaign import submit_campaign
from agency.strategy.planning import CampaignRequest

router = APIRouter(prefix="/api/campaigns", tags=["campaigns"])


class CampaignCreate(BaseModel):
    brand_id: str
    request: dict[str, Any]


@router.post("", status_code=status.HTTP_202_ACCEPTED, response_model=JobAccepted)
def create_campaign(body: CampaignCreate, scope: CurrentOrg, gateway: GatewayDep) -> JobAccepted:
    """Start research → strategy → copy for a brand's product; poll the returned job."""
    try:
        request = CampaignRequest.model_validate(body.request)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = "request." + ".".join(str(p) for p in first["loc"])
        raise InputError(f"Invalid {field}: {first['msg']}.", field=field) from exc
    _, job = submit_campaign(scope, body.brand_id, request, gateway=gateway)
    return JobAccepted(job_id=job.id, status=job.status, status_url=f"/api/jobs/{job.id}")


@router.get("/{campaign_id}")
def read_campaign(campaign_id: str, scope: CurrentOrg) -> dict[str, Any]:
    """A campaign's status, brief and folder."""
    c = scope.get(Campaign, campaign_id)
    return {
        "id": c.id,
        "brand_id": c.brand_id,
        "product_id": c.product_id,
        "goal": c.goal,
        "status": c.status,
        "folder": c.folder,
        "brief": c.brief,
    }
