"""The colour palette: CSS custom properties, colours weighted by use, and logo pixels."""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PIL import Image, UnidentifiedImageError
from tinycss2 import ast
from tinycss2.color3 import RGBA, parse_color

from agency.intelligence.brand.css import Declaration, iter_tokens, var_name, var_usage
from agency.intelligence.brand.profile import ColorSource, PaletteColor

MAX_PALETTE = 8
MERGE_DISTANCE = 30.0
MIN_LOGO_SHARE = 0.04
GREY_SATURATION = 0.12
GREY_FACTOR = 0.5
_PROPERTY_WEIGHT = {
    "background": 1.5,
    "background-color": 1.5,
    "color": 1.0,
    "fill": 1.0,
    "stroke": 0.8,
    "border-color": 0.6,
    "box-shadow": 0.2,
    "text-shadow": 0.2,
}
_COLOR_FUNCTIONS = {"rgb", "rgba", "hsl", "hsla"}
_SVG_COLOR = re.compile(
    r"""(?:fill|stroke|stop-color|color)\s*[=:]\s*["']?\s*(#[0-9a-fA-F]{3,8}|rgba?\([^)]*\))"""
)


@dataclass
class _Entry:
    rgb: tuple[int, int, int]
    weight: float = 0.0
    sources: list[ColorSource] = field(default_factory=list)
    names: list[str] = field(default_factory=list)

    @property
    def hex(self) -> str:
        return "#{:02x}{:02x}{:02x}".format(*self.rgb)


def _to_rgb(color: RGBA) -> tuple[int, int, int] | None:
    if color.alpha < 0.5:
        return None
    return (round(color.red * 255), round(color.green * 255), round(color.blue * 255))


def is_neutral_extreme(rgb: tuple[int, int, int]) -> bool:
    """Near-white and near-black are page defaults, not brand colours."""
    return min(rgb) >= 240 or max(rgb) <= 20


def _hue_factor(rgb: tuple[int, int, int]) -> float:
    high, low = max(rgb), min(rgb)
    saturation = (high - low) / high if high else 0.0
    return GREY_FACTOR if saturation < GREY_SATURATION else 1.0


def _token_color(token: Any) -> tuple[int, int, int] | None:
    if isinstance(token, ast.IdentToken) and token.lower_value in ("currentcolor", "inherit"):
        return None
    try:
        parsed = parse_color(token)
    except (TypeError, ValueError, AttributeError):
        return None
    return _to_rgb(parsed) if isinstance(parsed, RGBA) else None


class PaletteBuilder:
    """Accumulates weighted colours, merging near-duplicates (the first hex seen wins)."""

    def __init__(self) -> None:
        self.entries: list[_Entry] = []

    def add(
        self, rgb: tuple[int, int, int], weight: float, source: ColorSource, name: str | None = None
    ) -> None:
        if is_neutral_extreme(rgb):
            return
        for entry in self.entries:
            if sum((a - b) ** 2 for a, b in zip(entry.rgb, rgb, strict=True)) ** 0.5 < (
                MERGE_DISTANCE
            ):
                break
        else:
            entry = _Entry(rgb=rgb)
            self.entries.append(entry)
        entry.weight += weight
        if source not in entry.sources:
            entry.sources.append(source)
        if name and name not in entry.names:
            entry.names.append(name)

    def add_css(self, declarations: Sequence[Declaration]) -> None:
        """Custom-property colours (weighted by their ``var()`` uses), then literal colours."""
        uses = var_usage(declarations)
        for decl in declarations:
            if decl.name.startswith("--"):
                tokens = [t for t in decl.value if not isinstance(t, ast.WhitespaceToken)]
                rgb = _token_color(tokens[0]) if len(tokens) == 1 else None
                if rgb is not None:
                    self.add(rgb, 2.0 + uses[decl.name], "css-variable", decl.name)
        for decl in declarations:
            if decl.name.startswith("--") or decl.at_rule == "font-face":
                continue
            factor = _PROPERTY_WEIGHT.get(decl.name, 0.5)
            for token in iter_tokens(decl.value):
                if var_name(token):
                    continue
                if isinstance(token, ast.FunctionBlock) and token.lower_name not in (
                    _COLOR_FUNCTIONS
                ):
                    continue
                rgb = _token_color(token)
                if rgb is not None:
                    self.add(rgb, factor, "css-frequency")

    def add_logo(self, data: bytes, content_type: str) -> None:
        """Dominant colours of the logo (SVG fill/stroke values, or quantized pixels)."""
        for rgb, share in logo_colors(data, content_type):
            self.add(rgb, 6.0 * share, "logo-pixels")

    def result(self, limit: int = MAX_PALETTE) -> list[PaletteColor]:
        """The strongest colours; greys count half, as brands are told apart by hue."""
        ranked = sorted(self.entries, key=lambda e: -e.weight * _hue_factor(e.rgb))[:limit]
        return [
            PaletteColor(hex=e.hex, weight=round(e.weight, 3), sources=e.sources, names=e.names)
            for e in ranked
        ]


