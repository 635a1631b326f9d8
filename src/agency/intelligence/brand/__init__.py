"""Brand onboarding: a crawled site becomes a BrandProfile, stored for later stages."""

from agency.intelligence.brand.builder import build_brand_profile
from agency.intelligence.brand.profile import (
    BrandProfile,
    ContactInfo,
    PageText,
    PaletteColor,
    ProductInfo,
)
from agency.intelligence.brand.store import save_brand

__all__ = [
    "BrandProfile",
    "ContactInfo",
    "PageText",
    "PaletteColor",
    "ProductInfo",
    "build_brand_profile",
    "save_brand",
]
