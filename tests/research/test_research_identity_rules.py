"""Palette roles and font roles from small stylesheets of known answer."""

from __future__ import annotations

from agency.intelligence.brand.profile import PaletteColor
from agency.intelligence.crawl.models import Stylesheet
from agency.intelligence.identity.css_rules import rule_declarations
from agency.intelligence.identity.roles import assign_roles, contrast_pairs
from agency.intelligence.identity.typography import font_roles, with_fallbacks

CSS = """
:root { --ink: #111111; }
html { background-color: #fafafa; color: var(--ink); }
@media (min-width: 40em) { h1, h2 { font-family: 'Merriweather', serif; } }
body { font: 16px/1.5 Inter, system-ui; }
.btn { background: #ff5a00; }
"""


def _palette(*colors: tuple[str, float]) -> list[PaletteColor]:
    return [PaletteColor(hex=h, weight=w, sources=["css-frequency"]) for h, w in colors]


def test_roles_by_root_rules_weight_and_saturation() -> None:
    decls = rule_declarations([Stylesheet(url="https://x.example/a.css", text=CSS)])
    roles = assign_roles(_palette(("#1d4ed8", 9.0), ("#ff5a00", 2.0), ("#64748b", 5.0)), decls)
    by_role = {r.role: r for r in roles}
    assert by_role["background"].hex == "#fafafa"
    assert by_role["text"].hex == "#111111"
    assert [e.quote for e in by_role["text"].evidence] == ["color: var(--ink)", "--ink: #111111"]
    assert by_role["primary"].hex == "#1d4ed8"  # heaviest chromatic colour
    assert by_role["accent"].hex == "#ff5a00"  # most saturated of the rest
    assert by_role["secondary"].hex == "#64748b"
    pairs = {(p.foreground, p.background): p for p in contrast_pairs(roles)}
    assert pairs[("text", "background")].aaa


def test_defaults_when_the_css_says_nothing() -> None:
    roles = assign_roles([], [])
    assert {r.role: r.hex for r in roles} == {"background": "#ffffff", "text": "#000000"}
    assert all(r.evidence == [] for r in roles)


def test_font_roles_with_fallbacks() -> None:
    decls = rule_declarations([Stylesheet(url="https://x.example/a.css", text=CSS)])
    fonts = {f.role: f for f in font_roles(decls, brand_fonts=[])}
    assert fonts["heading"].stack == ["Merriweather", "Georgia", "Times New Roman", "serif"]
    assert fonts["body"].family == "Inter"
    assert fonts["body"].stack[-1] == "sans-serif"
    guessed = font_roles([], brand_fonts=["Roboto Mono"])
    assert guessed[0].stack[-1] == "monospace" and guessed[0].evidence == []
    assert with_fallbacks(["Lora"])[-1] == "serif"
