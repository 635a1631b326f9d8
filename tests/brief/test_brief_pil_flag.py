"""Rendering a PDF must not switch PIL into accepting truncated images process-wide."""

from __future__ import annotations

from brief_samples import sample_inputs  # type: ignore[import-not-found]
from PIL import ImageFile

from agency.providers import TemplateTextProvider
from agency.strategy.brief import brief_to_pdf, generate_brief


def test_pdf_rendering_leaves_truncated_image_loading_off() -> None:
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    brief = generate_brief(sample_inputs(), provider=TemplateTextProvider())
    assert brief_to_pdf(brief).startswith(b"%PDF")
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
