"""Decoded design inputs shared by every format: product cut-out and logo.

Decoding and matting happen once per campaign, not once per format; a busy product
photo becomes a rounded card (noted in every report) unless ``product_fallback`` is
``"error"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from PIL import Image

from agency.core import InputError
from agency.creation.image.compose import rounded_card
from agency.creation.image.matting import cut_out_product
from agency.creation.image.safe_load import open_image
from agency.creation.image.svg import load_logo


@dataclass(frozen=True)
class DesignAssets:
    """Decoded inputs shared by every format: product cut-out, logo, fallback notes."""

    product: Image.Image | None
    product_method: str | None
    product_confidence: float | None
    logo: Image.Image | None
    background: bytes | None
    notes: tuple[str, ...]


def prepare_assets(
    *,
    product_image: bytes | None,
    logo: bytes | None,
    background: bytes | None = None,
    product_fallback: Literal["card", "error"] = "card",
) -> DesignAssets:
    """Decode and cut out the inputs once; busy product photos become a rounded card."""
    notes: list[str] = []
    product = method = confidence = None
    if product_image is not None:
        photo = open_image(product_image, field="product_image")
        photo.thumbnail((2400, 2400))  # designs are at most 1920 px: matte less
        try:
            cut = cut_out_product(photo)
            product, method, confidence = cut.image, cut.method, cut.confidence
        except InputError as exc:
            if product_fallback != "card":
                raise
            product, method = rounded_card(photo), "card"
            notes.append(f"product shown on a rounded card: {exc.message}")
    logo_image = load_logo(logo) if logo is not None else None
    if background is not None:
        open_image(background, field="background")  # refuse a bad file before rendering
    return DesignAssets(product, method, confidence, logo_image, background, tuple(notes))
