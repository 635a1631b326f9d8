"""Auto-fit and wrap never overflow; shaping, brand fonts and fallbacks are reported."""

from __future__ import annotations

import random

import numpy as np
from image_media import PALETTE
from PIL import Image, ImageDraw, features

from agency.creation.fonts import DEFAULT_FONT, REGULAR_FONT
from agency.creation.image import fit_text, render_design, shaping_engine
from agency.creation.image.typography import resolve_font

WORDS = [
    "cold",
    "brew",
    "coffee",
    "slow",
    "steeped",
    "eighteen",
    "hours",
    "smooth",
    "bold",
    "never",
    "bitter",
    "Wochenendangebot",
    "naïve",
    "façade",
    "ÆØÅ",
    "jumpy",
    "quiz",
]


def test_fit_never_leaves_the_box_on_random_copy_and_boxes() -> None:
    rng = random.Random(3)
    fitted_count = 0
    for _ in range(70):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 14)))
        w, h = rng.randint(120, 900), rng.randint(40, 500)
        left, top = rng.randint(0, 50), rng.randint(0, 50)
        box = (left, top, left + w, top + h)
        fitted = fit_text(
            text, font=rng.choice((DEFAULT_FONT, REGULAR_FONT)), box=box,
            min_size=12, max_size=120, align=rng.choice(("left", "center", "right")),
            valign=rng.choice(("top", "middle", "bottom")),
        )  # fmt: skip
        if fitted is None:
            continue
        fitted_count += 1
        # Probe the drawn pixels: nothing outside the box, ink box as reported.
        canvas = Image.new("RGB", (box[2] + 60, box[3] + 60), (0, 0, 0))
        fitted.draw(ImageDraw.Draw(canvas), (255, 255, 255))
        ink = np.asarray(canvas).max(axis=-1) > 0
        ys, xs = np.nonzero(ink)
        assert xs.min() >= box[0] and xs.max() < box[2], (text, box)
        assert ys.min() >= box[1] and ys.max() < box[3], (text, box)
        assert fitted.ink_box[0] <= xs.min() and xs.max() < fitted.ink_box[2] + 1
        assert " ".join(fitted.lines).split() == text.split()  # wrapped, nothing dropped
    assert fitted_count > 45


def test_fit_picks_the_largest_size_that_fits() -> None:
    box = (0, 0, 600, 200)
    fitted = fit_text("Cold brew", font=DEFAULT_FONT, box=box, min_size=10, max_size=400)
    assert fitted is not None
    bigger = fit_text("Cold brew", font=DEFAULT_FONT, box=box, min_size=fitted.size + 1,
                      max_size=fitted.size + 1)  # fmt: skip
    assert bigger is None


def test_shaping_engine_is_raqm_when_pillow_has_it() -> None:
    expected = "raqm" if features.check("raqm") else "basic"
    assert shaping_engine() == expected
    design = render_design("square", headline="Office ffi", palette=PALETTE)
    assert design.report.shaping == expected


def test_brand_font_by_family_name_and_missing_font_fallback() -> None:
    serif, note = resolve_font("heading", {"heading": "DejaVu Serif"})
    if serif.name.startswith("DejaVuSerif"):
        assert "Bold" in serif.name and note is None
    design = render_design(
        "square-split", headline="Fresh roast", body="Every Monday.", palette=PALETTE,
        fonts={"heading": DEFAULT_FONT, "body": "Brand Sans That Is Not Installed"},
    )  # fmt: skip
    fonts = {t.slot: t.font for t in design.report.texts}
    assert fonts["headline"] == DEFAULT_FONT.name
    assert fonts["body"] == REGULAR_FONT.name
    assert any("not installed" in note for note in design.report.fallbacks)


def test_brand_font_list_means_heading_then_body() -> None:
    design = render_design(
        "square-split", headline="Fresh roast", body="Every Monday.", palette=PALETTE,
        fonts=[str(REGULAR_FONT), str(DEFAULT_FONT)],
    )  # fmt: skip
    fonts = {t.slot: t.font for t in design.report.texts}
    assert fonts == {"headline": REGULAR_FONT.name, "body": DEFAULT_FONT.name}


def test_right_to_left_text_starts_at_the_right_edge() -> None:
    box = (0, 0, 800, 200)
    arabic = fit_text("قهوة جديدة", font=DEFAULT_FONT, box=box, min_size=20, max_size=60)
    latin = fit_text("New coffee", font=DEFAULT_FONT, box=box, min_size=20, max_size=60)
    assert arabic is not None and latin is not None
    assert arabic.ink_box[2] == 800 and arabic.ink_box[0] > 200
    assert latin.ink_box[0] == 0
