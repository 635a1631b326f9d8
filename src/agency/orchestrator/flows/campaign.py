"""``campaign.create``: knowledge → research → strategy → copy → campaign folder.

Each stage is a checkpointed step whose output is JSON, so a killed worker resumes at
the first unfinished stage. The campaign row follows the job: running, then ready
(with its brief and folder) or failed.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from agency.core.errors import InputError
from agency.creation.campaign_media import (
    BrandLook,
    CreativeCopy,
    plan_creatives,
    produce_creatives,
)
from agency.creation.campaign_media.produce import short_script
from agency.creation.copy import CopyPiece, write_campaign_copy
from agency.creation.copy.from_strategy import copy_briefs_from_strategy
from agency.creation.credentials import load_or_create_signer
from agency.db import Brand, BrandPage, Campaign, Job, OrgScope, Product
from agency.intelligence.brand import BrandProfile
from agency.intelligence.identity.service import fetch_images
from agency.intelligence.knowledge import ingest_pages, search
from agency.intelligence.knowledge.selection import embedder_for
from agency.intelligence.research import ResearchReport, run_research
from agency.intelligence.voice import build_voice_profile
from agency.orchestrator.engine import current_runtime
from agency.orchestrator.execution import JobContext
from agency.orchestrator.flows.campaign_export import write_campaign_folder
from agency.orchestrator.gateway import WorkflowGateway
from agency.orchestrator.jobs import submit_job
from agency.orchestrator.kinds import job_kind, job_step
from agency.orchestrator.progress import report_progress
from agency.providers import build_text_provider, build_voice_provider
from agency.storage import Provenance, asset_path, build_blob_store, open_asset, store_asset
from agency.strategy.calendar import Slot
from agency.strategy.planning import CampaignPlan, CampaignRequest, plan_campaign

KIND = "campaign.create"


def _scope_call(org_id: str, fn: Any) -> Any:
    with current_runtime().database.session() as session:
        return fn(OrgScope(session, org_id))


def _embedder() -> Any:
    return embedder_for(current_runtime().settings)


def _profile(brand: Brand) -> BrandProfile:
    fields = BrandProfile.model_fields
    return BrandProfile.model_validate({k: v for k, v in brand.profile.items() if k in fields})


@job_step(name="campaign.knowledge")
def knowledge(org_id: str, brand_id: str) -> int:
    """Ingest the brand's crawled pages into its knowledge base (unchanged pages skipped)."""
    embedder = _embedder()
    report = _scope_call(org_id, lambda s: ingest_pages(s, brand_id, embedder=embedder))
    return sum(r.passages for r in report.ok)


@job_step(name="campaign.research", max_attempts=2)
def research(org_id: str, brand_id: str, competitors: list[str]) -> dict[str, Any]:
    """Market, competitor and audience research with citations."""
    settings = current_runtime().settings

    def on_progress(message: str, fraction: float) -> None:
        report_progress(f"research: {message}"[:200], 10 + 25 * max(0.0, min(1.0, fraction)))

    report = _scope_call(
        org_id,
        lambda s: run_research(
            s,
            brand_id,
            settings=settings,
            competitor_urls=competitors,
            embedder=_embedder(),
            on_progress=on_progress,
        ),
    )
    result: dict[str, Any] = report.model_dump(mode="json")
    return result


@job_step(name="campaign.strategy")
def strategy(
    org_id: str, brand_id: str, request: dict[str, Any], report: dict[str, Any]
) -> dict[str, Any]:
    """Brief, budget split and calendar."""
    settings = current_runtime().settings
    embedder = _embedder()

    def plan(scope: OrgScope) -> CampaignPlan:
        brand = scope.get(Brand, brand_id)
        return plan_campaign(
            CampaignRequest.model_validate(request),
            report=ResearchReport.model_validate(report),
            profile=_profile(brand),
            search=lambda q: search(scope, brand_id, q, embedder=embedder, k=4),
            provider=build_text_provider(settings),
        )

    result: dict[str, Any] = _scope_call(org_id, plan).model_dump(mode="json")
    return result


