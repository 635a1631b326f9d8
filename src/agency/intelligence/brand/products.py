"""Products and services: JSON-LD Product/Service, Open Graph product tags, product pages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from agency.intelligence.brand.document import PageDoc, first_text, item_types
from agency.intelligence.brand.profile import ProductInfo

MAX_PRODUCTS = 50
_PRICE = re.compile(r"(?:[$€£¥]\s?\d[\d,]*(?:\.\d{2})?|\d[\d,]*(?:\.\d{2})?\s?(?:USD|EUR|GBP))")
_PRODUCT_PATH = re.compile(r"/(products?|shop|store|menu|services?|items?)/[^/]+", re.IGNORECASE)


def _offer_price(offers: Any) -> tuple[str | None, str | None]:
    if isinstance(offers, list):
        offers = offers[0] if offers else None
    if not isinstance(offers, dict):
        return None, None
    price = offers.get("price", offers.get("lowPrice"))
    if isinstance(price, dict):
        price = price.get("price")
    spec = offers.get("priceSpecification")
    if price is None and isinstance(spec, dict):
        price = spec.get("price")
    currency = offers.get("priceCurrency") or (spec or {}).get("priceCurrency")
    return (str(price) if price is not None else None), (str(currency) if currency else None)


def _from_jsonld(doc: PageDoc) -> list[ProductInfo]:
    found: list[ProductInfo] = []
    for item in doc.items_of_type(
        "Product", "Service", "ProductGroup", "IndividualProduct", "SoftwareApplication", "Offer"
    ):
        if "Offer" in item_types(item):
            offered = item.get("itemOffered")
            if not isinstance(offered, dict):
                continue
            item = offered
        name = first_text(item.get("name"))
        if not name:
            continue
        price, currency = _offer_price(item.get("offers"))
        found.append(
            ProductInfo(
                name=name,
                description=first_text(item.get("description")) or "",
                url=doc.absolute(first_text(item.get("url"))) or doc.url,
                price=price,
                currency=currency,
                image_url=doc.absolute(first_text(item.get("image"))),
            )
        )
    return found


def _from_open_graph(doc: PageDoc) -> ProductInfo | None:
    if doc.og.get("og:type", "").lower() not in ("product", "og:product", "product.item"):
        return None
    name = doc.og.get("og:title") or (doc.h1[0] if doc.h1 else None)
    if not name:
        return None
    return ProductInfo(
        name=name,
        description=doc.og.get("og:description", ""),
        url=doc.absolute(doc.og.get("og:url")) or doc.url,
        price=doc.og.get("product:price:amount") or doc.og.get("og:price:amount"),
        currency=doc.og.get("product:price:currency") or doc.og.get("og:price:currency"),
        image_url=doc.absolute(doc.og.get("og:image")),
    )


def _from_product_page(doc: PageDoc, text: str) -> ProductInfo | None:
    if not _PRODUCT_PATH.search(urlsplit(doc.url).path) or not doc.h1:
        return None
    price = _PRICE.search(text)
    return ProductInfo(
        name=doc.h1[0],
        description=doc.meta.get("description") or doc.og.get("og:description") or "",
        url=doc.url,
        price=price.group(0).strip() if price else None,
        image_url=doc.absolute(doc.og.get("og:image")),
    )


def extract_products(docs: Sequence[PageDoc], texts: Sequence[str]) -> list[ProductInfo]:
    """Products found across pages, deduplicated by name (entries with a price win)."""
    by_name: dict[str, ProductInfo] = {}
    for doc, text in zip(docs, texts, strict=True):
        structured = _from_jsonld(doc)
        og = _from_open_graph(doc)
        candidates = structured or ([og] if og else [])
        if not candidates:
            page_product = _from_product_page(doc, text)
            candidates = [page_product] if page_product else []
        for product in candidates:
            key = product.name.casefold()
            current = by_name.get(key)
            if current is None or (current.price is None and product.price is not None):
                by_name[key] = product
            if len(by_name) >= MAX_PRODUCTS:
                return list(by_name.values())
    return list(by_name.values())
