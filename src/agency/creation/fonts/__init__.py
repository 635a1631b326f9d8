"""Fonts shipped with V3 and the choice of a font that can draw a text."""

from .coverage import DEFAULT_FONT, REGULAR_FONT, font_for_text, missing_characters

__all__ = ["DEFAULT_FONT", "REGULAR_FONT", "font_for_text", "missing_characters"]
