"""Text on the plate: colour choice, scrims and buttons measured on the actual pixels.

Each text is laid out first (its ink box is known), then its colour is chosen by the
WCAG contrast against the pixels behind that ink box on the composited plate. Brand
colours are preferred, then black or white; if nothing reaches the target a scrim
(a translucent rounded panel) is added behind the text, made more opaque until the
target is met. The measured ratio goes into the report.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from agency.creation.image.colours import (
    BLACK,
    RGB,
    WHITE,
    PaletteRoles,
    contrast_against,
    contrast_ratio,
    levels,
    luminance,
    region_contrast,
)
from agency.creation.image.compose import fill_box
from agency.creation.image.models import ButtonSlot, TextSlot
from agency.creation.image.typography import Box, FittedText, layout_at

MIN_CONTRAST = 4.5


@dataclass(frozen=True)
class PlacedText:
    """A fitted text with its colour and the contrast measured behind it."""

    fitted: FittedText
    colour: RGB
    contrast: float
    scrim: bool


def _region(plate: Image.Image, box: Box) -> np.ndarray:
    return np.asarray(plate.crop(box).convert("RGB"))


def surround(fitted: FittedText, slot_box: Box) -> Box:
    """The ink box grown by a margin (a quarter of the font size), clipped to the slot."""
    margin = max(2, fitted.size // 4)
    x0, y0, x1, y1 = fitted.ink_box
    return (
        max(slot_box[0], x0 - margin),
        max(slot_box[1], y0 - margin),
        min(slot_box[2], x1 + margin),
        min(slot_box[3], y1 + margin),
    )


def best_colour(
    pixels: np.ndarray, roles: PaletteRoles, preferred: RGB | None
) -> tuple[RGB, float]:
    """The text colour with the best contrast, preferring the template's and brand colours."""
    behind = levels(pixels)
    if preferred is not None:
        ratio = contrast_against(preferred, behind)
        if ratio >= MIN_CONTRAST:
            return preferred, ratio
    brand = [(contrast_against(c, behind), c) for c in roles.text_candidates()]
    readable = [s for s in brand if s[0] >= MIN_CONTRAST]
    neutral = [(contrast_against(c, behind), c) for c in (BLACK, WHITE)]
    ratio, colour = max(readable) if readable else max(brand + neutral)
    return colour, ratio


def place_text(
    plate: Image.Image,
    fitted: FittedText,
    slot: TextSlot,
    slot_box: Box,
    roles: PaletteRoles,
) -> PlacedText:
    """Choose the colour of ``fitted`` on ``plate``, adding a scrim to ``plate`` if needed."""
    region = surround(fitted, slot_box)
    preferred = None if slot.colour == "auto" else roles.get(slot.colour)
    colour, ratio = best_colour(_region(plate, region), roles, preferred)
    if ratio >= MIN_CONTRAST:
        return PlacedText(fitted, colour, ratio, scrim=False)
    pixels = _region(plate, region)
    dark_behind = float(np.median(luminance(pixels.reshape(-1, 3)))) < 0.3
    text, scrim = (roles.light, roles.dark) if dark_behind else (roles.dark, roles.light)
    if contrast_ratio(float(luminance(text)), float(luminance(scrim))) < MIN_CONTRAST:
        text, scrim = ((255, 255, 255), (0, 0, 0)) if dark_behind else ((0, 0, 0), (255, 255, 255))
    radius = max(2, fitted.size // 5)
    for opacity in (0.35, 0.5, 0.65, 0.8, 0.9, 1.0):
        trial = plate.crop(region)
        fill_box(trial, (0, 0, *trial.size), scrim, opacity=opacity, radius=radius)
        ratio = region_contrast(text, np.asarray(trial.convert("RGB")))
        if ratio >= MIN_CONTRAST or opacity == 1.0:
            fill_box(plate, region, scrim, opacity=opacity, radius=radius)
            break
    ratio = region_contrast(text, _region(plate, region))
    return PlacedText(fitted, text, ratio, scrim=True)


def fit_button(
    text: str, slot: ButtonSlot, box: Box, font: object
) -> tuple[FittedText, Box] | None:
    """The largest CTA text that fits ``box`` with its button padding, and the button."""
    best: tuple[FittedText, Box] | None = None
    lo, hi = slot.min_size, slot.max_size
    while lo <= hi:
        size = (lo + hi) // 2
        pad_y = round(slot.padding * size)
        pad_x = round(pad_y * 1.6)
        inner = (box[0] + pad_x, box[1] + pad_y, box[2] - pad_x, box[3] - pad_y)
        fitted = None
        if inner[2] > inner[0] and inner[3] > inner[1]:
            fitted = layout_at(
                text,
                font=font,  # type: ignore[arg-type]
                size=size,
                box=inner,
                align=slot.align,
                valign="middle",
                line_spacing=slot.line_spacing,
                max_lines=min(slot.max_lines, 2),
            )
        if fitted is None:
            hi = size - 1
            continue
        x0, y0, x1, y1 = fitted.ink_box
        button = (x0 - pad_x, y0 - pad_y, x1 + pad_x, y1 + pad_y)
        best, lo = (fitted, button), size + 1
    return best


def button_fill(behind: np.ndarray, roles: PaletteRoles, preferred: RGB) -> RGB:
    """The template's fill, or the first brand colour that stands out from ``behind``.

    A button must read as a button: its fill needs a luminance contrast of at least
    1.5 or a clear colour difference from the median pixel behind it.
    """
    median = np.median(behind.reshape(-1, 3), axis=0)
    behind_lum = float(luminance(median))

    def stands_out(colour: RGB) -> bool:
        distance = float(np.linalg.norm(np.asarray(colour, float) - median))
        return contrast_ratio(float(luminance(colour)), behind_lum) >= 1.5 or distance >= 120

    for colour in (preferred, roles.accent, roles.secondary, *roles.colours, roles.dark):
        if stands_out(colour):
            return colour
    return roles.light if behind_lum < 0.4 else roles.dark


def place_button(
    plate: Image.Image, fitted: FittedText, button: Box, slot: ButtonSlot, roles: PaletteRoles
) -> PlacedText:
    """Paint the CTA button on ``plate`` and choose its text colour on the button pixels."""
    height = button[3] - button[1]
    pad_x = fitted.ink_box[0] - button[0]  # corners never reach into the text
    radius = min(round(slot.radius * height), pad_x)
    fill = button_fill(_region(plate, button), roles, roles.get(slot.fill))
    fill_box(plate, button, fill, radius=max(0, radius))
    preferred = None if slot.colour == "auto" else roles.get(slot.colour)
    colour, ratio = best_colour(_region(plate, fitted.ink_box), roles, preferred)
    return PlacedText(fitted, colour, ratio, scrim=False)
