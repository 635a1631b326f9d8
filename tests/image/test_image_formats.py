"""Every format renders at its exact size; texts stay in their boxes and read at ≥ 4.5:1.

All checks probe the decoded PNG: its size, the pixels that differ from the text-less
plate (they must lie inside the text boxes), and the WCAG contrast between each
text's colour and the output pixels around its glyphs.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from image_media import LOGO_SVG, PALETTE, studio_shot
from PIL import Image

from agency.creation.image import (
    FORMAT_SIZES,
    RenderedImage,
    load_templates,
    prepare_assets,
    render_design,
    templates_for_format,
)
from agency.creation.image.colours import contrast_ratio, luminance, parse_colour

REQUIRED = {
    "square": (1080, 1080),
    "portrait": (1080, 1350),
    "story": (1080, 1920),
    "link": (1200, 628),
    "landscape": (1280, 720),
    "banner": (1584, 396),
}


def decode(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(np.int16)


def assert_text_inside_boxes(design: RenderedImage) -> None:
    """Ink boxes inside slot boxes, and every changed pixel inside some ink box."""
    out, plate = decode(design.png), decode(design.plate_png or b"")
    changed = np.any(out != plate, axis=-1)
    allowed = np.zeros_like(changed)
    for text in design.report.texts:
        x0, y0, x1, y1 = text.ink_box
        bx0, by0, bx1, by1 = text.box
        assert bx0 <= x0 and by0 <= y0 and x1 <= bx1 and y1 <= by1, (text.slot, text)
        allowed[max(0, y0 - 1) : y1 + 1, max(0, x0 - 1) : x1 + 1] = True
    assert changed.any(), "no text was drawn"
    assert not (changed & ~allowed).any(), "text pixels outside the text boxes"


def measured_contrast(design: RenderedImage, slot: str) -> float:
    """WCAG ratio of the text colour against the untouched output pixels round its ink."""
    out, plate = decode(design.png), decode(design.plate_png or b"")
    text = next(t for t in design.report.texts if t.slot == slot)
    margin = max(2, text.font_size // 4)
    x0, y0, x1, y1 = text.ink_box
    bx0, by0, bx1, by1 = text.box
    region = (slice(max(by0, y0 - margin), min(by1, y1 + margin)),
              slice(max(bx0, x0 - margin), min(bx1, x1 + margin)))  # fmt: skip
    behind = np.all(out[region] == plate[region], axis=-1)
    pixels = out[region][behind]
    colour = parse_colour(text.colour)
    assert np.all(out[region] == colour, axis=-1).sum() > 20, f"{slot} colour not drawn"
    lum = luminance(pixels)
    low, high = np.percentile(lum, [5, 95])
    t = float(luminance(colour))
    return min(contrast_ratio(t, float(low)), contrast_ratio(t, float(high)))


def test_every_required_format_renders_at_its_exact_size(all_formats: dict) -> None:
    assert set(all_formats) == set(REQUIRED)
    for name, design in all_formats.items():
        image = Image.open(io.BytesIO(design.png))
        assert image.format == "PNG"
        assert image.size == REQUIRED[name] == (design.width, design.height)
        image.load()  # decodes completely: not truncated


def test_texts_stay_inside_their_boxes(all_formats: dict) -> None:
    for design in all_formats.values():
        assert_text_inside_boxes(design)


def test_contrast_on_output_pixels_is_at_least_4_5(all_formats: dict) -> None:
    for name, design in all_formats.items():
        for text in design.report.texts:
            ratio = measured_contrast(design, text.slot)
            assert ratio >= 4.5, (name, text.slot, ratio)
            assert text.contrast >= 4.5
            assert abs(ratio - text.contrast) < 0.6, (name, text.slot, ratio, text.contrast)


def test_report_lists_headline_cta_and_product_method(all_formats: dict) -> None:
    for design in all_formats.values():
        slots = {t.slot for t in design.report.texts}
        assert {"headline", "cta"} <= slots
        assert design.report.shaping in ("raqm", "basic")
        assert design.report.product_method == "matting:grabcut"
        assert design.report.background_provider.startswith("procedural")


def test_several_templates_per_format_with_boxes_inside_the_canvas() -> None:
    for name, size in REQUIRED.items():
        templates = templates_for_format(name)
        assert len(templates) >= 3
        for template in templates:
            assert FORMAT_SIZES[template.format] == size
            boxes = [s.box.pixels(*size) for s in (template.headline, template.body,
                                                   template.cta) if s is not None]  # fmt: skip
            for i, a in enumerate(boxes):
                assert 0 <= a[0] < a[2] <= size[0] and 0 <= a[1] < a[3] <= size[1]
                for b in boxes[i + 1 :]:
                    overlap = min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(
                        a[1], b[1]
                    )
                    assert not overlap, (template.id, a, b)


def test_longer_headline_is_set_smaller() -> None:
    assets = prepare_assets(product_image=None, logo=None)
    short = render_design("square-split", headline="Cold brew", palette=PALETTE, assets=assets)
    long = render_design(
        "square-split",
        headline="Cold brew that is slow-steeped for eighteen hours, smooth and never bitter",
        palette=PALETTE,
        assets=assets,
    )
    assert long.report.texts[0].font_size < short.report.texts[0].font_size
    assert len(long.report.texts[0].lines) > 1


def test_body_that_cannot_fit_is_left_out_and_reported() -> None:
    design = render_design(
        "banner-left-text",
        headline="Cold brew",
        body=" ".join(["Slow-steeped, smooth and bold."] * 12),
        cta="Shop now",
        palette=PALETTE,
        keep_plate=True,
    )
    assert "body" not in {t.slot for t in design.report.texts}
    assert any("body left out" in note for note in design.report.fallbacks)
    assert_text_inside_boxes(design)


@pytest.mark.slow
def test_every_template_renders_exactly_with_contained_readable_text() -> None:

    assets = prepare_assets(product_image=studio_shot().data, logo=LOGO_SVG)
    for template in load_templates().values():
        design = render_design(
            template.id,
            headline="Fresh roast, every morning",
            body="Small-batch beans, roasted on Monday and at your door by Wednesday.",
            cta="Get yours",
            palette=["#1d3557", "#e63946", "#f1faee", "#a8dadc", "#457b9d"],
            assets=assets,
            keep_plate=True,
        )
        assert Image.open(io.BytesIO(design.png)).size == template.size, template.id
        assert_text_inside_boxes(design)
        for text in design.report.texts:
            assert measured_contrast(design, text.slot) >= 4.5, (template.id, text.slot)


def test_all_formats_takes_chosen_templates_and_a_subset_of_formats() -> None:
    from agency.creation.image import render_all_formats

    designs = render_all_formats(
        headline="Cold brew", cta="Shop now", palette=PALETTE, formats=["square", "banner"],
        templates={"square": "square-split"},
    )  # fmt: skip
    assert list(designs) == ["square", "banner"]
    assert designs["square"].report.template_id == "square-split"
    assert designs["banner"].report.template_id == "banner-right-text"
    assert Image.open(io.BytesIO(designs["banner"].png)).size == (1584, 396)
