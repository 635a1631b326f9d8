"""WCAG 2.x colour contrast: relative luminance, contrast ratios and AA/AAA grades."""

from __future__ import annotations

import re

from agency.core.errors import InputError

AA_NORMAL = 4.5
AA_LARGE = 3.0
AAA_NORMAL = 7.0
AAA_LARGE = 4.5
_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")

RGB = tuple[int, int, int]


def parse_hex(color: str) -> RGB:
    """``#777``, ``777777`` or ``#777777`` as an (r, g, b) tuple of 0–255 ints."""
    match = _HEX.match(color.strip())
    if match is None:
        raise InputError(
            f"{color!r} is not a hex colour.", field="color", fix="Use #rgb or #rrggbb."
        )
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))


def to_hex(rgb: RGB) -> str:
    """An (r, g, b) tuple as lower-case ``#rrggbb``."""
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _channel(value: int) -> float:
    c = value / 255.0
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(color: str | RGB) -> float:
    """WCAG 2.x relative luminance (0 black … 1 white) of a hex string or RGB tuple."""
    r, g, b = parse_hex(color) if isinstance(color, str) else color
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(foreground: str | RGB, background: str | RGB) -> float:
    """The WCAG contrast ratio (1–21) of two colours; order does not matter."""
    a, b = relative_luminance(foreground), relative_luminance(background)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def grades(ratio: float) -> list[str]:
    """The WCAG levels a ratio passes: ``AA``, ``AA-large``, ``AAA``, ``AAA-large``."""
    passed = []
    if ratio >= AA_NORMAL:
        passed.append("AA")
    if ratio >= AA_LARGE:
        passed.append("AA-large")
    if ratio >= AAA_NORMAL:
        passed.append("AAA")
    if ratio >= AAA_LARGE:
        passed.append("AAA-large")
    return passed


def saturation(rgb: RGB) -> float:
    """HSV saturation (0 grey … 1 pure hue)."""
    high, low = max(rgb), min(rgb)
    return (high - low) / high if high else 0.0
