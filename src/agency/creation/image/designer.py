"""The layout-driven designer: product, headline, body, CTA and logo on a background.

``render_design`` renders one template (or the first of a format) into a PNG of the
exact platform size (``render_all_formats`` in ``all_formats.py`` does every format).
Everything is decoded, fitted, measured and encoded in memory: a failure raises
before any byte is returned, so callers never store a half-written asset.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from PIL import Image, ImageDraw

from agency.core import InputError
from agency.creation.image.assets import DesignAssets, prepare_assets
from agency.creation.image.backgrounds import generate_background, supplied_background
from agency.creation.image.colours import DEFAULT_PALETTE, hex_colour, palette_roles
from agency.creation.image.compose import fill_box, paste_contained, paste_logo
from agency.creation.image.models import (
    LayoutTemplate,
    RenderedImage,
    RenderReport,
    TextReport,
)
from agency.creation.image.templates import get_template
from agency.creation.image.text_layers import PlacedText, fit_button, place_button, place_text
from agency.creation.image.typography import (
    covering_font,
    fit_text,
    resolve_font,
    shaping_engine,
    truncate_to_fit,
)
from agency.providers import ImageProvider

LIMITS = {"headline": 160, "body": 500, "cta": 40}


def check_copy(headline: str, body: str | None, cta: str | None) -> None:
    if not headline or not headline.strip():
        raise InputError("The headline is empty.", field="headline", fix="write a headline")
    for field, value in (("headline", headline), ("body", body), ("cta", cta)):
        if value is not None and len(value) > LIMITS[field]:
            raise InputError(
                f"The {field} has {len(value)} characters.",
                field=field,
                fix=f"keep it under {LIMITS[field]} characters",
            )


def _report(slot: str, text: str, placed: PlacedText, box: tuple[int, int, int, int]) -> TextReport:
    f = placed.fitted
    return TextReport(
        slot=slot,
        text=text,
        lines=f.lines,
        font=Path(f.font).name,
        font_size=f.size,
        colour=hex_colour(placed.colour),
        box=box,
        ink_box=f.ink_box,
        contrast=int(placed.contrast * 100) / 100,
        scrim=placed.scrim,
    )


def _render(
    template: LayoutTemplate,
    assets: DesignAssets,
    *,
    headline: str,
    body: str | None,
    cta: str | None,
    palette: Sequence[str],
    fonts: Mapping[str, str | Path] | None,
    image_provider: ImageProvider | None,
    background_prompt: str | None,
    seed: int | None,
    keep_plate: bool,
) -> RenderedImage:
    width, height = template.size
    roles = palette_roles(palette)
    notes = list(assets.notes)
    plate = Image.new("RGBA", (width, height), (*roles.get(template.background_fill), 255))
    bg_box = template.background.pixels(width, height)
    bg_size = (bg_box[2] - bg_box[0], bg_box[3] - bg_box[1])
    provenance: dict[str, Any] | None = None
    if assets.background is not None:
        bg, bg_source = supplied_background(assets.background, bg_size), "supplied"
    else:
        bg, result = generate_background(
            size=bg_size, palette=palette, provider=image_provider, prompt=background_prompt,
            seed=seed,
        )  # fmt: skip
        bg_source, provenance = f"{result.provider}:{result.model}", result.provenance
    plate.paste(bg, bg_box[:2])
    short = min(width, height)
    for panel in template.panels:
        box = panel.box.pixels(width, height)
        colour = roles.get(panel.colour)
        fill_box(plate, box, colour, opacity=panel.opacity, radius=round(panel.radius * short))
    if template.product and assets.product is not None:
        slot = template.product
        paste_contained(
            plate, assets.product, slot.box.pixels(width, height), align=slot.align,
            valign=slot.valign, shadow=slot.shadow,
        )  # fmt: skip
    if template.logo and assets.logo is not None:
        slot = template.logo
        if paste_logo(
            plate, assets.logo, slot.box.pixels(width, height), align=slot.align,
            valign=slot.valign, light=roles.light, dark=roles.dark,
        ):  # fmt: skip
            notes.append("logo set on a chip: it did not stand out from the background")

    placed: list[tuple[str, str, PlacedText, tuple[int, int, int, int]]] = []
    for name, text in (("headline", headline), ("body", body)):
        slot_spec = template.headline if name == "headline" else template.body
        if not text:
            continue
        if slot_spec is None:
            notes.append(f"{name} not shown: template {template.id} has no {name} box")
            continue
        box = slot_spec.box.pixels(width, height)
        font, note = resolve_font(slot_spec.font, fonts)
        font, cover_note = covering_font(text, font, field=name)
        notes += [n for n in (note, cover_note) if n]
        options = {
            "font": font, "box": box, "min_size": slot_spec.min_size,
            "max_size": slot_spec.max_size, "align": slot_spec.align,
            "valign": slot_spec.valign, "line_spacing": slot_spec.line_spacing,
            "max_lines": slot_spec.max_lines,
        }  # fmt: skip
        fitted = fit_text(text, **options)  # type: ignore[arg-type]
        if fitted is None and slot_spec.optional:
            notes.append(
                f"{name} left out: it does not fit {template.id} at {slot_spec.min_size}px"
            )
            continue
        if fitted is None:
            shorter = truncate_to_fit(text, **options)
            fix = (
                f"shorten it to about {len(' '.join(shorter.lines)) - 1} characters or "
                "choose another template"
                if shorter
                else "split or shorten its longest word, or choose another template"
            )
            raise InputError(
                f"The {name} does not fit the {template.id} layout even at {slot_spec.min_size}px.",
                field=name,
                fix=fix,
            )
        placed.append((name, text, place_text(plate, fitted, slot_spec, box, roles), box))

    if cta and template.cta is not None:
        slot_b = template.cta
        box = slot_b.box.pixels(width, height)
        font, note = resolve_font(slot_b.font, fonts)
        font, cover_note = covering_font(cta, font, field="cta")
        notes += [n for n in (note, cover_note) if n]
        fitted_button = fit_button(cta, slot_b, box, font)
        if fitted_button is None:
            raise InputError(
                f"The call to action does not fit the {template.id} button.",
                field="cta",
                fix="use two or three short words, e.g. 'Shop now'",
            )
        fitted, button = fitted_button
        placed.append(("cta", cta, place_button(plate, fitted, button, slot_b, roles), box))
    elif cta:
        notes.append(f"cta not shown: template {template.id} has no button")

    canvas = plate.copy()
    draw = ImageDraw.Draw(canvas)
    for _, _, item, _ in placed:
        item.fitted.draw(draw, item.colour)
    report = RenderReport(
        template_id=template.id,
        texts=tuple(_report(n, t, p, b) for n, t, p, b in placed),
        fallbacks=tuple(dict.fromkeys(notes)),
        shaping=shaping_engine(),
        background_provider=bg_source,
        background_provenance=provenance,
        product_method=assets.product_method if template.product else None,
        product_confidence=assets.product_confidence if template.product else None,
    )
    return RenderedImage(
        png=_png(canvas),
        width=width,
        height=height,
        report=report,
        plate_png=_png(plate, 1) if keep_plate else None,
    )


def _png(image: Image.Image, level: int = 4) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="PNG", compress_level=level)
    return buffer.getvalue()


def render_design(
    template: str | LayoutTemplate,
    *,
    headline: str,
    body: str | None = None,
    cta: str | None = None,
    product_image: bytes | None = None,
    logo: bytes | None = None,
    palette: Sequence[str] | None = None,
    fonts: Mapping[str, str | Path] | Sequence[str] | None = None,
    background: bytes | None = None,
    image_provider: ImageProvider | None = None,
    background_prompt: str | None = None,
    seed: int | None = None,
    product_fallback: Literal["card", "error"] = "card",
    keep_plate: bool = False,
    assets: DesignAssets | None = None,
) -> RenderedImage:
    """Render one design: a template id (e.g. ``square-split``) or a format (``story``).

    ``palette`` is the brand's hex colours (first = primary); ``fonts`` maps the roles
    ``heading``/``body`` to font files or installed family names (a list, such as
    ``BrandProfile.fonts``, means heading first, then body). ``assets`` from
    :func:`prepare_assets` replace ``product_image``/``logo``/``background``. Without
    ``background`` the ``image_provider`` (procedural by default) paints one.
    """
    check_copy(headline, body, cta)
    chosen = template if isinstance(template, LayoutTemplate) else get_template(template)
    ready = assets or prepare_assets(
        product_image=product_image, logo=logo, background=background,
        product_fallback=product_fallback,
    )  # fmt: skip
    return _render(
        chosen, ready, headline=headline.strip(), body=(body or "").strip() or None,
        cta=(cta or "").strip() or None, palette=tuple(palette or DEFAULT_PALETTE),
        fonts=brand_fonts(fonts),
        image_provider=image_provider, background_prompt=background_prompt, seed=seed,
        keep_plate=keep_plate,
    )  # fmt: skip


def brand_fonts(
    fonts: Mapping[str, str | Path] | Sequence[str] | None,
) -> dict[str, str | Path] | None:
    """Font roles from a mapping, or from a brand's font list (heading first, then body)."""
    if fonts is None or isinstance(fonts, Mapping):
        return dict(fonts) if fonts else None
    names = [f for f in fonts if f]
    if not names:
        return None
    return {"heading": names[0], "body": names[1] if len(names) > 1 else names[0]}
