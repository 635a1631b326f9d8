"""Brand fonts from CSS ``font-family``/``font``, ``@font-face`` and Google Fonts links."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from urllib.parse import parse_qs, urlsplit

from agency.intelligence.brand.css import Declaration, iter_tokens, var_name

MAX_FONTS = 6
GENERIC_FAMILIES = {
    "serif",
    "sans-serif",
    "monospace",
    "cursive",
    "fantasy",
    "system-ui",
    "ui-serif",
    "ui-sans-serif",
    "ui-monospace",
    "ui-rounded",
    "emoji",
    "math",
    "fangsong",
    "inherit",
    "initial",
    "unset",
    "revert",
    "revert-layer",
    "-apple-system",
    "blinkmacsystemfont",
    "apple color emoji",
    "segoe ui emoji",
    "segoe ui symbol",
    "noto color emoji",
    "none",
}
_ICON_FONT = re.compile(r"icon|awesome|glyph|symbols|fontello|ionicons", re.IGNORECASE)
_FONT_SHORTHAND = re.compile(
    r"(?:^|\s)[\d.]+(?:px|pt|em|rem|%|vw|vh|ex|ch)?(?:\s*/\s*[\d.]+[a-z%]*)?\s+(.+)$", re.I
)
_GOOGLE_FONTS = re.compile(r"https?://fonts\.googleapis\.com/css2?\?[^\s\"')]+", re.IGNORECASE)


def split_families(value: str) -> list[str]:
    """``"Work Sans", Arial, sans-serif`` → ['Work Sans', 'Arial', 'sans-serif']."""
    families = []
    for part in value.split(","):
        name = " ".join(part.strip().strip("'\"").split())
        if name and not name.startswith("var("):
            families.append(name)
    return families


def _is_brand_family(name: str) -> bool:
    return name.lower() not in GENERIC_FAMILIES and not _ICON_FONT.search(name)


def google_fonts_families(urls: Iterable[str]) -> list[str]:
    """Families requested by Google Fonts URLs (css and css2 APIs)."""
    found: list[str] = []
    for url in urls:
        query = parse_qs(urlsplit(url.replace("&amp;", "&")).query)
        for spec in query.get("family", []):
            for family in spec.split("|"):
                name = family.split(":", 1)[0].replace("+", " ").strip()
                if name:
                    found.append(name)
    return list(dict.fromkeys(found))


def google_fonts_urls(texts: Iterable[str]) -> list[str]:
    """Google Fonts stylesheet URLs mentioned in HTML or CSS text."""
    return [m.group(0) for text in texts for m in _GOOGLE_FONTS.finditer(text)]


def _stack_text(decl: Declaration, variables: dict[str, str]) -> str:
    text = decl.text
    for token in iter_tokens(decl.value):
        name = var_name(token)
        if name and name in variables:
            return variables[name]
    if decl.name == "font":
        match = _FONT_SHORTHAND.search(text)
        return match.group(1) if match else ""
    return text


def extract_fonts(
    declarations: Sequence[Declaration], *, html_texts: Iterable[str] = ()
) -> list[str]:
    """Brand font families, most used first; web fonts (Google, @font-face) get a head start."""
    variables = {d.name: d.text for d in declarations if d.name.startswith("--")}
    score: Counter[str] = Counter()
    for decl in declarations:
        if decl.at_rule == "font-face" and decl.name == "font-family":
            for name in split_families(decl.text):
                if _is_brand_family(name):
                    score[name] += 5
        elif decl.at_rule is None and decl.name in ("font-family", "font"):
            stack = [f for f in split_families(_stack_text(decl, variables)) if _is_brand_family(f)]
            if stack:
                score[stack[0]] += 1
    css_texts = [d.text for d in declarations if d.name == "src"]
    for name in google_fonts_families(google_fonts_urls([*html_texts, *css_texts])):
        if _is_brand_family(name):
            score[name] += 5
    canonical: dict[str, str] = {}
    merged: Counter[str] = Counter()
    for name, value in score.items():
        key = name.casefold()
        canonical.setdefault(key, name)
        merged[canonical[key]] += value
    return [name for name, _ in merged.most_common(MAX_FONTS)]
