"""The image engine: layout templates as data, real typography, contrast and cut-outs.

Use::

    from agency.creation.image import render_design, render_all_formats

    design = render_design("square", headline="Cold brew, done right", body="...",
                           cta="Shop now", product_image=png_bytes, logo=svg_bytes,
                           palette=brand.palette, fonts={"heading": "DejaVu Serif"})
    design.png, design.width, design.height, design.report.texts[0].contrast

Backgrounds come from the ``image_provider`` passed in (``ProceduralImageProvider``
offline, :class:`FluxImageProvider` with ``BFL_API_KEY``) or a supplied photo.
"""

from agency.creation.image.all_formats import render_all_formats
from agency.creation.image.assets import DesignAssets, prepare_assets
from agency.creation.image.colours import contrast_ratio, luminance, palette_roles
from agency.creation.image.designer import render_design
from agency.creation.image.flux import FluxImageProvider, register_flux
from agency.creation.image.matting import Cutout, cut_out_product
from agency.creation.image.models import (
    FORMAT_SIZES,
    LayoutTemplate,
    RenderedImage,
    RenderReport,
    TextReport,
)
from agency.creation.image.safe_load import MAX_PIXELS, open_image
from agency.creation.image.svg import external_references, load_logo
from agency.creation.image.templates import (
    formats,
    get_template,
    load_templates,
    templates_for_format,
)
from agency.creation.image.typography import fit_text, shaping_engine

__all__ = [
    "FORMAT_SIZES",
    "MAX_PIXELS",
    "Cutout",
    "DesignAssets",
    "FluxImageProvider",
    "LayoutTemplate",
    "RenderReport",
    "RenderedImage",
    "TextReport",
    "contrast_ratio",
    "cut_out_product",
    "external_references",
    "fit_text",
    "formats",
    "get_template",
    "load_logo",
    "load_templates",
    "luminance",
    "open_image",
    "palette_roles",
    "prepare_assets",
    "register_flux",
    "render_all_formats",
    "render_design",
    "shaping_engine",
    "templates_for_format",
]
