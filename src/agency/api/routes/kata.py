"""Kata over HTTP: analyse footage and composite a product, as durable jobs."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, status
from pydantic import BaseModel, Field

from agency.api.deps import CurrentOrg, GatewayDep
from agency.db import Asset, CompositingJob, Job
from agency.orchestrator import get_job
from agency.orchestrator.flows.kata import ANALYZE, COMPOSITE, submit_kata_job

router = APIRouter(prefix="/api/kata", tags=["kata"])


class AnalyzeBody(BaseModel):
    video_asset_id: str


class CompositeBody(BaseModel):
    video_asset_id: str
    product_asset_id: str
    mode: Literal["decal", "upright"] = "decal"
    zone_id: str | None = None
    quad: list[list[float]] | None = Field(default=None, min_length=4, max_length=4)
    at: tuple[float, float] | None = Field(
        default=None, description="x, y: contact point (upright) or a point in the zone (decal)"
    )
    scale: float | None = Field(
        default=None,
        gt=0,
        le=1,
        description="upright: share of the surface's width (0.2); decal: share of the zone (0.9)",
    )
    surface: Literal["support", "vertical"] | None = Field(
        default=None, description="the kind of zone to pick automatically"
    )
    frames: tuple[int, int] | None = None


def _out(row: CompositingJob, job: Job) -> dict[str, Any]:
    return {
        "id": row.id,
        "status": row.status,
        "job": {"id": job.id, "status": job.status, "step": job.step, "percent": job.percent},
        "mode": row.mode,
        "zones": row.zones,
        "placement": row.placement,
        "quality_score": row.quality_score,
        "quality": row.quality,
        "output_asset_id": row.output_asset_id,
        "provenance": row.provenance,
        "error": row.error,
    }


@router.post("/analyze", status_code=status.HTTP_202_ACCEPTED)
def analyze(body: AnalyzeBody, scope: CurrentOrg, gateway: GatewayDep) -> dict[str, Any]:
    """Find shots and ranked placement zones in a stored video."""
    scope.get(Asset, body.video_asset_id)
    row, job = submit_kata_job(scope, ANALYZE, video_asset_id=body.video_asset_id, gateway=gateway)
    return _out(row, job)


@router.post("/composite", status_code=status.HTTP_202_ACCEPTED)
def composite(body: CompositeBody, scope: CurrentOrg, gateway: GatewayDep) -> dict[str, Any]:
    """Composite a stored product image into a stored video."""
    scope.get(Asset, body.video_asset_id)
    scope.get(Asset, body.product_asset_id)
    prefs = body.model_dump(exclude={"video_asset_id", "product_asset_id"}, exclude_none=True)
    row, job = submit_kata_job(
        scope,
        COMPOSITE,
        video_asset_id=body.video_asset_id,
        product_asset_id=body.product_asset_id,
        preferences=prefs,
        gateway=gateway,
    )
    return _out(row, job)


@router.get("/jobs/{row_id}")
def read_job(row_id: str, scope: CurrentOrg, gateway: GatewayDep) -> dict[str, Any]:
    """A compositing job: status, progress, zones, placement, quality, output."""
    row = scope.get(CompositingJob, row_id)
    job = get_job(scope, str(row.workflow_id), gateway=gateway)
    return _out(row, job)
