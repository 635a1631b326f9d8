"""Visual identity: logo variants, palette roles with WCAG contrast, fonts, photo style.

``build_visual_identity(profile, crawl, *, settings)`` extends a BrandProfile with
what a designer needs: which colour is the background, text, primary and accent,
which text/background pairs pass WCAG AA/AAA, heading/body fonts with fallbacks,
and the measured look of the site's photos.
"""

from agency.intelligence.identity.contrast import (
    contrast_ratio,
    grades,
    parse_hex,
    relative_luminance,
)
from agency.intelligence.identity.image_style import image_style
from agency.intelligence.identity.models import (
    ContrastPair,
    Evidence,
    FontRole,
    ImageStyle,
    LogoVariant,
    PaletteRole,
    VisualIdentity,
)
from agency.intelligence.identity.service import build_visual_identity, fetch_images

__all__ = [
    "ContrastPair",
    "Evidence",
    "FontRole",
    "ImageStyle",
    "LogoVariant",
    "PaletteRole",
    "VisualIdentity",
    "build_visual_identity",
    "contrast_ratio",
    "fetch_images",
    "grades",
    "image_style",
    "parse_hex",
    "relative_luminance",
]
