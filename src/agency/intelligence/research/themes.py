"""Themes a site speaks to, and the phrases only the brand uses (white-space evidence)."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence

from agency.intelligence.research.sources import Sentence, words
from agency.providers.offline.passage_research import STOPWORDS

THEMES: dict[str, tuple[str, re.Pattern[str]]] = {
    "price-transparency": (
        "price transparency (what the brand pays its suppliers)",
        re.compile(r"\b(we paid|paid an average|publish the price|price we pay|transparen)", re.I),
    ),
    "freshness": (
        "freshness (roast dates, roasted to order, fast shipping)",
        re.compile(r"\b(fresh|roast date|roasted to order|within \d+ hours|roasted on)\b", re.I),
    ),
    "sourcing": (
        "sourcing relationships (named farms and cooperatives)",
        re.compile(r"\b(farms?|farmers?|cooperatives?|washing station|producers?|origin)\b", re.I),
    ),
    "sustainability": (
        "sustainability (recycling, energy, waste)",
        re.compile(r"\b(sustainab\w*|recycl\w*|compost|wind|renewable|carbon|afterburner)\b", re.I),
    ),
    "local-roots": (
        "local roots and community",
        re.compile(r"\b(local|neighbou?rhood|community|harbor|hometown|farmers market)\b", re.I),
    ),
    "craft": (
        "craft and small batches",
        re.compile(r"\b(small[- ]batch\w*|by hand|hand-\w+|restored|craft\w*)\b", re.I),
    ),
    "education": (
        "brewing education (guides, ratios, recipes)",
        re.compile(r"\b(brewing guides?|ratio|recipe|grind finer|bloom|steep|training)\b", re.I),
    ),
    "subscription": (
        "subscription convenience",
        re.compile(
            r"\b(subscri\w*|membership|members?|every (two|three|four) weeks|each month|"
            r"monthly|pause)\b",
            re.I,
        ),
    ),
    "value": (
        "low prices and value",
        re.compile(
            r"\b(save|saving|low prices?|lowest|afford\w*|deal|coupons?|value|cents a cup)\b", re.I
        ),
    ),
    "premium": (
        "premium exclusivity (rare lots, scores, awards)",
        re.compile(
            r"\b(rare|rarest|exclusive|micro-lots?|award\w*|competition|auction|"
            r"\d\d points|finest)\b",
            re.I,
        ),
    ),
    "certification": (
        "certifications",
        re.compile(r"\b(certified|organic|fair ?trade|rainforest alliance|b corp)\b", re.I),
    ),
    "wholesale": (
        "wholesale and business customers",
        re.compile(r"\b(wholesale|offices?|restaurants?|business(es)?)\b", re.I),
    ),
    "guarantee": (
        "satisfaction guarantee",
        re.compile(r"\b(guarantee\w*|money back|refund|replace it)\b", re.I),
    ),
}


def theme_hits(sentences: Sequence[Sentence]) -> dict[str, list[Sentence]]:
    """Theme key → the sentences that speak to it (themes with none are left out)."""
    hits: dict[str, list[Sentence]] = {}
    for key, (_, pattern) in THEMES.items():
        matched = [s for s in sentences if pattern.search(s.text)]
        if matched:
            hits[key] = matched
    return hits


def theme_label(key: str) -> str:
    return THEMES[key][0]


def _bigrams(text: str) -> list[str]:
    tokens = [w for w in words(text) if not w.isdigit()]
    return [
        f"{a} {b}"
        for a, b in itertools.pairwise(tokens)
        if a not in STOPWORDS and b not in STOPWORDS and len(a) > 2 and len(b) > 2
    ]


def distinctive_phrases(
    brand: Sequence[Sentence], others: Sequence[Sequence[Sentence]], *, limit: int = 5
) -> list[tuple[str, Sentence]]:
    """Two-word phrases the brand repeats (or stresses) that no competitor uses at all."""
    other_text = " ".join(s.lower for group in others for s in group)
    other_words = set(words(other_text))
    counts: Counter[str] = Counter()
    first: dict[str, Sentence] = {}
    for sentence in brand:
        for phrase in dict.fromkeys(_bigrams(sentence.text)):
            counts[phrase] += 1
            first.setdefault(phrase, sentence)
    picked: list[tuple[str, Sentence]] = []
    used_words: set[str] = set()
    for phrase, count in counts.most_common():
        if count < 2 or len(picked) >= limit:
            break
        a, b = phrase.split()
        if phrase in other_text or (a in other_words and b in other_words):
            continue
        if {a, b} & used_words:
            continue
        used_words.update({a, b})
        picked.append((phrase, first[phrase]))
    return picked
