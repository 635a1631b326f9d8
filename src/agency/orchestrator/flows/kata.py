"""``kata.analyze`` and ``kata.composite``: Kata as durable jobs over stored assets.

The ``compositing_jobs`` row follows the job: zones after analysis; placement, quality
score, output asset and provenance after compositing. The output carries C2PA content
credentials saying it is a composite, and its asset records the footage and the
product as source assets.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from agency.core.errors import InputError
from agency.creation.credentials import load_or_create_signer, sign_media
from agency.db import CompositingJob, Job, OrgScope
from agency.kata import analyze_video, composite_video
from agency.kata.engine import MODES
from agency.orchestrator.engine import current_runtime
from agency.orchestrator.execution import JobContext
from agency.orchestrator.gateway import WorkflowGateway
from agency.orchestrator.jobs import submit_job
from agency.orchestrator.kinds import job_kind, job_step
from agency.orchestrator.progress import report_progress
from agency.storage import Provenance, asset_path, build_blob_store, store_asset

ANALYZE, COMPOSITE = "kata.analyze", "kata.composite"


def _with_scope(org_id: str, fn: Any) -> Any:
    with current_runtime().database.session() as session:
        return fn(OrgScope(session, org_id))


def _path(scope: OrgScope, asset_id: str) -> Path:
    return asset_path(scope, build_blob_store(current_runtime().settings), asset_id)


def submit_kata_job(
    scope: OrgScope,
    kind: str,
    *,
    video_asset_id: str,
    product_asset_id: str | None = None,
    preferences: dict[str, Any] | None = None,
    gateway: WorkflowGateway | None = None,
) -> tuple[CompositingJob, Job]:
    """Create the compositing_jobs row and submit its durable job."""
    prefs = preferences or {}
    if kind == COMPOSITE and product_asset_id is None:
        raise InputError("Compositing needs a product image.", field="product_asset_id")
    if prefs.get("mode", "decal") not in MODES:
        raise InputError(
            f"Unknown mode {prefs.get('mode')!r}.", field="mode", fix=f"Use one of {MODES}."
        )
    row = scope.add(
        CompositingJob(
            video_asset_id=video_asset_id,
            product_asset_id=product_asset_id,
            status="queued",
            mode=prefs.get("mode", "decal"),
            preferences=prefs,
        )
    )
    job = submit_job(
        scope, kind, {"compositing_job_id": row.id}, subject_id=row.id, gateway=gateway
    )
    row.workflow_id = job.workflow_id
    return row, job


@job_step(name="kata.analyze_video")
def analyze_step(org_id: str, row_id: str) -> list[dict[str, Any]]:
    """Shots and ranked zones of the footage, stored on the row."""

    def run(scope: OrgScope) -> list[dict[str, Any]]:
        row = scope.get(CompositingJob, row_id)
        report = analyze_video(_path(scope, str(row.video_asset_id)))
        zones = [z.model_dump(mode="json") for z in report.zones]
        row.zones = zones
        row.placement = {
            "shots": [s.shot.model_dump() for s in report.shots],
            "notes": report.notes,
        }
        return zones

    result: list[dict[str, Any]] = _with_scope(org_id, run)
    return result


@job_step(name="kata.composite_video")
def composite_step(org_id: str, row_id: str) -> dict[str, Any]:
    """Composite, sign (C2PA) and store the output; the row gets the results."""
    settings = current_runtime().settings
    store = build_blob_store(settings)

    def run(scope: OrgScope) -> dict[str, Any]:
        row = scope.get(CompositingJob, row_id)
        prefs = dict(row.preferences)
        video = _path(scope, str(row.video_asset_id))
        product = _path(scope, str(row.product_asset_id))
        frames = tuple(prefs["frames"]) if prefs.get("frames") else None
        with tempfile.TemporaryDirectory(prefix="agency-kata-") as tmp:
            out = Path(tmp) / "composite.mp4"
            result = composite_video(
                video,
                product,
                out,
                mode=prefs.get("mode", "decal"),
                quad=prefs.get("quad"),
                zone_id=prefs.get("zone_id"),
                at=prefs.get("at"),
                scale=prefs.get("scale"),
                surface=prefs.get("surface"),
                frames=frames,  # type: ignore[arg-type]
                report_path=Path(tmp) / "REPORT.json",
            )
            sign_media(
                out,
                out,
                identity=load_or_create_signer(settings.data_dir),
                title="Kata composite",
                digital_source_type="compositeSynthetic",
                actions=["c2pa.created", "c2pa.edited"],
                ingredients=[video, product],
            )
            provenance = Provenance(
                provider="kata",
                stage="kata.composite",
                source_assets=[str(row.video_asset_id), str(row.product_asset_id)],
                extra={"c2pa": "compositeSynthetic", "composited": True, "synthetic": True},
            )
            asset = store_asset(scope, store, out, filename="composite.mp4", provenance=provenance)
        row.output_asset_id = asset.id
        row.placement = result.report.get("placement", {})  # type: ignore[assignment]
        row.quality = result.report.get("quality", {})  # type: ignore[assignment]
        row.quality_score = result.realism
        row.provenance = provenance.model_dump(mode="json")
        return {
            "output_asset_id": asset.id,
            "realism": result.realism,
            "brand_safe": result.brand_safe,
        }

    result: dict[str, Any] = _with_scope(org_id, run)
    return result


def _finish(org_id: str, row_id: str, status: str, error: str | None = None) -> None:
    def update(scope: OrgScope) -> None:
        row = scope.get(CompositingJob, row_id)
        row.status = status
        row.error = error

    _with_scope(org_id, update)


@job_kind(ANALYZE, description="Find shots and placement zones in stored footage.")
def kata_analyze(ctx: JobContext, params: dict[str, Any]) -> dict[str, Any]:
    row_id = str(params["compositing_job_id"])
    try:
        _finish(ctx.org_id, row_id, "running")
        report_progress("analysing footage", 10)
        zones = analyze_step(ctx.org_id, row_id)
    except Exception as exc:
        _finish(ctx.org_id, row_id, "failed", str(exc)[:500])
        raise
    _finish(ctx.org_id, row_id, "analyzed")
    report_progress("done", 100)
    return {"compositing_job_id": row_id, "zones": len(zones)}


@job_kind(COMPOSITE, description="Composite a product into stored footage.")
def kata_composite(ctx: JobContext, params: dict[str, Any]) -> dict[str, Any]:
    row_id = str(params["compositing_job_id"])
    try:
        _finish(ctx.org_id, row_id, "running")
        report_progress("compositing", 10)
        result = composite_step(ctx.org_id, row_id)
    except Exception as exc:
        _finish(ctx.org_id, row_id, "failed", str(exc)[:500])
        raise
    # A composite that fails a blocking brand-safety check is kept, but flagged for a
    # person to review before anyone publishes it (the checks are in row.quality).
    _finish(ctx.org_id, row_id, "succeeded" if result.get("brand_safe") else "needs_review")
    report_progress("done", 100)
    return {"compositing_job_id": row_id, **result}
