"""Citations and the message house's skeleton: pillar themes and their proof points.

Themes come from research (white space, product benefit, audience needs and
messages); a theme becomes a pillar only when the knowledge base supports it.
Proof points are sentences quoted verbatim from supplied passages, never written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from agency.core import InputError
from agency.strategy.brief.inputs import BriefInputs, Passage, SourceRef
from agency.strategy.brief.models import BriefCitation, ProofPoint
from agency.strategy.brief.wording import content_words, jaccard, overlap, sentences, shorten

MAX_PROOF_CHARS = 280
PROOFS_PER_PILLAR = 2
_MIN_SUPPORT = 0.25  # share of a theme's words a passage sentence must contain
_SECOND_PROOF = 0.4  # a second proof point must support the theme more strongly


class CitationIndex:
    """Numbers every supplied passage, then each distinct research source, from 1."""

    def __init__(self, inputs: BriefInputs) -> None:
        self.items: list[BriefCitation] = []
        self._passages: dict[str, int] = {}
        self._sources: dict[tuple[str, str], int] = {}
        for p in inputs.passages:
            self._passages[p.id] = self._add("passage", p.id, p.source, p.title, p.text)
        for audience in inputs.audiences:
            self.refs(audience.citations)
        for competitor in inputs.competitors:
            self.refs(competitor.citations)
        for space in inputs.white_space:
            self.refs(space.citations)

    def _add(self, kind: str, id_: str, url: str, title: str, quote: str) -> int:
        ref = len(self.items) + 1
        self.items.append(
            BriefCitation(
                ref=ref,
                kind="passage" if kind == "passage" else "research",
                id=id_,
                url=url,
                title=title,
                quote=shorten(quote, MAX_PROOF_CHARS),
            )
        )
        return ref

    def passage_ref(self, passage_id: str) -> int:
        """The number of a supplied passage."""
        return self._passages[passage_id]

    def refs(self, sources: list[SourceRef]) -> list[int]:
        """Numbers for research sources, adding the ones not seen yet."""
        out: list[int] = []
        for s in sources:
            key = (s.url, s.snippet)
            if key not in self._sources:
                self._sources[key] = self._add(
                    "research", f"src-{len(self._sources) + 1}", s.url, s.title, s.snippet
                )
            out.append(self._sources[key])
        return out


@dataclass
class PillarPlan:
    """A pillar before prose: its theme, where the theme came from, its proof points."""

    theme: str
    origin: str
    proof_points: list[ProofPoint] = field(default_factory=list)


def _themes(inputs: BriefInputs) -> list[tuple[str, str, float]]:
    """Candidate themes with their origin and a weight.

    White space about the product itself weighs most; white space about other
    products of the brand (a tasting note of another coffee) less than the product's
    own description, so a product brief stays about the product.
    """
    product_words = content_words(f"{inputs.product.name} {inputs.product.description}")
    themes = [
        (w.statement, "white space", 1.2 if content_words(w.statement) & product_words else 1.0)
        for w in inputs.white_space
    ]
    if inputs.product.benefit:
        themes.append((inputs.product.benefit, "product benefit", 1.2))
    for audience in inputs.audiences:
        themes += [(need, f"need of {audience.name}", 1.0) for need in audience.needs]
        themes += [(msg, f"message for {audience.name}", 1.0) for msg in audience.messages]
    themes += [(s, "product description", 1.1) for s in sentences(inputs.product.description)]
    return themes


def _best_sentence(words: set[str], passage: Passage) -> tuple[float, str]:
    def key(s: str) -> tuple[float, bool, int]:
        return (overlap(words, content_words(s)), any(c.isdigit() for c in s), -abs(len(s) - 140))

    candidates = [s for s in sentences(passage.text) if 30 <= len(s) <= 320 and " " in s]
    candidates = candidates or [passage.text.strip()]
    best = max(candidates, key=key)
    return key(best)[0], shorten(best, MAX_PROOF_CHARS)


def _similar(a: set[str], b: set[str]) -> bool:
    """Two themes say much the same thing (one mostly contains the other)."""
    return jaccard(a, b) >= 0.4 or overlap(a, b) >= 0.6 or overlap(b, a) >= 0.6


def _rank(words: set[str], passages: list[Passage]) -> list[tuple[float, Passage, str]]:
    """Passages by how well their best sentence supports ``words``, best first."""
    scored = [(score, p, text) for p in passages for score, text in [_best_sentence(words, p)]]
    return sorted(scored, key=lambda item: -item[0])


def plan_pillars(inputs: BriefInputs, citations: CitationIndex) -> list[PillarPlan]:
    """Exactly three supported, distinct themes, each with proof points from passages."""
    if len(inputs.passages) < 3:
        raise InputError(
            "A brief needs at least three knowledge-base passages to cite.",
            field="passages",
            fix="Ingest the brand's site or documents and pass the top passages.",
        )
    names = [inputs.brand_name, inputs.product.name]

    def words_of(text: str) -> set[str]:
        return content_words(text, exclude=names, numbers=False)

    scored: list[tuple[float, str, str, list[tuple[float, Passage, str]]]] = []
    for theme, origin, weight in _themes(inputs):
        ranked = _rank(words_of(theme), inputs.passages)
        if ranked and ranked[0][0] >= _MIN_SUPPORT:
            scored.append((ranked[0][0] * weight, theme, origin, ranked))
    scored.sort(key=lambda item: -item[0])

    chosen: list[tuple[str, str, list[tuple[float, Passage, str]]]] = []
    used: set[str] = set()
    for _, theme, origin, ranked in scored:
        if len(chosen) == 3:
            break
        words = words_of(theme)
        if any(_similar(words, words_of(c[0])) for c in chosen):
            continue
        fresh = [item for item in ranked if item[0] >= _MIN_SUPPORT and item[1].id not in used]
        if fresh:
            used.add(fresh[0][1].id)
            chosen.append((theme, origin, ranked))
    for passage in inputs.passages:  # too few research themes: the passages become themes
        if len(chosen) == 3:
            break
        if passage.id not in used:
            used.add(passage.id)
            lead = next((s for s in sentences(passage.text) if len(s.split()) >= 5), passage.text)
            ranked = _rank(words_of(lead), inputs.passages)
            ranked.sort(key=lambda item: item[1].id != passage.id)  # its own passage first
            chosen.append((lead, "knowledge base", ranked))
    return _assign_proofs(chosen, citations)


def _assign_proofs(
    chosen: list[tuple[str, str, list[tuple[float, Passage, str]]]], citations: CitationIndex
) -> list[PillarPlan]:
    """Each pillar's best passage first, then a second unused supporting passage each."""
    plans = [PillarPlan(theme=t, origin=o) for t, o, _ in chosen]
    taken: set[str] = set()
    for round_ in range(PROOFS_PER_PILLAR):
        for plan, (_, _, ranked) in zip(plans, chosen, strict=True):
            pool = [i for i in ranked if i[1].id not in taken]
            if round_ > 0:
                pool = [i for i in pool if i[0] >= _SECOND_PROOF]
            if pool:
                _, passage, text = pool[0]
                taken.add(passage.id)
                plan.proof_points.append(
                    ProofPoint(
                        text=text,
                        passage_id=passage.id,
                        source=passage.source,
                        ref=citations.passage_ref(passage.id),
                    )
                )
    return plans
