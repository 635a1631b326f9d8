"""Claims in copy (numbers, superlatives, guarantees) and the evidence each one traces to.

A claim is traceable when the same number or claim word appears in a proof point
(or the brief's own facts). URLs, hashtags and counters such as ``2/5`` are not
claims; small bare counts (``3 tips``) are not either, but ``8 hours`` is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from agency.core import Artifact

_URL = re.compile(r"https?://\S+|www\.\S+|\b[\w-]+\.(?:com|org|net|io|co)(?:/\S*)?", re.I)
_TAG = re.compile(r"[#@]\w+")
_COUNTER = re.compile(r"\b\d+/\d+\b")
_NUMBER = re.compile(r"([$€£]?)(\d[\d,]*(?:\.\d+)?)(\s?(?:%|x\b|×|percent\b))?", re.I)
# a small number followed by a unit is a measurable claim ("8 hours"), not a count ("3 tips")
_UNIT = re.compile(
    r"\s?(?:-\s?)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|kg|kilos?|grams?|g|"
    r"oz|ounces?|lbs?|pounds?|litres?|liters?|ml|l|miles?|km|times|stars?|calories|degrees?)\b",
    re.I,
)
_SUPERLATIVES = (
    "best",
    "#1",
    "number one",
    "no. 1",
    "guaranteed",
    "guarantee",
    "proven",
    "clinically",
    "award-winning",
    "award winning",
    "leading",
    "unbeatable",
    "fastest",
    "cheapest",
    "strongest",
    "healthiest",
    "freshest",
    "smoothest",
    "world's first",
    "the first",
    "the only",
    "most popular",
    "most trusted",
    "scientifically",
)
_SUPER = re.compile(
    r"(?<![\w#])(" + "|".join(re.escape(s) for s in _SUPERLATIVES) + r")(?!\w)", re.I
)
SMALL_COUNT = 10


class Claim(Artifact):
    """One claim found in copy, and the evidence ids that contain it (empty: untraceable)."""

    claim: str
    sources: list[str]


def _norm_number(raw: str) -> str:
    value = raw.replace(",", "")
    if "." in value:
        value = value.rstrip("0").rstrip(".")
    return value


def _strip(text: str) -> str:
    return _COUNTER.sub(" ", _TAG.sub(" ", _URL.sub(" ", text)))


def numbers_in(text: str) -> set[str]:
    """Every number in ``text`` (URLs and hashtags removed), normalised: ``60,000`` → ``60000``."""
    return {_norm_number(m.group(2)) for m in _NUMBER.finditer(_strip(text))}


def find_claims(text: str) -> list[str]:
    """Numbers and superlatives that need evidence, in order of appearance."""
    cleaned = _strip(text)
    found: list[str] = []
    for match in _NUMBER.finditer(cleaned):
        currency, digits, unit = match.groups()
        value = _norm_number(digits)
        small = value.isdigit() and int(value) <= SMALL_COUNT
        measured = _UNIT.match(cleaned, match.end())
        if small and not currency and not unit and not measured:
            continue
        found.append(value)
    found += [m.group(1).lower() for m in _SUPER.finditer(cleaned)]
    return list(dict.fromkeys(found))


def trace_claims(text: str, evidence: Mapping[str, str]) -> list[Claim]:
    """Each claim of ``text`` with the ids of the evidence texts that contain it."""
    numbers = {key: numbers_in(value) for key, value in evidence.items()}
    lowered = {key: value.lower() for key, value in evidence.items()}
    claims: list[Claim] = []
    for claim in find_claims(text):
        if claim[0].isdigit():
            sources = [key for key, found in numbers.items() if claim in found]
        else:
            pattern = re.compile(rf"(?<![\w#]){re.escape(claim)}(?!\w)")
            sources = [key for key, value in lowered.items() if pattern.search(value)]
        claims.append(Claim(claim=claim, sources=sources))
    return claims
