"""``brand.onboard``: crawl a brand's site, build its profile, store it.

Three checkpointed steps. The save step records the new brand's id on the job row in
the same transaction as the brand, so a save that is re-run after a crash refreshes
that brand instead of creating a second one.
"""

from __future__ import annotations

from typing import Any

from agency.db import Brand, Job, OrgScope
from agency.intelligence import onboarding
from agency.orchestrator.engine import current_runtime
from agency.orchestrator.execution import JobContext
from agency.orchestrator.kinds import job_kind, job_step
from agency.orchestrator.progress import report_progress
from agency.storage import build_blob_store

KIND = "brand.onboard"


@job_step(name="brand.crawl", max_attempts=3)
def crawl(url: str) -> dict[str, Any]:
    """Fetch the site (own crawler, or Firecrawl with a key)."""
    settings = current_runtime().settings

    def on_progress(message: str, fraction: float) -> None:
        report_progress(f"crawling {message}"[:200], 5 + 70 * max(0.0, min(1.0, fraction)))

    return onboarding.crawl_step(url, settings=settings, on_progress=on_progress)


@job_step(name="brand.profile")
def build_profile(crawl_result: dict[str, Any]) -> dict[str, Any]:
    """Extract name, tagline, products, palette, fonts, links from the crawl."""
    return onboarding.profile_step(crawl_result)


@job_step(name="brand.save")
def save(org_id: str, job_id: str, profile: dict[str, Any], logo: dict[str, Any] | None) -> str:
    """Store brand, pages, products and logo in one transaction; idempotent per job."""
    runtime = current_runtime()
    store = build_blob_store(runtime.settings)
    with runtime.database.session() as session:
        scope = OrgScope(session, org_id)
        job = scope.get(Job, job_id)
        existing = None
        if job.subject_id and session.get(Brand, job.subject_id) is not None:
            existing = job.subject_id
        brand_id = onboarding.save_step(scope, profile, brand_id=existing)
        onboarding.store_logo_step(scope, store, brand_id, logo)
        job.subject_id = brand_id
        return brand_id


@job_kind(KIND, description="Crawl a brand's website and store its BrandProfile.")
def onboard(ctx: JobContext, params: dict[str, Any]) -> dict[str, Any]:
    """Onboard the brand at ``params['url']``."""
    url = str(params.get("url", ""))
    onboarding.validate_brand_url(url, settings=ctx.settings)
    report_progress("crawling", 5)
    crawl_result = crawl(url)
    report_progress("analysing the site", 80)
    profile = build_profile(crawl_result)
    report_progress("saving the brand", 92)
    brand_id = save(ctx.org_id, ctx.job_id, profile, crawl_result.get("logo"))
    report_progress("done", 100)
    return {
        "brand_id": brand_id,
        "name": profile.get("name"),
        "pages_crawled": profile.get("pages_crawled"),
        "skipped": len(profile.get("skipped", [])),
    }
