"""Assign palette roles (primary, secondary, accent, background, text) and grade contrast."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tinycss2 import parse_component_value_list
from tinycss2.color3 import RGBA, parse_color

from agency.intelligence.brand.profile import PaletteColor
from agency.intelligence.identity.contrast import (
    RGB,
    contrast_ratio,
    grades,
    parse_hex,
    relative_luminance,
    saturation,
    to_hex,
)
from agency.intelligence.identity.css_rules import RuleDecl, Variables
from agency.intelligence.identity.models import ContrastPair, Evidence, PaletteRole, RoleName

_ROOT_SELECTORS = {"body", "html", ":root", "html body"}
_NAME_HINTS: dict[RoleName, tuple[str, ...]] = {
    "primary": ("primary", "brand", "main"),
    "secondary": ("secondary",),
    "accent": ("accent", "highlight", "cta", "action"),
    "background": ("background", "bg", "surface", "paper"),
    "text": ("text", "ink", "body-color", "foreground"),
}
_PAIRS: tuple[tuple[RoleName, RoleName], ...] = (
    ("text", "background"),
    ("primary", "background"),
    ("secondary", "background"),
    ("accent", "background"),
    ("background", "primary"),
    ("background", "accent"),
    ("text", "accent"),
)


@dataclass
class _Candidate:
    hex: str
    weight: float = 0.0
    names: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


def css_color(value: str) -> RGB | None:
    """The first opaque colour in a CSS value, or None."""
    for token in parse_component_value_list(value):
        try:
            parsed = parse_color(token)
        except (TypeError, ValueError, AttributeError):
            continue
        if isinstance(parsed, RGBA) and parsed.alpha >= 0.5:
            return (round(parsed.red * 255), round(parsed.green * 255), round(parsed.blue * 255))
    return None


def _evidence(decl: RuleDecl, chain: Sequence[RuleDecl]) -> list[Evidence]:
    out = [Evidence(url=decl.sheet_url, quote=decl.quote)]
    out += [Evidence(url=c.sheet_url, quote=c.quote) for c in chain]
    return out


def _root_color(
    decls: Sequence[RuleDecl], names: tuple[str, ...], variables: Variables
) -> _Candidate | None:
    for decl in decls:
        if decl.name in names and _ROOT_SELECTORS & set(decl.selectors()):
            value, chain = variables.resolve(decl)
            rgb = css_color(value)
            if rgb is not None:
                return _Candidate(
                    hex=to_hex(rgb), names=[c.name for c in chain], evidence=_evidence(decl, chain)
                )
    return None


def _role(role: RoleName, cand: _Candidate, reason: str) -> PaletteRole:
    rgb = parse_hex(cand.hex)
    return PaletteRole(
        role=role,
        hex=cand.hex,
        luminance=round(relative_luminance(rgb), 4),
        saturation=round(saturation(rgb), 4),
        reason=reason,
        evidence=cand.evidence[:3],
    )


def _candidates(palette: Sequence[PaletteColor], variables: Variables) -> list[_Candidate]:
    out = []
    for color in palette:
        evidence = [
            Evidence(url=variables.by_name[n].sheet_url, quote=variables.by_name[n].quote)
            for n in color.names
            if n in variables.by_name
        ]
        out.append(
            _Candidate(hex=color.hex, weight=color.weight, names=color.names, evidence=evidence)
        )
    return out


def _named(cands: Sequence[_Candidate], role: RoleName, taken: set[str]) -> _Candidate | None:
    for cand in cands:
        if cand.hex in taken:
            continue
        if any(h in name.lower() for name in cand.names for h in _NAME_HINTS[role]):
            return cand
    return None


def assign_roles(palette: Sequence[PaletteColor], decls: Sequence[RuleDecl]) -> list[PaletteRole]:
    """Palette roles: background and text from the root rules, the rest by name, weight, hue."""
    variables = Variables(decls)
    roles: list[PaletteRole] = []
    background = _root_color(decls, ("background-color", "background"), variables)
    if background is not None:
        roles.append(_role("background", background, "page background (body/html rule)"))
    else:
        roles.append(_role("background", _Candidate(hex="#ffffff"), "browser default background"))
    text = _root_color(decls, ("color",), variables)
    if text is not None:
        roles.append(_role("text", text, "body text colour (body/html rule)"))
    else:
        roles.append(_role("text", _Candidate(hex="#000000"), "browser default text colour"))
    taken = {roles[0].hex, roles[1].hex}
    cands = _candidates(palette, variables)
    chromatic = [c for c in cands if saturation(parse_hex(c.hex)) >= 0.2]
    for role in ("primary", "accent", "secondary"):
        named = _named(cands, role, taken)
        if named is not None:
            roles.append(_role(role, named, f"named {', '.join(named.names)} in the CSS"))
            taken.add(named.hex)
            continue
        rest = [c for c in (chromatic or cands) if c.hex not in taken]
        if not rest:
            continue
        if role == "accent":
            pick = max(rest, key=lambda c: saturation(parse_hex(c.hex)))
            reason = "the most saturated remaining palette colour"
        else:
            pick = max(rest, key=lambda c: c.weight)
            reason = "the most used remaining palette colour"
        roles.append(_role(role, pick, reason))
        taken.add(pick.hex)
    return roles


def contrast_pairs(roles: Sequence[PaletteRole]) -> list[ContrastPair]:
    """WCAG ratios for the usual foreground-on-background pairs among the assigned roles."""
    by_role = {r.role: r for r in roles}
    pairs = []
    for fg, bg in _PAIRS:
        if fg in by_role and bg in by_role and by_role[fg].hex != by_role[bg].hex:
            ratio = contrast_ratio(by_role[fg].hex, by_role[bg].hex)
            pairs.append(
                ContrastPair(
                    foreground=fg,
                    background=bg,
                    foreground_hex=by_role[fg].hex,
                    background_hex=by_role[bg].hex,
                    ratio=round(ratio, 2),
                    passes=grades(ratio),
                )
            )
    return pairs
