"""Fonts, text shaping and auto-fit: text that never overflows or clips its box.

Text is shaped by libraqm (HarfBuzz + FriBiDi) when Pillow has it, so ligatures,
Arabic joining and right-to-left runs come out right; without raqm Pillow's basic
layout is used and the report says so. Fitting is a binary search on the font size:
at each size the text is word-wrapped by shaped advance width, then every line's ink
box (``font.getbbox``) is checked against the box. A fit is only returned when all
ink lies inside the box.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from PIL import ImageDraw, ImageFont, features

from agency.core import InputError
from agency.creation.fonts import DEFAULT_FONT, REGULAR_FONT, font_for_text, missing_characters
from agency.creation.fonts.coverage import system_fonts

Box = tuple[int, int, int, int]
FontRole = Literal["heading", "body"]
ROLE_DEFAULTS: dict[str, Path] = {"heading": DEFAULT_FONT, "body": REGULAR_FONT}


def shaping_engine() -> Literal["raqm", "basic"]:
    """``raqm`` when Pillow can shape text with libraqm, else ``basic``."""
    return "raqm" if features.check("raqm") else "basic"


@lru_cache(maxsize=512)
def load_font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    """A FreeType font at ``size`` px with the best layout engine available."""
    engine = ImageFont.Layout.RAQM if shaping_engine() == "raqm" else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(path), size, layout_engine=engine)


def resolve_font(role: str, fonts: Mapping[str, str | Path] | None) -> tuple[Path, str | None]:
    """The font file for a role, and a note when the brand's font was not found.

    A brand font may be a file path or a family name looked up among installed fonts
    (``"DejaVu Serif"`` finds ``DejaVuSerif-Bold.ttf`` for headings); otherwise the
    shipped DejaVu Sans is used.
    """
    default = ROLE_DEFAULTS.get(role, REGULAR_FONT)
    wanted = (fonts or {}).get(role)
    if not wanted:
        return default, None
    path = Path(wanted)
    if path.suffix.lower() in {".ttf", ".otf", ".ttc"} and path.is_file():
        return path, None
    key = str(wanted).replace(" ", "").lower()
    matches = [f for f in system_fonts() if f.stem.replace("-", "").lower().startswith(key)]
    if matches:
        weight = "bold" if role == "heading" else "regular"

        def rank(f: Path) -> tuple[int, int]:
            stem = f.stem.lower()
            styled = any(s in stem for s in ("oblique", "italic", "condensed", "light"))
            if weight == "bold":
                return (0 if "bold" in stem else 1) + 2 * styled, len(stem)
            return ("bold" in stem) + 2 * styled, len(stem)

        return sorted(matches, key=rank)[0], None
    return default, f"font {wanted!r} for {role} not installed; used {default.name}"


def script_name(ch: str) -> str:
    """A readable script or block name for a character (``CJK``, ``THAI``, ``emoji``)."""
    if unicodedata.category(ch) == "So":
        return "symbols/emoji"
    name = unicodedata.name(ch, "")
    return name.split(" ")[0] if name else f"U+{ord(ch):04X}"


def covering_font(text: str, preferred: Path, *, field: str) -> tuple[Path, str | None]:
    """``preferred`` if it draws every character, else a fallback font, else InputError."""
    missing = missing_characters(text, preferred)
    if not missing:
        return preferred, None
    scripts = sorted({script_name(ch) for ch in missing})
    try:
        fallback = font_for_text(text, preferred=preferred, field=field)
    except InputError as exc:
        raise InputError(
            f"The {field} uses the {', '.join(scripts)} script, which no available font "
            f"can draw ({''.join(missing[:6])!r}).",
            field=field,
            fix="install a font for it (e.g. Debian fonts-noto-core or fonts-noto-cjk), "
            "pass a brand font that covers it, or rewrite the text",
        ) from exc
    return fallback, f"{field}: {', '.join(scripts)} drawn with fallback font {fallback.name}"


@dataclass(frozen=True)
class FittedText:
    """Lines of text placed in a box: where each baseline starts and the ink box."""

    lines: tuple[str, ...]
    size: int
    font: Path
    origins: tuple[tuple[int, int], ...]
    ink_box: Box

    def draw(self, draw: ImageDraw.ImageDraw, colour: tuple[int, int, int]) -> None:
        """Draw the lines on ``draw`` (left-baseline anchored)."""
        face = load_font(self.font, self.size)
        for line, origin in zip(self.lines, self.origins, strict=True):
            draw.text(origin, line, font=face, fill=colour, anchor="ls")


def is_rtl(text: str) -> bool:
    """Whether the text's first strong character is right-to-left (Arabic, Hebrew, …)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str] | None:
    """Greedy word wrap by shaped width; None if a single word is wider than ``width``."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        current = ""
        for word in paragraph.split():
            trial = f"{current} {word}" if current else word
            if face.getlength(trial) <= width:
                current = trial
                continue
            if not current or face.getlength(word) > width:
                return None
            lines.append(current)
            current = word
        lines.append(current)
    return [line for line in lines if line] or [""]


def layout_at(
    text: str,
    *,
    font: Path,
    size: int,
    box: Box,
    align: str,
    valign: str,
    line_spacing: float,
    max_lines: int,
) -> FittedText | None:
    """The text laid out at ``size`` inside ``box``, or None if any ink would leave it."""
    left, top, right, bottom = box
    if is_rtl(text):  # a right-to-left text starts at the right edge of the box
        align = {"left": "right", "right": "left"}.get(align, align)
    face = load_font(font, size)
    lines = wrap(text, face, right - left)
    if lines is None or len(lines) > max_lines:
        return None
    ascent, descent = face.getmetrics()
    step = max(round(size * line_spacing), ascent + descent // 2)
    inks = [tuple(round(v) for v in face.getbbox(line, anchor="ls")) for line in lines]
    block_top = min(-ascent, inks[0][1])
    block_bottom = (len(lines) - 1) * step + max(descent, inks[-1][3])
    height = block_bottom - block_top
    if height > bottom - top:
        return None
    spare = bottom - top - height
    offset = {"top": 0, "middle": spare // 2, "bottom": spare}.get(valign, 0)
    y0 = top + offset - block_top
    origins, boxes = [], []
    for i, ink in enumerate(inks):
        ink_w = ink[2] - ink[0]
        if ink_w > right - left:
            return None
        if align == "center":
            x = left + (right - left - ink_w) // 2 - ink[0]
        elif align == "right":
            x = right - ink[2]
        else:
            x = left - min(0, ink[0])
        y = y0 + i * step
        origins.append((x, y))
        boxes.append((x + ink[0], y + ink[1], x + ink[2], y + ink[3]))
    ink_box = (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    if ink_box[0] < left or ink_box[1] < top or ink_box[2] > right or ink_box[3] > bottom:
        return None
    return FittedText(tuple(lines), size, font, tuple(origins), ink_box)


def fit_text(
    text: str,
    *,
    font: Path,
    box: Box,
    min_size: int,
    max_size: int,
    align: str = "left",
    valign: str = "top",
    line_spacing: float = 1.15,
    max_lines: int = 6,
) -> FittedText | None:
    """The largest size in [min_size, max_size] at which ``text`` fits ``box``, or None."""
    options = {
        "font": font,
        "box": box,
        "align": align,
        "valign": valign,
        "line_spacing": line_spacing,
        "max_lines": max_lines,
    }
    best = layout_at(text, size=min_size, **options)  # type: ignore[arg-type]
    if best is None:
        return None
    lo, hi = min_size + 1, max_size
    while lo <= hi:
        mid = (lo + hi) // 2
        fitted = layout_at(text, size=mid, **options)  # type: ignore[arg-type]
        if fitted is None:
            hi = mid - 1
        else:
            best, lo = fitted, mid + 1
    return best


def truncate_to_fit(text: str, **fit_options: object) -> FittedText | None:
    """The longest word prefix of ``text`` (with an ellipsis) that fits at min size."""
    words = text.split()
    lo, hi, best = 1, len(words) - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        candidate = " ".join(words[:mid]).rstrip(",;:.-–—") + "…"
        fitted = fit_text(candidate, **fit_options)  # type: ignore[arg-type]
        if fitted is None:
            hi = mid - 1
        else:
            best, lo = fitted, mid + 1
    return best