def logo_colors(data: bytes, content_type: str) -> list[tuple[tuple[int, int, int], float]]:
    """(colour, share) pairs for a logo, most dominant first; unreadable images give []."""
    head = data[:512].lstrip()
    if "svg" in content_type or head.startswith((b"<?xml", b"<svg")):
        return _svg_colors(data.decode("utf-8", errors="replace"))
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            rgba = img.convert("RGBA")
    except (UnidentifiedImageError, OSError, ValueError):
        return []
    scale = 128 / max(rgba.size)
    if scale < 1:
        size = (max(1, round(rgba.width * scale)), max(1, round(rgba.height * scale)))
        rgba = rgba.resize(size, Image.Resampling.NEAREST)
    flatten = getattr(rgba, "get_flattened_data", None) or rgba.getdata
    pixels: list[tuple[int, int, int, int]] = list(flatten())
    opaque = [px[:3] for px in pixels if px[3] >= 128]
    if not opaque:
        return []
    total = float(len(opaque))
    exact = Counter(opaque).most_common(8)
    flat = [(rgb, n / total) for rgb, n in exact if n / total >= MIN_LOGO_SHARE]
    if sum(share for _, share in flat) >= 0.6:
        return flat
    strip = Image.new("RGB", (len(opaque), 1))
    strip.putdata(opaque)
    quantized = strip.quantize(colors=8, method=Image.Quantize.MEDIANCUT)
    palette: list[int] = list(quantized.getpalette() or [])
    out = []
    colors: list[tuple[int, int]] = list(quantized.getcolors() or [])  # type: ignore[arg-type]
    for count, index in sorted(colors, reverse=True):
        if count / total >= MIN_LOGO_SHARE:
            rgb = (palette[index * 3], palette[index * 3 + 1], palette[index * 3 + 2])
            out.append((rgb, count / total))
    return out


def _svg_colors(text: str) -> list[tuple[tuple[int, int, int], float]]:
    import tinycss2

    counts: Counter[tuple[int, int, int]] = Counter()
    for raw in _SVG_COLOR.findall(text):
        tokens = [t for t in tinycss2.parse_component_value_list(raw) if t.type != "whitespace"]
        rgb = _token_color(tokens[0]) if tokens else None
        if rgb is not None:
            counts[rgb] += 1
    total = float(sum(counts.values())) or 1.0
    return [(rgb, n / total) for rgb, n in counts.most_common()]


def build_palette(
    declarations: Sequence[Declaration], *, logo: tuple[bytes, str] | None = None
) -> list[PaletteColor]:
    """The brand palette, most important first."""
    builder = PaletteBuilder()
    builder.add_css(declarations)
    if logo is not None:
        builder.add_logo(*logo)
    return builder.result()
