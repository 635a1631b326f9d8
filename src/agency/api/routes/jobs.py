"""Job status: progress of durable workflows, scoped to the caller's organization."""

from __future__ import annotations

from fastapi import APIRouter

from agency.api.deps import CurrentOrg, GatewayDep
from agency.api.schemas import JobOut
from agency.db import Job
from agency.orchestrator import get_job

router = APIRouter(prefix="/api/jobs", tags=["jobs"])


def job_out(job: Job) -> JobOut:
    return JobOut(
        id=job.id,
        kind=job.kind,
        status=job.status,
        step=job.step,
        percent=job.percent,
        subject_id=job.subject_id,
        result=job.result,
        error=job.error,
        created_at=job.created_at,
        updated_at=job.updated_at,
    )


@router.get("/{job_id}", response_model=JobOut)
def read_job(job_id: str, scope: CurrentOrg, gateway: GatewayDep) -> JobOut:
    """Status, current step and percent of one job."""
    return job_out(get_job(scope, job_id, gateway=gateway))
