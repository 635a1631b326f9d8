"""Visual identity of the sample brand and the competitor fixtures; image style measures."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from PIL import Image

from agency.config import Settings
from agency.intelligence.identity import build_visual_identity, image_style


def _png(array: np.ndarray) -> bytes:
    out = io.BytesIO()
    Image.fromarray(array.astype(np.uint8), "RGB").save(out, format="PNG")
    return out.getvalue()


def test_palette_roles_fonts_and_logos_of_sample_brand(
    sqlite_settings: Settings, brand_site: str, crawl_profile: Callable[..., Any]
) -> None:
    crawl, profile = crawl_profile(brand_site, sqlite_settings)
    identity = build_visual_identity(profile, crawl, settings=sqlite_settings)
    roles = {r.role: r.hex for r in identity.palette}
    assert roles == {
        "background": "#f6efe4",
        "text": "#3b2418",
        "primary": "#1f3a5f",
        "accent": "#d9822b",
        "secondary": "#2f5d50",
    }
    pairs = {(p.foreground, p.background): p for p in identity.contrast}
    body = pairs[("text", "background")]
    assert body.ratio == pytest.approx(12.67, abs=0.01) and body.aaa
    accent = pairs[("accent", "background")]
    assert not accent.aa and accent.passes == []  # copper text on cream is unreadable
    assert any(e.quote == "--color-primary: #1f3a5f" for e in identity.role("primary").evidence)
    fonts = {f.role: f for f in identity.fonts}
    assert fonts["heading"].family == "Playfair Display" and fonts["heading"].stack[-1] == "serif"
    assert fonts["body"].css.startswith('"Work Sans"') and fonts["body"].stack[-1] == "sans-serif"
    kinds = {logo.kind for logo in identity.logos}
    assert {"svg", "png"} <= kinds
    style = identity.image_style
    assert style is not None and style.images == 5
    assert style.warmth > 0 and "warm" in style.descriptors


def test_competitor_photo_styles_differ(
    sqlite_settings: Settings, competitor_sites: dict[str, str], crawl_profile: Callable[..., Any]
) -> None:
    styles = {}
    for name, url in competitor_sites.items():
        crawl, profile = crawl_profile(url, sqlite_settings)
        identity = build_visual_identity(profile, crawl, settings=sqlite_settings)
        styles[name] = identity
    value = styles["valuebrew"].image_style
    premium = styles["summitreserve"].image_style
    assert value is not None and premium is not None
    assert value.busy == "busy" and value.saturation > 0.5 and "vivid" in value.descriptors
    assert premium.busy == "minimal" and premium.brightness < 0.35 and "dark" in premium.descriptors
    assert "apple-touch-icon" in {logo.kind for logo in styles["summitreserve"].logos}
    assert styles["valuebrew"].role("primary").hex == "#d62828"
    assert styles["summitreserve"].role("background").hex == "#fbfaf7"


def test_image_style_of_known_images() -> None:
    flat = np.full((64, 64, 3), 128)
    checker = np.zeros((64, 64, 3))
    checker[(np.indices((64, 64)).sum(axis=0) // 4) % 2 == 1] = 255
    style = image_style([("http://x/flat.png", _png(flat))])
    assert style is not None
    assert style.brightness == pytest.approx(128 / 255, abs=0.01)
    assert style.saturation == 0 and style.warmth == 0 and style.busy == "minimal"
    busy = image_style([("http://x/c.png", _png(checker))])
    assert busy is not None and busy.busy == "busy"
    red = image_style([("http://x/r.png", _png(np.tile([255, 0, 0], (8, 8, 1))))])
    assert red is not None and red.warmth == pytest.approx(1.0) and red.saturation == 1.0
    assert image_style([("http://x/bad.png", b"not an image")]) is None
