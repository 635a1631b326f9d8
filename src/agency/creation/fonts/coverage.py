"""Pick a font that can draw a given text.

V3 ships DejaVu Sans (Bitstream Vera licence, see LICENSE-DejaVu.txt), which covers
Latin, Greek, Cyrillic, Armenian, Georgian, Hebrew and Arabic basics. For other
scripts the documented fallback is any system font that covers every character
(e.g. Debian's fonts-noto-core / fonts-noto-cjk); if none does, the text is refused
with an :class:`InputError` rather than rendered as empty boxes.
"""

from __future__ import annotations

import subprocess
import unicodedata
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont, TTLibError

from agency.core.errors import InputError

FONT_DIR = Path(__file__).parent
DEFAULT_FONT = FONT_DIR / "DejaVuSans-Bold.ttf"
REGULAR_FONT = FONT_DIR / "DejaVuSans.ttf"


@lru_cache(maxsize=64)
def font_codepoints(path: Path) -> frozenset[int]:
    """Every code point the font at ``path`` maps to a glyph."""
    try:
        if path.suffix.lower() in {".ttc", ".otc"}:
            fonts = TTCollection(str(path), lazy=True).fonts[:1]
        else:
            fonts = [TTFont(str(path), lazy=True, fontNumber=0)]
    except (TTLibError, OSError) as exc:
        raise InputError(
            f"{path.name} is not a readable font.", field="font", fix="Use a TTF or OTF font."
        ) from exc
    cmap = fonts[0]["cmap"].getBestCmap() or {}
    return frozenset(cmap)


def missing_characters(text: str, font: Path) -> list[str]:
    """Characters of ``text`` that ``font`` cannot draw (spaces and controls ignored)."""
    covered = font_codepoints(Path(font))
    return sorted(
        {
            ch
            for ch in text
            if not ch.isspace() and unicodedata.category(ch)[0] != "C" and ord(ch) not in covered
        }
    )


@lru_cache(maxsize=1)
def system_fonts() -> tuple[Path, ...]:
    """Font files fontconfig knows about (empty when fc-list is unavailable)."""
    try:
        out = subprocess.run(
            ["fc-list", "--format", "%{file}\n"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return ()
    files = {Path(line) for line in out.splitlines() if line.strip()}
    usable = [f for f in files if f.suffix.lower() in {".ttf", ".otf", ".ttc", ".otc"}]
    return tuple(sorted(usable))


def font_for_text(text: str, *, preferred: Path | None = None, field: str = "text") -> Path:
    """The preferred (or shipped) font if it covers ``text``, else a system font that does."""
    first = Path(preferred) if preferred else DEFAULT_FONT
    missing = missing_characters(text, first)
    if not missing:
        return first
    for candidate in system_fonts():
        try:
            if not missing_characters(text, candidate):
                return candidate
        except InputError:
            continue
    sample = "".join(missing[:8])
    raise InputError(
        f"No installed font can draw {sample!r} in {field}.",
        field=field,
        fix="Install a font for this script (e.g. Debian fonts-noto-core or fonts-noto-cjk) "
        "or pass a font file that covers it.",
    )
