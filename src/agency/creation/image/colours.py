"""Brand palette roles and WCAG 2 contrast measured on real pixels.

Contrast follows WCAG 2.x: relative luminance from linearised sRGB, ratio
``(L1 + 0.05) / (L2 + 0.05)``. Text is measured against the pixels actually behind
it: the 5th and 95th luminance percentiles of that region, so a busy photo or a
gradient counts by its worst part, not its mean.
"""

from __future__ import annotations

import colorsys
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import ImageColor

from agency.core import InputError

RGB = tuple[int, int, int]
BLACK: RGB = (0, 0, 0)
WHITE: RGB = (255, 255, 255)
DEFAULT_PALETTE = ("#1f2a44", "#3d5a80", "#98c1d9", "#e0fbfc", "#ee6c4d")


def parse_colour(value: str, *, field: str = "palette") -> RGB:
    """``#rrggbb``, ``rgb(...)`` or a CSS name as an RGB tuple."""
    try:
        rgb = ImageColor.getrgb(value.strip())
    except (ValueError, AttributeError) as exc:
        raise InputError(
            f"Unknown colour {value!r}.", field=field, fix="use hex colours such as #1f2a44"
        ) from exc
    return (int(rgb[0]), int(rgb[1]), int(rgb[2]))


def hex_colour(rgb: Sequence[int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb[:3])


_WEIGHTS = np.array([0.2126, 0.7152, 0.0722])
_LEVELS = np.arange(256) / 255.0
_LINEAR = np.where(_LEVELS <= 0.04045, _LEVELS / 12.92, ((_LEVELS + 0.055) / 1.055) ** 2.4)


def luminance(rgb: np.ndarray | Sequence[float]) -> np.ndarray:
    """WCAG relative luminance of sRGB values 0..255 (last axis = channels)."""
    values = np.asarray(rgb)[..., :3]
    if values.dtype.kind in "iu":  # 8-bit pixels: a table lookup
        lin = _LINEAR[np.clip(values, 0, 255)]
    else:
        c = values.astype(np.float64) / 255.0
        lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    result: np.ndarray = lin @ _WEIGHTS
    return result


def contrast_ratio(a: float, b: float) -> float:
    """WCAG contrast ratio between two relative luminances (1..21)."""
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


def levels(pixels: np.ndarray) -> tuple[float, float]:
    """The 5th and 95th luminance percentiles of an RGB pixel array."""
    lum = luminance(pixels.reshape(-1, pixels.shape[-1]))
    low, high = np.percentile(lum, [5, 95])
    return float(low), float(high)


def contrast_against(colour: RGB, behind: tuple[float, float]) -> float:
    """Worst contrast of ``colour`` against background luminance levels (low, high)."""
    text = float(luminance(colour))
    return min(contrast_ratio(text, behind[0]), contrast_ratio(text, behind[1]))


def region_contrast(colour: RGB, pixels: np.ndarray) -> float:
    """Worst contrast of ``colour`` against the 5th/95th luminance percentile of pixels."""
    return contrast_against(colour, levels(pixels))


@dataclass(frozen=True)
class PaletteRoles:
    """The brand palette sorted into the roles templates ask for."""

    primary: RGB
    secondary: RGB
    accent: RGB
    light: RGB
    dark: RGB
    colours: tuple[RGB, ...]

    def get(self, role: str) -> RGB:
        return getattr(self, role)  # type: ignore[no-any-return]

    def text_candidates(self) -> list[RGB]:
        """Brand text colours to try: dark, light, then the palette in order."""
        out: list[RGB] = []
        for colour in (self.dark, self.light, *self.colours):
            if colour not in out:
                out.append(colour)
        return out


def palette_roles(palette: Sequence[str] | None) -> PaletteRoles:
    """Roles from a brand palette (hex strings; the first colour is the primary).

    ``light`` and ``dark`` are the palette's lightest and darkest colours, pushed
    toward white and black when the palette has no near-white or near-black, so text
    in a brand colour is possible on most backgrounds.
    """
    colours = tuple(parse_colour(c) for c in (palette or DEFAULT_PALETTE))
    if not colours:
        colours = tuple(parse_colour(c) for c in DEFAULT_PALETTE)
    lums = [float(luminance(c)) for c in colours]
    light = colours[int(np.argmax(lums))]
    dark = colours[int(np.argmin(lums))]
    if max(lums) < 0.8:
        light = _mix(light, WHITE, 0.85)
    if min(lums) > 0.03:
        dark = _mix(dark, BLACK, 0.8)

    def vibrancy(c: RGB) -> float:
        _, sat, value = colorsys.rgb_to_hsv(*(v / 255 for v in c))
        return sat * value

    accent = max(colours, key=vibrancy)
    primary = colours[0]
    secondary = colours[1] if len(colours) > 1 else _mix(primary, WHITE, 0.5)
    return PaletteRoles(primary, secondary, accent, light, dark, colours)


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )
