"""The facts every prose request carries: inputs, KPIs, channels and numbered sources."""

from __future__ import annotations

from agency.strategy.brief.channels import ChannelDraft
from agency.strategy.brief.evidence import CitationIndex
from agency.strategy.brief.inputs import BriefInputs
from agency.strategy.brief.kpis import format_number
from agency.strategy.brief.models import KPI


def brief_facts(
    inputs: BriefInputs,
    *,
    kpis: list[KPI],
    channels: list[ChannelDraft],
    citations: CitationIndex,
) -> dict[str, str]:
    """Facts as ``key → text``; a provider may state nothing these do not contain."""
    product = inputs.product
    facts: dict[str, str] = {
        "brand": inputs.brand_name,
        "tagline": inputs.brand_tagline,
        "brand_description": inputs.brand_description,
        "product": product.name,
        "price": product.price or "",
        "product_description": product.description,
        "benefit": product.benefit or "",
        "goal": inputs.goal,
        "campaign_objective": inputs.objective,
        "budget": f"{format_number(inputs.budget_total)} {inputs.currency} "
        f"({inputs.budget_total:g})",
        "channels": ", ".join(inputs.channels),
        "start": inputs.start.isoformat(),
        "campaign_days": str(inputs.days),
        "palette": ", ".join(inputs.palette),
    }
    for i, k in enumerate(kpis, start=1):
        facts[f"kpi_{i}"] = (
            f"{k.name}: {format_number(k.target)} {k.unit} by {k.deadline.isoformat()}"
            + (" (primary)" if k.primary else "")
        )
    for i, a in enumerate(inputs.audiences, start=1):
        facts[f"audience_{i}"] = (
            f"{a.name}, {a.who}; needs: {'; '.join(a.needs)}; objections: "
            f"{'; '.join(a.objections)}; channels: {', '.join(a.channels)}"
        )
    for i, rival in enumerate(inputs.competitors, start=1):
        price = f"; price {rival.price}" if rival.price else ""
        facts[f"competitor_{i}"] = (
            f"{rival.name}: {rival.positioning}; claims: {'; '.join(rival.claims)}{price}"
        )
    for i, w in enumerate(inputs.white_space, start=1):
        facts[f"white_space_{i}"] = w.statement
    for i, ch in enumerate(channels, start=1):
        facts[f"channel_{i}"] = (
            f"{ch.channel}: {ch.role}; formats {', '.join(ch.formats)}; cadence {ch.cadence}; "
            f"budget {format_number(ch.budget)} {inputs.currency} ({ch.share * 100:.0f} %)"
        )
    full = {p.id: p.text for p in inputs.passages}
    for cite in citations.items:
        text = full.get(cite.id, cite.quote) if cite.kind == "passage" else cite.quote
        text = " ".join((text or cite.title).split())
        facts[f"source_{cite.ref}"] = f"[{cite.ref}] {text} ({cite.url})"
    return {k: v for k, v in facts.items() if v}
