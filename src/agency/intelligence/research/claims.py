"""Claims a site makes: sentences with superlatives, exclusivity, certifications or numbers."""

from __future__ import annotations

import re
from collections.abc import Sequence

from agency.intelligence.research.models import Statement
from agency.intelligence.research.sources import Sentence

MAX_CLAIMS = 6
MARKERS: dict[str, re.Pattern[str]] = {
    "superlative": re.compile(
        r"\b(best|finest|rarest|largest|lowest|highest|freshest|unbeatable|number one|#1|"
        r"world's|america's)\b",
        re.IGNORECASE,
    ),
    "exclusivity": re.compile(r"\b(only|exclusive|limited|private|members?-only|rare)\b", re.I),
    "certification": re.compile(
        r"\b(certified|certification|organic|fair ?trade|rainforest alliance|b corp|"
        r"q grader|licensed|cup of excellence|award|award-winning|voted|points?)\b",
        re.IGNORECASE,
    ),
    "guarantee": re.compile(r"\b(guarantee[ds]?|money back|refund|replace)\b", re.IGNORECASE),
    "number": re.compile(
        r"\b\d[\d,.]*\s?(%|percent|hours?|days?|years?|pounds?|kilos?|bags?|stores?|cups?|"
        r"points?|samples?|partners?|cafes?|million|countries)\b|\bsince (19|20)\d\d\b",
        re.IGNORECASE,
    ),
}
_PRICE_ONLY = re.compile(r"^\$?\d[\d.,]*\s")


def claim_markers(sentence: str) -> list[str]:
    """The kinds of claim marker ``sentence`` carries."""
    return [name for name, pattern in MARKERS.items() if pattern.search(sentence)]


def find_claims(sentences: Sequence[Sentence], *, limit: int = MAX_CLAIMS) -> list[Statement]:
    """The sentences that make the strongest claims, most markers first, each citing itself."""
    scored = []
    for sentence in sentences:
        if _PRICE_ONLY.match(sentence.text) or sentence.text.endswith("?"):
            continue
        markers = claim_markers(sentence.text)
        if markers:
            scored.append((-len(markers), sentence.index, sentence, markers))
    scored.sort(key=lambda row: (row[0], row[1]))
    out = []
    for _, _, sentence, markers in scored[:limit]:
        out.append(
            Statement(
                text=f"{sentence.text} ({', '.join(markers)})",
                citations=[sentence.cite()],
            )
        )
    return out
