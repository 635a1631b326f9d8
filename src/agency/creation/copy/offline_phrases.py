"""What the offline copy writer composes from: the brief's facts as sentences, and hooks by angle.

Every sentence is built from the brief (or the source text), so offline copy
makes no claim the brief does not; sentences with banned words are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from agency.creation.copy.brief import CopyBrief
from agency.creation.copy.extract import first_sentence, key_sentences

ANGLES: tuple[str, ...] = (
    "benefit",
    "problem",
    "social_proof",
    "curiosity",
    "story",
    "urgency",
    "contrarian",
    "how_to",
    "question",
    "number",
)

HOOKS: dict[str, tuple[str, ...]] = {
    "benefit": ("{benefit}.", "{benefit}, with {product}.", "Meet {product}: {benefit_l}."),
    "problem": (
        "Still waiting for {benefit_l}?",
        "If {benefit_l} feels out of reach, read on.",
        "{audience} deserve better. Meet {product}.",
    ),
    "social_proof": ("{proof}", "Why people choose {brand}: {proof_l}"),
    "curiosity": (
        "What makes {product} different? {pillar}.",
        "There is a reason {audience_l} keep coming back to {brand}.",
        "The story behind {product}: {pillar_l}.",
    ),
    "story": ("It started with one idea: {benefit_l}.", "Here is how {brand} made {product}."),
    "urgency": (
        "{offer}, while it lasts.",
        "Do not wait: {cta_l}.",
        "This week is the week: {cta_l}.",
    ),
    "contrarian": (
        "You do not need more choice. You need {benefit_l}.",
        "Forget what you have heard. {benefit}.",
    ),
    "how_to": ("How to get {benefit_l}: start with {product}.", "One simple way to {cta_l}."),
    "question": ("What would {benefit_l} change for you?", "Ready for {benefit_l}?"),
    "number": ("{number_proof}", "{number_clause}. That is {product}."),
}

HEADLINES: dict[str, tuple[str, ...]] = {
    "benefit": ("{benefit}", "{product}: {benefit_l}"),
    "problem": ("Meet {product}", "Made for {audience_l}"),
    "social_proof": ("Why people choose {brand}",),
    "curiosity": ("What makes {product} different",),
    "story": ("The story of {product}",),
    "urgency": ("{offer}", "{cta} today"),
    "contrarian": ("Less choice, more {pillar_l}",),
    "how_to": ("How to get {benefit_l}",),
    "question": ("Ready for {product}?",),
    "number": ("{number_clause}",),
}

LONG_BENEFIT = 70
_NUMBER = re.compile(r"\d")
_DANGLING = frozenset(re.findall(r"\w+", "a an and as at by for from in into of on or the to with"))


def lower_first(text: str) -> str:
    """``text`` with its first letter lowered unless the first word looks like a name."""
    words = text.split(" ", 2)
    word = words[0]
    if len(word) > 1 and (word[1:].lower() != word[1:] or word.isupper()):
        return text
    if len(words) > 1 and word[:1].isupper() and words[1][:1].isupper():
        return text  # a name in title case: "North Shore Cold Brew"
    return text[:1].lower() + text[1:]


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary within ``limit`` (no dangling punctuation)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    words = text[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,;:-—").split(" ")
    while len(words) > 1 and words[-1].lower() in _DANGLING:
        words.pop()
    cut = " ".join(words).rstrip(" ,;:-—")
    return cut if cut else text[:limit]


def clauses(text: str) -> list[str]:
    """The clauses of ``text`` (split at commas, semicolons, colons and 'and')."""
    return [c.strip() for c in re.split(r"[,;:]\s*|\s+and\s+", text.rstrip(".")) if c.strip()]


def fit_sentences(parts: list[str], budget: int, measure: Callable[[str], int] = len) -> str:
    """As many of ``parts`` (in order) as fit in ``budget``; the first one shortened if needed."""
    text = ""
    for part in parts:
        candidate = f"{text} {part}".strip()
        if measure(candidate) <= budget:
            text = candidate
        elif not text:
            text = shorten(part, budget)
    return text


@dataclass
class Material:
    """The brief's facts as clean sentences, and slots for the templates."""

    brief: CopyBrief
    source: str = ""
    slots: dict[str, str] = field(default_factory=dict)
    proofs: list[tuple[str, str]] = field(default_factory=list)
    pillars: list[str] = field(default_factory=list)
    key: list[str] = field(default_factory=list)

    def ok(self, text: str) -> bool:
        """False when ``text`` contains a banned word."""
        low = text.lower()
        return not any(
            re.search(rf"(?<!\w){re.escape(w.lower())}(?!\w)", low)
            for w in self.brief.banned_words
            if w.strip()
        )

    def fill(self, template: str) -> str | None:
        """The template filled, or None when a slot is missing or a banned word appears."""
        names = re.findall(r"{(\w+)}", template)
        if any(not self.slots.get(n) for n in names):
            return None
        text = template.format(**self.slots)
        return cap(text) if self.ok(text) else None


def build_material(brief: CopyBrief, source: str = "") -> Material:
    """Sentences and template slots from ``brief`` (and a source text, when repurposing)."""
    mat = Material(brief=brief, source=source)
    mat.proofs = [(p.id, s) for p in brief.proof_points if mat.ok(s := first_sentence(p.text))]
    mat.pillars = [p.rstrip(".") for p in brief.pillars if mat.ok(p)]
    mat.key = [s for s in key_sentences(source, 12) if mat.ok(s)] if source else []
    benefit = brief.proposition.strip().rstrip(".")
    if len(benefit) > LONG_BENEFIT:  # templates want a phrase, not a paragraph
        benefit = shorten(clauses(benefit)[0], LONG_BENEFIT)
    proof = mat.proofs[0][1] if mat.proofs else ""
    with_number = [s for _, s in mat.proofs if _NUMBER.search(s)]
    numbered = [c for s in with_number for c in clauses(s) if _NUMBER.search(c)]
    mat.slots = {
        "brand": brief.brand,
        "product": brief.product,
        "benefit": cap(benefit),
        "benefit_l": lower_first(benefit),
        "audience": cap(brief.audience),
        "audience_l": lower_first(brief.audience),
        "proof": proof,
        "proof_l": lower_first(proof),
        "pillar": cap(mat.pillars[0]) if mat.pillars else "",
        "pillar_l": lower_first(mat.pillars[0]) if mat.pillars else "",
        "offer": cap(brief.offer.rstrip(".")),
        "cta": cap(brief.cta.rstrip(".")),
        "cta_l": lower_first(brief.cta.rstrip(".")),
        "number_proof": with_number[0] if with_number else "",
        "number_clause": cap(min(numbered, key=len)) if numbered else "",
    }
    return mat


def angle_lines(mat: Material, angle: str, table: dict[str, tuple[str, ...]]) -> list[str]:
    """Every filled template of ``angle`` in ``table`` (HOOKS or HEADLINES)."""
    return [t for tpl in table.get(angle, ()) if (t := mat.fill(tpl))]
