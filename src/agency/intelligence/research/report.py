"""Assemble a ResearchReport: brand summary, identity and voice notes, the references list."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from agency.intelligence.identity.models import Evidence, VisualIdentity
from agency.intelligence.research.competitors import SiteAnalysis
from agency.intelligence.research.models import (
    AudienceSegment,
    Citation,
    MarketReport,
    ResearchReport,
    Statement,
)
from agency.intelligence.research.sources import Sentence
from agency.intelligence.research.tone import tone_statements
from agency.intelligence.voice import build_voice_profile

MAX_PHRASES = 5


def _cites(evidence: Sequence[Evidence]) -> list[Citation]:
    return [Citation(url=e.url, quote=e.quote) for e in evidence]


def identity_statements(identity: VisualIdentity) -> list[Statement]:
    """The visual identity as cited statements (facts without a source are left out)."""
    out = []
    for logo in identity.logos:
        out.append(
            Statement(
                text=f"Logo file ({logo.kind}, declared as {logo.rel}): {logo.url}",
                citations=_cites([logo.evidence]),
            )
        )
    evidence = {role.role: role.evidence for role in identity.palette}
    for role in identity.palette:
        if role.evidence:
            out.append(
                Statement(
                    text=f"{role.role.capitalize()} colour {role.hex}: {role.reason}",
                    citations=_cites(role.evidence),
                )
            )
    for pair in identity.contrast:
        cites = _cites([*evidence.get(pair.foreground, []), *evidence.get(pair.background, [])])
        if cites:
            verdict = ", ".join(pair.passes) if pair.passes else "fails WCAG AA"
            out.append(
                Statement(
                    text=f"{pair.foreground.capitalize()} {pair.foreground_hex} on "
                    f"{pair.background} {pair.background_hex}: contrast {pair.ratio:.2f}:1 "
                    f"({verdict})",
                    citations=cites,
                )
            )
    for font in identity.fonts:
        if font.evidence:
            out.append(
                Statement(
                    text=f"{font.role.capitalize()} font {font.family}; use font-family: "
                    f"{font.css}",
                    citations=_cites(font.evidence),
                )
            )
    style = identity.image_style
    if style is not None and style.sources:
        out.append(
            Statement(
                text=f"Photo style over {style.images} image(s): {', '.join(style.descriptors)} "
                f"(brightness {style.brightness:.2f}, saturation {style.saturation:.2f}, "
                f"warmth {style.warmth:+.2f}, edge density {style.edge_density:.3f})",
                citations=_cites(style.sources[:4]),
            )
        )
    return out


def voice_statements(brand: str, sentences: Sequence[Sentence]) -> list[Statement]:
    """Tone with its measures, and the brand's signature phrases where it uses them."""
    out = tone_statements(brand, sentences)
    try:
        voice = build_voice_profile([s.text for s in sentences])
    except Exception:  # too little text: the tone statement above is absent as well
        return out
    for phrase in voice.key_phrases[:MAX_PHRASES]:
        found = next((s for s in sentences if phrase.lower() in s.lower), None)
        if found is not None:
            out.append(Statement(text=f"Signature phrase: “{phrase}”", citations=[found.cite()]))
    return out


def summary_statements(site: SiteAnalysis) -> list[Statement]:
    """Who the brand says it is and what it sells, at what prices."""
    out = list(site.profile.positioning)
    prices = site.profile.prices
    if prices:
        low = min(prices, key=lambda p: p.amount)
        high = max(prices, key=lambda p: p.amount)
        out.append(
            Statement(
                text=f"{site.profile.name} lists {len(prices)} price point(s), from "
                f"${low.amount:.2f} ({low.label}) to ${high.amount:.2f} ({high.label})",
                citations=[low.citation, high.citation] if low is not high else [low.citation],
            )
        )
    return out


def collect_citations(statements: Sequence[Statement]) -> list[Citation]:
    """Unique citations in order of first use: the report's numbered references."""
    seen: dict[tuple[str, str, str], Citation] = {}
    for statement in statements:
        for citation in statement.citations:
            seen.setdefault(citation.key, citation)
    return list(seen.values())


def assemble_report(
    *,
    brand_id: str,
    brand_name: str,
    brand_url: str,
    generated_at: datetime,
    summary: list[Statement],
    identity: VisualIdentity | None,
    voice: list[Statement],
    market: MarketReport,
    audiences: list[AudienceSegment],
) -> ResearchReport:
    """A ResearchReport whose ``citations`` list every source its statements cite."""
    draft = ResearchReport(
        brand_id=brand_id,
        brand_name=brand_name,
        brand_url=brand_url,
        generated_at=generated_at,
        summary=summary,
        identity=identity,
        identity_notes=identity_statements(identity) if identity else [],
        voice=voice,
        market=market,
        audiences=audiences,
    )
    return draft.model_copy(update={"citations": collect_citations(draft.statements())})