@job_step(name="campaign.copy")
def copy(
    org_id: str, brand_id: str, request: dict[str, Any], plan: dict[str, Any]
) -> list[dict[str, Any]]:
    """Copy for every calendar slot, written in the slot's territory and gate-checked."""
    settings = current_runtime().settings
    campaign_plan = CampaignPlan.model_validate(plan)
    req = CampaignRequest.model_validate(request)

    def load(scope: OrgScope) -> tuple[Brand, dict[str, str], list[str]]:
        brand = scope.get(Brand, brand_id)
        texts = {}
        for pillar in campaign_plan.brief.message_house.pillars:
            for point in pillar.proof_points:
                hits = search(scope, brand_id, point.text, embedder=_embedder(), k=1)
                if hits and hits[0].passage_id == point.passage_id:
                    texts[point.passage_id] = hits[0].text
        pages = [p.text for p in scope.list(BrandPage, BrandPage.brand_id == brand_id, limit=200)]
        return brand, texts, pages

    brand, passages, page_texts = _scope_call(org_id, load)
    profile = _profile(brand)
    briefs = copy_briefs_from_strategy(
        campaign_plan.brief,
        passages=passages,
        link=profile.url or brand.url,
        cta=req.cta,
        about=profile.description,
        voice_profile=build_voice_profile(page_texts) if page_texts else None,
    )
    provider = build_text_provider(settings)
    slots = campaign_plan.calendar.slots
    pieces: list[CopyPiece] = []
    for index, (territory, copy_brief) in enumerate(briefs.items()):
        mine: list[Slot] = [s for s in slots if s.territory == territory]
        if mine:
            pieces += write_campaign_copy(mine, copy_brief, provider=provider)
        report_progress("writing copy", 60 + 30 * (index + 1) / max(1, len(briefs)))
    return [p.model_dump(mode="json") for p in pieces]


def _creative_copy(plan: CampaignPlan, pieces: list[dict[str, Any]], cta: str) -> Any:
    """The words of each territory's creatives: its headline, a pillar line, a script."""
    brief = plan.brief
    pillar = brief.message_house.pillars[0]
    body = short_script(pillar.message, 18)
    territory_of = {slot.id: slot.territory for slot in plan.calendar.slots}

    def copy_for(territory: str) -> CreativeCopy:
        spec = next(t for t in brief.territories if t.name == territory)
        scripts = [
            " ".join(b["voiceover"] for b in piece.get("beats") or []) or piece["text"]
            for piece in pieces
            if territory_of.get(piece["slot"]) == territory and piece["format"] in {"reel", "short"}
        ]
        return CreativeCopy(
            headline=short_script(spec.headlines[0], 10),
            body=body,
            cta=cta,
            script=scripts[0] if scripts else f"{brief.proposition} {body}",
            mood=spec.tone,
        )

    return copy_for


