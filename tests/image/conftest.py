"""Fixtures of the image engine tests: a studio shot and one render per format."""

from __future__ import annotations

import pytest
from image_media import LOGO_SVG, PALETTE, Shot, studio_shot


@pytest.fixture(scope="session")
def studio() -> Shot:
    return studio_shot()


@pytest.fixture(scope="session")
def all_formats(studio: Shot) -> dict:
    """One render per format (the first template that fits), with plates kept."""
    from agency.creation.image import render_all_formats

    return render_all_formats(
        headline="Cold brew, done right",
        body="Slow-steeped for 18 hours. Smooth, bold and never bitter.",
        cta="Shop now",
        product_image=studio.data,
        logo=LOGO_SVG,
        palette=PALETTE,
        keep_plate=True,
    )
