"""Few-shot completion prompts for a base model, and the check on what it writes.

A base model continues text: the prompt is a list of solved examples in one
fixed format, then the new facts and an open label. The examples are fictitious
brands so their words are easy to spot if the model copies them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

EXAMPLES: tuple[dict[str, str], ...] = (
    {
        "brand": "Lumora",
        "product": "Lumora desk lamp",
        "benefit": "warm light that is easy on the eyes",
        "audience": "people working late",
        "headline": "Late nights, softer light.",
        "tagline": "Lumora. Light that cares.",
        "hook": "Your eyes after 10 pm deserve better.",
        "cta": "Light up your desk",
        "subject": "Your desk called. It wants Lumora.",
    },
    {
        "brand": "Trailbeet",
        "product": "Trailbeet energy bar",
        "benefit": "slow energy from real beetroot",
        "audience": "weekend hikers",
        "headline": "Real beetroot. Real summits.",
        "tagline": "Trailbeet. Fuel that grows.",
        "hook": "The last mile is where most snacks quit.",
        "cta": "Pack a Trailbeet",
        "subject": "Fuel for your next summit",
    },
    {
        "brand": "Quillo",
        "product": "Quillo budgeting app",
        "benefit": "see every euro at a glance",
        "audience": "first-time renters",
        "headline": "Every euro, at a glance.",
        "tagline": "Quillo. Money, made calm.",
        "hook": "Rent day shouldn't feel like a surprise.",
        "cta": "Start budgeting free",
        "subject": "Rent day, minus the stress",
    },
)
LABELS = {
    "headline": "Headline",
    "tagline": "Tagline",
    "hook": "Hook",
    "cta": "Call to action",
    "subject": "Email subject",
}
FACT_ORDER = ("brand", "product", "benefit", "audience", "offer", "feature", "tone")
_EXAMPLE_WORDS = {
    w
    for ex in EXAMPLES
    for w in re.findall(r"[a-z]{5,}", " ".join(ex.values()).lower())
    if w in {"lumora", "trailbeet", "quillo", "beetroot", "summits", "budgeting"}
}
_CONTENT = re.compile(r"[a-z0-9]{4,}")
_NUMBER = re.compile(r"\d+")
# Claims a small model must not invent: superlatives and guarantees need substantiation.
_CLAIMS = re.compile(r"\b(best|#1|number one|no\. ?1|guaranteed?|cheapest|fastest|only)\b")


def _block(facts: Mapping[str, str]) -> str:
    return "\n".join(f"{k.capitalize()}: {facts[k]}" for k in FACT_ORDER if facts.get(k))


def few_shot_prompt(kind: str, facts: Mapping[str, str]) -> str:
    """Examples, then the new facts, ending at the open ``<Label>:``.

    Every example shows all labels, so the prompt differs between kinds only in
    its last line: llama.cpp reuses the evaluated prefix across kinds and samples.
    """
    shots = [
        _block(ex) + "".join(f"\n{label}: {ex[k]}" for k, label in LABELS.items())
        for ex in EXAMPLES
    ]
    shots.append(f"{_block(facts)}\n{LABELS[kind]}:")
    return "\n###\n".join(shots)


def grounded_line(raw: str, facts: Mapping[str, str], max_chars: int | None) -> str | None:
    """The cleaned line if usable, else None.

    Usable: two or more words, within ``max_chars``, no leaked label or copied
    example, mentions a supplied fact, and adds no number or superlative claim
    the facts do not contain.
    """
    line = raw.strip().strip("\"'“”").strip()
    line = re.sub(r"\s+", " ", line)
    if not line or len(line.split()) < 2 or len(line) > (max_chars or 120):
        return None
    low = line.lower()
    if ":" in line.split(" ")[0] or any(lbl.lower() + ":" in low for lbl in LABELS.values()):
        return None
    if any(word in low for word in _EXAMPLE_WORDS):
        return None
    fact_text = " ".join(facts.values()).lower()
    if not set(_CONTENT.findall(fact_text)) & set(_CONTENT.findall(low)):
        return None
    if set(_NUMBER.findall(low)) - set(_NUMBER.findall(fact_text)):
        return None  # an invented price, percentage or statistic
    if set(_CLAIMS.findall(low)) - set(_CLAIMS.findall(fact_text)):
        return None  # an unsubstantiated superlative
    return line[:1].upper() + line[1:]
