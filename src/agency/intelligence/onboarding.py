"""Brand onboarding as three steps a workflow can run and resume: crawl, profile, save.

Each step takes and returns JSON-serialisable values so a durable workflow can
record its output; ``save`` writes the brand, its pages and products in one
transaction, so a failure leaves no half-written brand.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from agency.config import Settings
from agency.core.errors import InputError
from agency.db import Brand, BrandPage, OrgScope, Product
from agency.intelligence.brand import BrandProfile, build_brand_profile, save_brand
from agency.intelligence.crawl import CrawlResult, crawl_brand_site, normalize_start_url
from agency.intelligence.crawl.models import LogoImage
from agency.storage import BlobStore, Provenance, store_asset

ProgressFn = Callable[[str, float], None]


def validate_brand_url(url: str, *, settings: Settings) -> str:
    """A normalised http(s) URL, or an InputError that says what to fix.

    Only the form is checked here; the crawler vets the address itself (and every
    redirect) against the URL-safety policy when it connects.
    """
    return normalize_start_url(url)


def crawl_step(
    url: str, *, settings: Settings, on_progress: ProgressFn | None = None
) -> dict[str, Any]:
    """Crawl the site; the result is JSON for the workflow log."""
    result = crawl_brand_site(url, settings=settings, on_progress=on_progress)
    return result.model_dump(mode="json")


def profile_step(crawl: dict[str, Any]) -> dict[str, Any]:
    """Build the BrandProfile from a crawl."""
    profile = build_brand_profile(CrawlResult.model_validate(crawl))
    return profile.model_dump(mode="json")


def save_step(scope: OrgScope, profile: dict[str, Any], *, brand_id: str | None = None) -> str:
    """Store the brand (profile, pages, products) in the caller's transaction; its id.

    With ``brand_id`` that brand is refreshed instead of a new one created.
    """
    brand = save_brand(scope, BrandProfile.model_validate(profile), brand_id=brand_id)
    return brand.id


def store_logo_step(
    scope: OrgScope, store: BlobStore, brand_id: str, logo: dict[str, Any] | None
) -> str | None:
    """Keep the crawled logo as an asset of the brand; its id, or None.

    A logo that is not a readable image is left out and noted in the profile's
    ``skipped`` list instead of failing the onboarding.
    """
    if not logo or not logo.get("data_b64"):
        return None
    image = LogoImage.model_validate(logo)
    brand = scope.get(Brand, brand_id)
    profile = dict(brand.profile)
    try:
        asset = store_asset(
            scope,
            store,
            image.data,
            filename=image.url.rsplit("/", 1)[-1][:200],
            provenance=Provenance(
                provider="crawler", stage="brand.onboard", extra={"source_url": image.url}
            ),
            brand_id=brand_id,
        )
    except InputError as exc:
        skipped = [*profile.get("skipped", []), {"url": image.url, "reason": f"logo: {exc}"}]
        brand.profile = {**profile, "skipped": skipped}
        return None
    brand.profile = {**profile, "logo_asset_id": asset.id}
    return asset.id


def brand_detail(scope: OrgScope, brand_id: str) -> dict[str, Any]:
    """A brand with its profile, products and page count, as plain data."""
    brand = scope.get(Brand, brand_id)
    products = scope.list(Product, Product.brand_id == brand.id, order_by=Product.name, limit=1000)
    pages = scope.list(BrandPage, BrandPage.brand_id == brand.id, limit=10_000)
    return {
        "id": brand.id,
        "name": brand.name,
        "url": brand.url,
        "domain": brand.domain,
        "created_at": brand.created_at,
        "profile": brand.profile,
        "products": [
            {
                "id": p.id,
                "name": p.name,
                "description": p.description,
                "url": p.url,
                "price": p.price,
            }
            for p in products
        ],
        "pages": len(pages),
    }


def write_brand_folder(detail: dict[str, Any], folder: Path) -> list[Path]:
    """Write the brand profile as JSON and Markdown into ``folder``; the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    profile = detail["profile"]
    json_path = folder / "brand_profile.json"
    json_path.write_text(json.dumps({"id": detail["id"], **profile}, indent=2, default=str))
    md_path = folder / "brand_profile.md"
    md_path.write_text(profile_markdown(detail))
    return [json_path, md_path]


def profile_markdown(detail: dict[str, Any]) -> str:
    """A readable one-page summary of the brand profile."""
    p = detail["profile"]
    lines = [f"# {p.get('name', detail['name'])}", ""]
    if p.get("tagline"):
        lines += [f"*{p['tagline']}*", ""]
    if p.get("description"):
        lines += [p["description"], ""]
    lines += ["## Products", ""]
    for product in p.get("products", []):
        price = f" — {product['price']}" if product.get("price") else ""
        lines.append(f"- **{product['name']}**{price}: {product.get('description') or ''}".rstrip())
    lines += ["", "## Visual identity", ""]
    lines.append("Palette: " + ", ".join(f"`{c}`" for c in p.get("palette", [])))
    lines.append("")
    lines.append("Fonts: " + ", ".join(p.get("fonts", [])))
    lines.append("")
    lines.append(f"Logo: {p.get('logo') or 'not found'}")
    lines += ["", "## Links", ""]
    for name, link in p.get("social_links", {}).items():
        lines.append(f"- {name}: {link}")
    lines += ["", "## Crawl", "", f"Pages crawled: {p.get('pages_crawled', 0)}", ""]
    for item in p.get("skipped", []):
        lines.append(f"- skipped {item.get('url')}: {item.get('reason')}")
    return "\n".join(lines) + "\n"
