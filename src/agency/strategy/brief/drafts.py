"""Grounded first drafts of the brief's prose, composed only from supplied facts.

The text provider rewrites these; the offline template writer keeps them. Every
number and name in a draft comes from the inputs, the KPIs or a cited passage.
"""

from __future__ import annotations

import re

from agency.strategy.brief.evidence import CitationIndex, PillarPlan
from agency.strategy.brief.inputs import AudienceInput, BriefInputs
from agency.strategy.brief.kpis import format_number
from agency.strategy.brief.models import KPI
from agency.strategy.brief.wording import (
    cap,
    content_words,
    join_list,
    overlap,
    sentence,
    sentences,
    shorten,
    uncap,
)

_JOINS = frozenset({"and", "with", "for", "to", "or", "but", "of", "that"})
_CLAUSE = re.compile(r"\s*[:;—–(]\s*|\s+-\s+")


def pillar_name(theme: str) -> str:
    """A short pillar name: the theme's first clause, at most six words."""
    clause = _CLAUSE.split(theme.strip(), maxsplit=1)[0].rstrip(".,!? ")
    words = clause.split()
    if len(words) > 6:
        words = words[:6]
        joins = [i for i, w in enumerate(words) if w.lower() in _JOINS and i >= 2]
        if joins:
            words = words[: joins[-1]]
    return cap(" ".join(words).rstrip(",.;"))


def _clause(text: str, max_chars: int) -> str:
    """The first clause of ``text``, cut to ``max_chars``: research sentences run long."""
    text = _LABEL.sub("", text.strip())
    first = re.split(r";\s|\s—\s|\.\s", text, maxsplit=1)[0]
    return shorten(first.rstrip(". "), max_chars)


# Research statements often start with a short label ("Need: …", "Objection answered: …").
_LABEL = re.compile(r"^[A-Za-z][A-Za-z ]{0,30}:\s+")


def insight(audience: AudienceInput) -> str:
    """``Who want X, but Y.``: the need and the tension that stands in its way.

    Each part is cut to its first clause so the insight stays one readable sentence.
    """
    who = cap(_clause(audience.who, 90))
    need = uncap(_clause(audience.needs[0], 100)) if audience.needs else ""
    objection = uncap(_clause(audience.objections[0], 100)) if audience.objections else ""
    if need and objection:
        return sentence(f"{who} want {need}, but {objection}")
    if need:
        return sentence(f"{who} want {need}")
    if objection:
        return sentence(f"{who} hesitate: {objection}")
    return sentence(f"{who} have not yet met {audience.name.lower()}-ready messaging")


def proposition(inputs: BriefInputs, pillars: list[PillarPlan]) -> str:
    """One thought to leave people with: the product plus the benefit it owns.

    The product's stated benefit first; else its own description when that says what
    the product is (not a sentence about it by name); else the brand's white space.
    """
    described = inputs.product.description.strip()
    if len(described.split()) < 4 or described.lower().startswith(inputs.product.name.lower()):
        described = ""
    benefit = (
        inputs.product.benefit
        or described
        or (inputs.white_space[0].statement if inputs.white_space else pillars[0].theme)
    )
    clause = _CLAUSE.split(benefit.strip(), maxsplit=1)[0].rstrip(".,;")
    return shorten(sentence(f"{inputs.product.name}: {uncap(clause)}"), 160)


def _best_ref(text: str, inputs: BriefInputs, citations: CitationIndex) -> str:
    words = content_words(text)
    best = max(inputs.passages, key=lambda p: overlap(words, content_words(p.text)))
    return f" [{citations.passage_ref(best.id)}]"


def narrative(
    inputs: BriefInputs,
    *,
    kpis: list[KPI],
    pillars: list[PillarPlan],
    citations: CitationIndex,
) -> dict[str, str]:
    """Drafts of situation, complication, resolution, proposition and umbrella."""
    brand, product = inputs.brand_name, inputs.product
    about = inputs.brand_description or inputs.brand_tagline or brand
    about_text = about if about.lower().startswith(brand.lower()) else f"{brand}: {uncap(about)}"
    priced = f" ({product.price})" if product.price else ""
    what = sentences(product.description)[0].rstrip(".") if product.description else ""
    situation = [
        sentence(about_text.rstrip(".")).rstrip(".") + _best_ref(about, inputs, citations) + "."
    ]
    if what:
        lead_in = (
            f"{product.name}{priced}{what[len(product.name) :]}"
            if what.startswith(product.name)
            else f"{product.name}{priced}: {uncap(what)}"
        )
        situation.append(f"{lead_in}{_best_ref(what, inputs, citations)}.")
    situation.append(f"The task: {uncap(inputs.goal.rstrip('.'))}.")
    if inputs.competitors:
        rivals = "; ".join(
            f"{c.name} leans on “{c.positioning.rstrip('.')}”" for c in inputs.competitors[:3]
        )
        refs = citations.refs([s for c in inputs.competitors[:3] for s in c.citations[:1]])
        marks = "".join(f" [{r}]" for r in refs)
        situation.append(f"The category is busy: {rivals}{marks}.")

    complication = []
    claims = [claim for c in inputs.competitors for claim in c.claims][:3]
    if claims:
        quoted = "; ".join(f"“{claim.rstrip('.')}”" for claim in claims)
        complication.append(f"Rivals repeat the same promises ({quoted}).")
    objections = [a.objections[0] for a in inputs.audiences if a.objections][:2]
    if objections:
        held = "; ".join(uncap(o.rstrip(".")) for o in objections)
        complication.append(f"Buyers hold back: {held}.")
    complication.append(
        f"Unless {product.name} stands for one clear idea, it blends into a crowded feed."
    )

    primary = next((k for k in kpis if k.primary), kpis[0])
    prop = proposition(inputs, pillars)
    resolution = (
        f"Lead with one idea — {prop.rstrip('.')} — and prove it with three pillars: "
        f"{'; '.join(pillar_name(p.theme) for p in pillars)}. "
        f"Over {inputs.days} days from {inputs.start.isoformat()}, "
        f"{format_number(inputs.budget_total)} {inputs.currency} across "
        f"{join_list(inputs.channels)} aims at {format_number(primary.target)} "
        f"{primary.unit} by {primary.deadline.isoformat()}."
    )
    umbrella = (
        f"{product.name}. {inputs.brand_tagline.rstrip('.')}." if inputs.brand_tagline else prop
    )
    return {
        "situation": " ".join(situation),
        "complication": " ".join(complication),
        "resolution": resolution,
        "proposition": prop,
        "umbrella": umbrella,
    }


def pillar_drafts(pillars: list[PillarPlan]) -> dict[str, str]:
    """Name and message drafts per pillar, citing the pillar's first proof point."""
    out: dict[str, str] = {}
    for i, p in enumerate(pillars, start=1):
        out[f"pillar_{i}_name"] = pillar_name(p.theme)
        theme = p.theme.rstrip(".")
        if (
            pillar_name(theme).lower() == theme.lower()
        ):  # a bare theme ("Freshness") needs its proof spelled out
            proof = shorten(p.proof_points[0].text, 200).rstrip(".…")
            theme = f"{cap(theme)}: {uncap(proof)}"
        out[f"pillar_{i}_message"] = sentence(theme).rstrip(".") + f" [{p.proof_points[0].ref}]."
    return out
