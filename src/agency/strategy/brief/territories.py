"""Three creative territories that grow from different roots, and how distinct they are.

Each territory is anchored in a different part of the research: the product's
own proof (product truth), the lead audience's insight (audience moment) and the
category's white space (category contrast). The drafts here are grounded in
those facts; the text provider rewrites them. ``territory_overlap`` measures
distinctness (lexical Jaccard, brand and product names excluded).
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from agency.strategy.brief.inputs import BriefInputs
from agency.strategy.brief.wording import cap, content_words, jaccard, shorten, uncap

MAX_OVERLAP = 0.3
FIELDS = ("name", "idea", "tone", "visual_direction", "headline_1", "headline_2", "headline_3")
ANCHORS = ("product truth", "audience moment", "category contrast")


def _colour(palette: list[str], index: int, fallback: str) -> str:
    return palette[index] if len(palette) > index else fallback


def draft_territories(
    inputs: BriefInputs, *, pillar_names: list[str], proof: str, insight: str
) -> list[dict[str, str]]:
    """Three grounded territory drafts (fields as in ``FIELDS``), one per anchor."""
    brand, product = inputs.brand_name, inputs.product.name
    lead = inputs.audiences[0]
    need = lead.needs[0] if lead.needs else lead.who
    main = _colour(inputs.palette, 0, "the brand's main colour")
    accent = _colour(inputs.palette, 1, "a warm accent")
    lead_words = content_words(pillar_names[0])
    spaces = [
        w.statement
        for w in inputs.white_space
        if jaccard(content_words(w.statement), lead_words) < 0.2
    ]
    space = spaces[0] if spaces else pillar_names[-1]
    space = space.replace(": ", " — ")
    rivals = [f"{c.name} leans on “{c.positioning.rstrip('.')}”" for c in inputs.competitors[:2]]
    contrast = (
        f"Where {' and '.join(rivals)}, {brand} takes the open ground: {uncap(space)}"
        if rivals
        else f"{brand} takes ground the category leaves open: {uncap(space)}"
    )
    return [
        {
            "name": f"Show the work: {uncap(pillar_names[0])}",
            "idea": f"Let {product} prove itself with one verifiable detail per piece, "
            f"starting from this fact: {shorten(proof, 160)}",
            "tone": "Plain-spoken, precise and quietly confident; facts over adjectives.",
            "visual_direction": f"Macro close-ups of {product} and the hands and tools behind it, "
            f"natural daylight, {main} as the dominant colour, small handwritten annotations.",
            "headline_1": shorten(cap(pillar_names[0]), 80),
            "headline_2": f"See how {product} is made.",
            "headline_3": f"{product}: details, not hype.",
        },
        {
            "name": f"Made for {uncap(lead.name)}",
            "idea": f"Start from the lead audience's moment: {shorten(insight, 200)} "
            f"{product} slots into a routine they already have.",
            "tone": "Warm, conversational and second person; short sentences, everyday words.",
            "visual_direction": f"Candid lifestyle photography of {uncap(lead.who)} in real homes "
            f"and commutes, soft morning light, {accent} accents, product in hand, never posed.",
            "headline_1": shorten(f"{cap(need)}? Meet {product}.", 80),
            "headline_2": f"Your routine, with {product}.",
            "headline_3": f"{product}, ready when you are.",
        },
        {
            "name": "Break the category code",
            "idea": shorten(contrast, 300),
            "tone": "Bold, witty challenger; contrasts by idea, never by naming rivals.",
            "visual_direction": f"High-contrast graphic layouts, oversized type in {main} on an "
            "off-white ground, one hero object per frame, no stock imagery.",
            "headline_1": shorten(cap(space), 80),
            "headline_2": f"Ask more of your {product.split()[-1].lower()}.",
            "headline_3": f"{brand}. Not the usual.",
        },
    ]


def territory_words(territory: dict[str, Any], *, exclude: list[str]) -> set[str]:
    """Content words of a territory's idea, tone, look and headlines."""
    text = " ".join(str(territory.get(f, "")) for f in FIELDS[1:])
    if isinstance(territory.get("headlines"), list):
        text += " " + " ".join(territory["headlines"])
    return content_words(text, exclude=exclude)


def territory_overlap(
    territories: list[dict[str, Any]], *, exclude: list[str]
) -> dict[tuple[int, int], float]:
    """Jaccard overlap of every pair of territories (0 = nothing shared)."""
    words = [territory_words(t, exclude=exclude) for t in territories]
    return {(i, j): jaccard(words[i], words[j]) for i, j in combinations(range(len(words)), 2)}


def distinctness_problems(
    territories: list[dict[str, Any]], *, exclude: list[str], threshold: float = MAX_OVERLAP
) -> list[str]:
    """Violations when two territories share too many words or a territory repeats a headline."""
    problems = [
        f"territories {i + 1} and {j + 1} share {score:.0%} of their words; "
        f"make them distinct (under {threshold:.0%})"
        for (i, j), score in territory_overlap(territories, exclude=exclude).items()
        if score >= threshold
    ]
    for i, t in enumerate(territories):
        heads = [str(t.get(f"headline_{k}", "")).strip().lower() for k in (1, 2, 3)]
        if len(set(heads)) < 3:
            problems.append(f"territory {i + 1} repeats a headline; give three different ones")
    return problems
