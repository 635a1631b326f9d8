"""Persist a BrandProfile: the brand row, its page texts and its products, all or nothing."""

from __future__ import annotations

import hashlib

from sqlalchemy import delete

from agency.db.models import Brand, BrandPage, Product
from agency.db.repository import OrgScope
from agency.intelligence.brand.profile import BrandProfile


def _cut(value: str | None, limit: int) -> str | None:
    return value[:limit] if value is not None else None


def save_brand(scope: OrgScope, profile: BrandProfile, *, brand_id: str | None = None) -> Brand:
    """Write ``profile`` in the caller's transaction and return the Brand.

    With ``brand_id`` the existing brand is refreshed (its pages and products are
    replaced); otherwise a new brand is created. Runs in a savepoint, so an error
    leaves nothing half-written even if the caller goes on with its transaction.
    """
    with scope.session.begin_nested():
        data = profile.summary()
        if brand_id is not None:
            brand = scope.get(Brand, brand_id)
            brand.name = profile.name[:200]
            brand.url = profile.url[:2048]
            brand.domain = profile.domain[:255]
            brand.profile = data
            for model in (BrandPage, Product):
                scope.session.execute(
                    delete(model).where(model.brand_id == brand.id, model.org_id == scope.org_id)
                )
        else:
            brand = scope.add(
                Brand(
                    name=profile.name[:200],
                    url=profile.url[:2048],
                    domain=profile.domain[:255],
                    profile=data,
                )
            )
        for page in profile.pages:
            scope.add(
                BrandPage(
                    brand_id=brand.id,
                    url=page.url[:2048],
                    title=page.title[:500],
                    text=page.text,
                    word_count=page.word_count,
                    content_hash=hashlib.sha256(page.text.encode("utf-8")).hexdigest(),
                )
            )
        for product in profile.products:
            scope.add(
                Product(
                    brand_id=brand.id,
                    name=product.name[:300],
                    description=product.description,
                    url=_cut(product.url, 2048),
                    price=_cut(product.price, 50),
                    data=product.model_dump(mode="json"),
                )
            )
    return brand