@job_step(name="campaign.media")
def media(
    org_id: str,
    brand_id: str,
    campaign_id: str,
    request: dict[str, Any],
    plan: dict[str, Any],
    pieces: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """Images and videos for every media slot, stored as campaign assets with provenance."""
    runtime = current_runtime()
    settings = runtime.settings
    campaign_plan = CampaignPlan.model_validate(plan)
    req = CampaignRequest.model_validate(request)
    store = build_blob_store(settings)
    out_dir = settings.data_dir / "campaigns" / f"{campaign_id}.media"

    def look(scope: OrgScope) -> BrandLook:
        brand = scope.get(Brand, brand_id)
        profile = _profile(brand)
        logo = None
        if brand.profile.get("logo_asset_id"):
            logo = open_asset(scope, store, brand.profile["logo_asset_id"]).read()
        product = next((p for p in profile.products if p.name == req.product), None)
        images = (
            fetch_images([product.image_url], settings=settings)
            if product and product.image_url
            else []
        )
        return BrandLook(
            palette=profile.palette,
            fonts=profile.fonts,
            logo=logo,
            product_image=images[0][1] if images else None,
        )

    brand_look = _scope_call(org_id, look)
    creatives = plan_creatives(campaign_plan.calendar.slots)

    def on_progress(key: str, fraction: float) -> None:
        report_progress(f"media: {key}"[:200], 75 + 15 * fraction)

    items = produce_creatives(
        creatives,
        copy_for=_creative_copy(campaign_plan, pieces, req.cta),
        look=brand_look,
        out_dir=out_dir,
        voice=build_voice_provider(settings),
        on_progress=on_progress,
        credentials=load_or_create_signer(settings.data_dir),
    )

    def store_all(scope: OrgScope) -> list[dict[str, Any]]:
        stored = []
        for item in items:
            provenance = Provenance(
                provider=str(item.provenance.get("provider")),
                stage=str(item.provenance.get("stage")),
                extra={**item.provenance, "synthetic": True, "slots": item.slot_ids},
            )
            files = {}
            for path in map(Path, [item.path, *item.sidecars]):
                asset = store_asset(
                    scope,
                    store,
                    path,
                    filename=path.name,
                    provenance=provenance,
                    brand_id=brand_id,
                    campaign_id=campaign_id,
                )
                files[path.name] = asset.id
            stored.append(
                {**item.model_dump(mode="json", exclude={"path", "sidecars"}), "files": files}
            )
        return stored

    result: list[dict[str, Any]] = _scope_call(org_id, store_all)
    shutil.rmtree(out_dir, ignore_errors=True)  # the files now live in the asset store
    return result


@job_step(name="campaign.export")
def export(
    org_id: str,
    campaign_id: str,
    plan: dict[str, Any],
    report: dict[str, Any],
    pieces: list[dict[str, Any]],
    media_items: list[dict[str, Any]],
) -> dict[str, Any]:
    """Write the campaign folder and mark the campaign ready."""
    settings = current_runtime().settings
    store = build_blob_store(settings)
    folder = settings.data_dir / "campaigns" / campaign_id
    campaign_plan = CampaignPlan.model_validate(plan)

    def finish(scope: OrgScope) -> dict[str, Any]:
        campaign = scope.get(Campaign, campaign_id)
        summary = {
            "id": campaign.id,
            "brand_id": campaign.brand_id,
            "goal": campaign.goal,
            "status": "ready",
            "folder": str(folder),
            "slots": len(campaign_plan.calendar.slots),
            "copy_pieces": len(pieces),
            "images": sum(1 for m in media_items if m["kind"] == "image"),
            "videos": sum(1 for m in media_items if m["kind"] == "video"),
        }
        for item in media_items:
            item["local_files"] = {
                name: str(asset_path(scope, store, asset_id))
                for name, asset_id in item["files"].items()
            }
        files = write_campaign_folder(
            folder,
            campaign=summary,
            plan=campaign_plan,
            report=ResearchReport.model_validate(report),
            pieces=pieces,
            media=media_items,
        )
        campaign.status = "ready"
        campaign.brief = campaign_plan.brief.model_dump(mode="json")
        campaign.folder = str(folder)
        return {**summary, "files": len(files)}

    result: dict[str, Any] = _scope_call(org_id, finish)
    return result


def submit_campaign(
    scope: OrgScope,
    brand_id: str,
    request: CampaignRequest,
    *,
    gateway: WorkflowGateway | None = None,
) -> tuple[Campaign, Job]:
    """Create the campaign row for a brand's product and submit its job."""
    brand = scope.get(Brand, brand_id)
    products = scope.list(Product, Product.brand_id == brand.id, limit=1000)
    wanted = request.product.strip().lower()
    product = next((p for p in products if wanted in {p.id.lower(), p.name.lower()}), None)
    if product is None:
        raise InputError(
            f"The brand has no product {request.product!r}.",
            field="product",
            fix="Use one of: "
            + (", ".join(p.name for p in products[:20]) or "(none found; onboard the brand again)"),
        )
    request = request.model_copy(update={"product": product.name})
    campaign = scope.add(
        Campaign(
            brand_id=brand.id,
            product_id=product.id,
            goal=request.goal,
            status="queued",
            budget=request.budget,
            channels=request.channels,
            start_date=request.start.isoformat(),
            days=request.days,
        )
    )
    params = {
        "campaign_id": campaign.id,
        "brand_id": brand.id,
        "request": request.model_dump(mode="json"),
    }
    job = submit_job(scope, KIND, params, subject_id=campaign.id, gateway=gateway)
    return campaign, job


def _set_status(org_id: str, campaign_id: str, status: str) -> None:
    def update(scope: OrgScope) -> None:
        scope.get(Campaign, campaign_id).status = status

    _scope_call(org_id, update)


@job_kind(KIND, description="Research, strategy and copy for a campaign, into its folder.")
def create_campaign(ctx: JobContext, params: dict[str, Any]) -> dict[str, Any]:
    """Run the campaign pipeline for ``params['campaign_id']``."""
    campaign_id = str(params["campaign_id"])
    request = CampaignRequest.model_validate(params["request"]).model_dump(mode="json")
    brand_id = str(params["brand_id"])
    try:
        _set_status(ctx.org_id, campaign_id, "running")
        report_progress("knowledge base", 2)
        knowledge(ctx.org_id, brand_id)
        report_progress("research", 10)
        report = research(ctx.org_id, brand_id, list(request["competitors"]))
        report_progress("strategy", 40)
        plan = strategy(ctx.org_id, brand_id, request, report)
        report_progress("writing copy", 60)
        pieces = copy(ctx.org_id, brand_id, request, plan)
        report_progress("images and video", 75)
        media_items = media(ctx.org_id, brand_id, campaign_id, request, plan, pieces)
        report_progress("writing the campaign folder", 92)
        result = export(ctx.org_id, campaign_id, plan, report, pieces, media_items)
    except Exception:
        _set_status(ctx.org_id, campaign_id, "failed")
        raise
    report_progress("done", 100)
    return result
