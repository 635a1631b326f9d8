"""Compositing a product into frames: decal warp, harmonisation, optics matching."""

from .decal import Product, WarpedDecal, blend, load_product, warp_decal
from .harmonize import Harmonization, illuminant_match, reinhard_lab
from .matching import OpticsMatch, add_noise, apply_blur, measure_optics
from .renderer import DecalCompositor

__all__ = [
    "DecalCompositor",
    "Harmonization",
    "OpticsMatch",
    "Product",
    "WarpedDecal",
    "add_noise",
    "apply_blur",
    "blend",
    "illuminant_match",
    "load_product",
    "measure_optics",
    "reinhard_lab",
    "warp_decal",
]
