"""Heading and body fonts with CSS fallback stacks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from agency.intelligence.brand.fonts import GENERIC_FAMILIES, split_families
from agency.intelligence.identity.css_rules import RuleDecl, Variables
from agency.intelligence.identity.models import Evidence, FontRole

_HEADING = re.compile(r"(^|[\s,>+~])(h1|h2|h3)\b")
_BODY = {"body", "html", ":root"}
_SERIF = re.compile(
    r"serif|slab|garamond|baskerville|georgia|times|playfair|merriweather|lora|caslon|"
    r"bodoni|didot|libre|crimson|spectral|fraunces|dm serif|source serif",
    re.IGNORECASE,
)
_SHORTHAND = re.compile(
    r"(?:^|\s)[\d.]+(?:px|pt|em|rem|%|vw|vh|ex|ch)?(?:\s*/\s*[\d.]+[a-z%]*)?\s+(.+)$", re.I
)
_MONO = re.compile(r"mono|code|courier|consolas", re.IGNORECASE)
_FALLBACKS = {
    "serif": ["Georgia", "Times New Roman", "serif"],
    "sans-serif": ["Helvetica Neue", "Arial", "sans-serif"],
    "monospace": ["Menlo", "Consolas", "monospace"],
}


def generic_family(stack: Sequence[str]) -> str:
    """The stack's generic family, or one guessed from the first family's name."""
    for name in stack:
        if name.lower() in ("serif", "sans-serif", "monospace"):
            return name.lower()
    first = stack[0] if stack else ""
    if _MONO.search(first):
        return "monospace"
    if _SERIF.search(first) and "sans" not in first.lower():
        return "serif"
    return "sans-serif"


def with_fallbacks(stack: Sequence[str]) -> list[str]:
    """The declared stack completed with common fallbacks and a generic family last."""
    generic = generic_family(stack)
    out = [s for s in stack if s.lower() != generic]
    for name in _FALLBACKS[generic]:
        if name.lower() not in {s.lower() for s in out} and name != generic:
            out.append(name)
    return [*out, generic]


def css_value(stack: Sequence[str]) -> str:
    """A ``font-family`` value: names with spaces quoted, generic families bare."""
    return ", ".join(
        s if s.lower() in GENERIC_FAMILIES or " " not in s else f'"{s}"' for s in stack
    )


def _declared(decls: Sequence[RuleDecl], variables: Variables, heading: bool) -> FontRole | None:
    for decl in decls:
        if decl.name not in ("font-family", "font"):
            continue
        selectors = decl.selectors()
        matched = (
            any(_HEADING.search(s) for s in selectors) if heading else bool(_BODY & set(selectors))
        )
        if not matched:
            continue
        value, chain = variables.resolve(decl)
        if decl.name == "font" and not chain:
            match = _SHORTHAND.search(value)
            value = match.group(1) if match else ""
        stack = split_families(value)
        if not stack or stack[0].lower() in GENERIC_FAMILIES:
            continue
        full = with_fallbacks(stack)
        evidence = [Evidence(url=decl.sheet_url, quote=decl.quote)]
        evidence += [Evidence(url=c.sheet_url, quote=c.quote) for c in chain]
        return FontRole(
            role="heading" if heading else "body",
            family=stack[0],
            stack=full,
            css=css_value(full),
            evidence=evidence,
        )
    return None


def font_roles(decls: Sequence[RuleDecl], *, brand_fonts: Sequence[str]) -> list[FontRole]:
    """Heading and body fonts from the CSS; the profile's fonts fill in what the CSS lacks."""
    variables = Variables(decls)
    heading = _declared(decls, variables, heading=True)
    body = _declared(decls, variables, heading=False)
    roles = []
    fonts = list(brand_fonts)
    slots: tuple[tuple[Literal["heading", "body"], FontRole | None, int], ...] = (
        ("heading", heading, 0),
        ("body", body, 1),
    )
    for role, found, index in slots:
        if found is not None:
            roles.append(found)
        elif fonts:
            family = fonts[min(index, len(fonts) - 1)]
            full = with_fallbacks([family])
            roles.append(FontRole(role=role, family=family, stack=full, css=css_value(full)))
    return roles
