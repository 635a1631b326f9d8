"""Every platform format from one set of copy and assets."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Literal

from agency.core import InputError
from agency.creation.image.assets import prepare_assets
from agency.creation.image.designer import brand_fonts, check_copy, render_design
from agency.creation.image.models import FORMAT_SIZES, RenderedImage
from agency.creation.image.templates import get_template, templates_for_format
from agency.creation.image.typography import covering_font, resolve_font
from agency.providers import ImageProvider


def render_all_formats(
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
    formats: Iterable[str] | None = None,
    templates: Mapping[str, str] | None = None,
    product_fallback: Literal["card", "error"] = "card",
    keep_plate: bool = False,
) -> dict[str, RenderedImage]:
    """One design per format (all six by default), sharing one product cut-out.

    ``templates`` picks a template id per format; otherwise each format's templates are
    tried in order and the first the copy fits is used.
    """
    check_copy(headline, body, cta)
    roles = brand_fonts(fonts)
    for field, text, role in (("headline", headline, "heading"), ("body", body, "body"),
                              ("cta", cta, "heading")):  # fmt: skip
        if text:  # an undrawable script fails once, not once per template
            covering_font(text, resolve_font(role, roles)[0], field=field)
    assets = prepare_assets(
        product_image=product_image, logo=logo, background=background,
        product_fallback=product_fallback,
    )  # fmt: skip
    results: dict[str, RenderedImage] = {}
    for name in formats or FORMAT_SIZES:
        chosen = (templates or {}).get(name)
        candidates = [get_template(chosen)] if chosen else templates_for_format(name)
        first_error: InputError | None = None
        for candidate in candidates:
            try:
                results[name] = render_design(
                    candidate, headline=headline, body=body, cta=cta, palette=palette,
                    fonts=roles, image_provider=image_provider,
                    background_prompt=background_prompt, seed=seed, keep_plate=keep_plate,
                    assets=assets,
                )  # fmt: skip
                break
            except InputError as exc:
                if exc.field not in ("headline", "body", "cta"):
                    raise
                first_error = first_error or exc
        else:
            assert first_error is not None
            raise first_error
    return results
