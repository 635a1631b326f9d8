"""Brands: onboard from a URL (a durable job), list, read."""

from __future__ import annotations

from fastapi import APIRouter, status

from agency.api.deps import CurrentOrg, GatewayDep, SettingsDep
from agency.api.schemas import BrandCreate, BrandOut, BrandSummary, JobAccepted
from agency.db import Brand
from agency.intelligence.onboarding import brand_detail, validate_brand_url
from agency.orchestrator import submit_job

router = APIRouter(prefix="/api/brands", tags=["brands"])


@router.post("", status_code=status.HTTP_202_ACCEPTED, response_model=JobAccepted)
def create_brand(
    body: BrandCreate, scope: CurrentOrg, settings: SettingsDep, gateway: GatewayDep
) -> JobAccepted:
    """Start onboarding a brand from its website; poll the returned job."""
    url = validate_brand_url(body.url, settings=settings)
    job = submit_job(scope, "brand.onboard", {"url": url}, gateway=gateway)
    return JobAccepted(job_id=job.id, status=job.status, status_url=f"/api/jobs/{job.id}")


@router.get("", response_model=list[BrandSummary])
def list_brands(scope: CurrentOrg) -> list[BrandSummary]:
    """The organization's brands, newest first."""
    rows = scope.list(Brand, order_by=Brand.created_at.desc(), limit=500)
    return [
        BrandSummary(id=b.id, name=b.name, url=b.url, domain=b.domain, created_at=b.created_at)
        for b in rows
    ]


@router.get("/{brand_id}", response_model=BrandOut)
def read_brand(brand_id: str, scope: CurrentOrg) -> BrandOut:
    """One brand with its profile and products."""
    return BrandOut(**brand_detail(scope, brand_id))
