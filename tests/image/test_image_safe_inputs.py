"""Bad inputs: bombs, corrupt files, hostile SVGs and undrawable scripts get clear errors."""

from __future__ import annotations

import base64
import io
import struct
import zlib

import numpy as np
import pytest
from image_media import PALETTE, png_bytes
from PIL import Image

from agency.core import InputError
from agency.creation.fonts.coverage import font_for_text
from agency.creation.image import (
    external_references,
    get_template,
    load_logo,
    open_image,
    render_design,
)
from agency.creation.image.models import Box, TextSlot


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(width: int = 40_000, height: int = 40_000) -> bytes:
    """A valid PNG header claiming 40000×40000 pixels with a tiny compressed body."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = zlib.compress(b"\x00" * (width * 3 + 1) * 4)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", body)
        + _chunk(b"IEND", b"")
    )


def test_decompression_bomb_is_refused_before_decoding() -> None:
    with pytest.raises(InputError) as info:
        open_image(bomb_png(), field="product_image")
    assert info.value.field == "product_image"
    assert "bomb" in info.value.message and "1600000000 pixels" in info.value.message


def test_bomb_as_product_image_fails_the_render() -> None:
    with pytest.raises(InputError):
        render_design("square", headline="Hello", product_image=bomb_png(), palette=PALETTE)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not an image at all",
        png_bytes(Image.new("RGB", (300, 300), (200, 10, 10)))[:400],  # truncated
        png_bytes(Image.new("RGB", (64, 64), (5, 5, 5)), "JPEG")[:-300],  # truncated JPEG
    ],
    ids=["empty", "garbage", "truncated-png", "truncated-jpeg"],
)
def test_corrupt_or_truncated_images_are_refused(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        open_image(data, field="logo")
    assert info.value.field == "logo" and info.value.fix


@pytest.mark.parametrize(
    "svg",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        b'<image xlink:href="file:///etc/passwd" width="10" height="10"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.com/a.png"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(http://x/y#p)"'
        b' width="5" height="5"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(http://x/s.css);</style></svg>',
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    ],
    ids=["xlink-file", "href-http", "css-url", "css-import", "entity", "script"],
)
def test_svg_with_external_references_is_refused(svg: bytes) -> None:
    assert external_references(svg)
    with pytest.raises(InputError) as info:
        load_logo(svg)
    assert info.value.field == "logo"
    with pytest.raises(InputError):
        render_design("square", headline="Hello", logo=svg, palette=PALETTE)


def test_self_contained_svg_logo_is_rasterised_with_embedded_images() -> None:
    dot = base64.b64encode(png_bytes(Image.new("RGB", (4, 4), (0, 0, 255)))).decode()
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="100" height="50"><defs><linearGradient id="g"><stop offset="0" '
        'stop-color="#ff0000"/></linearGradient></defs>'
        '<rect width="50" height="50" fill="url(#g)"/>'
        f'<image x="50" width="50" height="50" xlink:href="data:image/png;base64,{dot}"/></svg>'
    ).encode()
    assert external_references(svg) == []
    logo = np.asarray(load_logo(svg, width_hint=200))
    assert logo.shape == (100, 200, 4)
    assert tuple(logo[50, 40]) == (255, 0, 0, 255)
    assert logo[50, 160, 2] > 200 and logo[50, 160, 0] < 50  # the embedded blue image


def test_text_in_a_script_no_font_can_draw_is_refused_naming_the_script() -> None:
    text = "新品上市"
    try:
        font_for_text(text, field="headline")
        pytest.skip("a system font covers CJK on this machine")
    except InputError:
        pass
    with pytest.raises(InputError) as info:
        render_design("square", headline=text, palette=PALETTE)
    assert info.value.field == "headline"
    assert "CJK" in info.value.message
    assert "fonts-noto-cjk" in (info.value.fix or "")


def test_greek_cyrillic_and_arabic_headlines_render_with_the_shipped_font() -> None:
    for text in ("Νέος καφές", "Новый кофе", "قهوة جديدة"):
        design = render_design("square-split", headline=text, palette=PALETTE)
        assert design.report.texts[0].font.startswith("DejaVuSans")
        assert not design.report.fallbacks


def test_empty_and_overlong_copy_are_refused() -> None:
    with pytest.raises(InputError) as info:
        render_design("square", headline="   ")
    assert info.value.field == "headline"
    with pytest.raises(InputError) as info:
        render_design("square", headline="x" * 500)
    assert info.value.field == "headline"


def test_headline_that_cannot_fit_names_the_field_and_the_fix() -> None:
    with pytest.raises(InputError) as info:
        render_design(
            "banner-band",
            headline="www.supercalifragilisticexpialidociouscoldbrewcompany.example",
            palette=PALETTE,
        )
    assert info.value.field == "headline" and "longest word" in (info.value.fix or "")
    small = TextSlot(
        box=Box(x=0.04, y=0.1, w=0.3, h=0.15), font="heading", min_size=40, max_size=60
    )
    template = get_template("banner-band").model_copy(update={"headline": small})
    with pytest.raises(InputError) as info:
        render_design(template, headline="Smooth, bold and never bitter coffee", palette=PALETTE)
    assert info.value.field == "headline" and "characters" in (info.value.fix or "")


def test_unknown_template_and_bad_palette_are_input_errors() -> None:
    with pytest.raises(InputError) as info:
        render_design("hexagon", headline="Hi")
    assert info.value.field == "template"
    with pytest.raises(InputError) as info:
        render_design("square", headline="Hi", palette=["#12"])
    assert info.value.field == "palette"


def test_corrupt_background_fails_before_anything_is_rendered() -> None:
    with pytest.raises(InputError) as info:
        render_design("square", headline="Hi", background=b"\x89PNG\r\n\x1a\nbroken")
    assert info.value.field == "background"


def test_supplied_background_photo_is_used() -> None:
    photo = png_bytes(Image.new("RGB", (400, 300), (10, 160, 90)))
    design = render_design("link-center", headline="Hi", background=photo, palette=PALETTE)
    pixels = np.asarray(Image.open(io.BytesIO(design.png)).convert("RGB"))
    assert design.report.background_provider == "supplied"
    assert tuple(pixels[600, 1150]) == (10, 160, 90)


@pytest.mark.parametrize(
    "svg",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="100000"><rect/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100000 1"><rect/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5"/></svg>',
    ],
    ids=["tall", "wide", "no-size"],
)
def test_svg_with_extreme_or_missing_size_is_refused(svg: bytes) -> None:
    with pytest.raises(InputError) as info:
        load_logo(svg)
    assert info.value.field == "logo"


def test_logo_that_would_vanish_is_set_on_a_chip() -> None:
    white = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><rect '
        b'width="200" height="60" fill="#ffffff"/></svg>'
    )
    background = png_bytes(Image.new("RGB", (400, 400), (250, 250, 250)))
    design = render_design(
        "square-centered", headline="Hi", logo=white, background=background, palette=PALETTE
    )
    assert any("chip" in note for note in design.report.fallbacks)
    pixels = np.asarray(Image.open(io.BytesIO(design.png)).convert("RGB")).astype(int)
    x0, y0, x1, y1 = (round(v * 1080) for v in (0.40, 0.04, 0.60, 0.12))
    logo_area = pixels[y0:y1, x0:x1]
    assert logo_area.min() < 100  # a dark chip frames the white logo
    red = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><rect '
        b'width="200" height="60" fill="#c00000"/></svg>'
    )
    plain = render_design(
        "square-centered", headline="Hi", logo=red, background=background, palette=PALETTE
    )
    assert not any("chip" in note for note in plain.report.fallbacks)
