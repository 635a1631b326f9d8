"""Validators for provider prose: shape, length, grounded claims and resolvable citations.

A number or a superlative in generated prose must appear in the facts the
provider was given; a ``[n]`` citation marker must name a source the section
may cite. Violations are fed back to the provider as a repair turn.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_MARKER = re.compile(r"\[(\d{1,3})\]")
_QUOTE = re.compile(r"[“\"]([^”\"]{2,300})[”\"]")
_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$")
SUPERLATIVES = (
    "best",
    "#1",
    "number one",
    "no. 1",
    "leading",
    "top-rated",
    "world-class",
    "finest",
    "greatest",
    "cheapest",
    "fastest",
    "freshest",
    "healthiest",
    "strongest",
    "lowest",
    "highest",
    "largest",
    "biggest",
    "only",
    "unrivalled",
    "unrivaled",
    "unmatched",
    "unbeatable",
    "guarantee",
    "guaranteed",
    "award-winning",
    "perfect",
    "ultimate",
    "revolutionary",
    "most",
)
_SUPERLATIVE = re.compile(
    r"(?<![\w#])(" + "|".join(re.escape(s) for s in SUPERLATIVES) + r")(?![\w-])", re.IGNORECASE
)


@dataclass(frozen=True)
class FieldRule:
    """Length limits for one string field of a structured answer."""

    min_chars: int = 2
    max_chars: int = 600


def parse_answer(text: str) -> dict[str, Any]:
    """The JSON object in a provider answer (code fences tolerated); ValueError if none."""
    value = json.loads(_FENCE.sub("", text.strip()))
    if not isinstance(value, dict):
        raise ValueError("the answer is not a JSON object")
    return value


def _numbers(text: str) -> set[float]:
    out = set()
    for raw in _NUMBER.findall(_MARKER.sub(" ", text)):
        try:
            out.add(float(raw.replace(",", "")))
        except ValueError:
            continue
    return out


def _unquote(text: str, facts_text: str) -> str:
    """``text`` without quotations of the facts (a rival's claim quoted is not our claim)."""
    lowered = " ".join(facts_text.lower().split())

    def drop(match: re.Match[str]) -> str:
        inner = " ".join(match.group(1).lower().split())
        return " " if inner and inner in lowered else match.group(0)

    return _QUOTE.sub(drop, text)


def _claim_phrases(text: str) -> list[str]:
    """Each superlative with the word it qualifies ("best cold", "only roaster")."""
    flat = " ".join(_MARKER.sub(" ", text).lower().split())
    phrases = []
    for match in _SUPERLATIVE.finditer(flat):
        following = re.match(r"[\s,]*([\w'’-]+)", flat[match.end() :])
        phrases.append(match.group(1) + (" " + following.group(1) if following else ""))
    return phrases


def unsupported_claims(text: str, facts_text: str, claims_text: str | None = None) -> list[str]:
    """Numbers not in ``facts_text`` and superlatives not in ``claims_text`` (default: facts).

    A superlative counts as supported only where the facts use it for the same word
    ("at its best between" does not support "the best cold brew"). Pass the brand's
    own facts as ``claims_text`` so that a competitor's superlative is not borrowed
    for the brand; verbatim quotations of the facts are exempt.
    """
    problems = []
    text = _unquote(text, facts_text)
    missing = _numbers(text) - _numbers(facts_text)
    if missing:
        shown = ", ".join(f"{n:g}" for n in sorted(missing))
        problems.append(f"numbers not in the facts: {shown} (use only figures from the facts)")
    extra = sorted(set(_claim_phrases(text)) - set(_claim_phrases(claims_text or facts_text)))
    if extra:
        problems.append(f"unsupported superlatives or guarantees: {', '.join(extra)} (remove them)")
    return problems


def unresolved_markers(text: str, allowed: Collection[int]) -> list[int]:
    """``[n]`` markers in ``text`` that are not among ``allowed`` sources."""
    return sorted({int(m) for m in _MARKER.findall(text)} - set(allowed))


def section_validator(
    rules: Mapping[str, FieldRule],
    *,
    facts_text: str,
    claims_text: str | None = None,
    allowed_refs: Collection[int],
    extra: Callable[[dict[str, Any]], list[str]] | None = None,
) -> Callable[[str], list[str]]:
    """A generate_validated validator for a JSON section with string fields ``rules``."""

    def validate(text: str) -> list[str]:
        try:
            data = parse_answer(text)
        except ValueError as exc:
            return [f"reply with one JSON object only ({exc})"]
        problems = []
        for name, rule in rules.items():
            value = data.get(name)
            if not isinstance(value, str) or not value.strip():
                problems.append(f"field {name!r} is missing or empty")
                continue
            value = value.strip()
            if not rule.min_chars <= len(value) <= rule.max_chars:
                problems.append(
                    f"field {name!r} has {len(value)} characters; "
                    f"keep it between {rule.min_chars} and {rule.max_chars}"
                )
            problems += [f"{name}: {p}" for p in unsupported_claims(value, facts_text, claims_text)]
            bad = unresolved_markers(value, allowed_refs)
            if bad:
                problems.append(
                    f"{name}: citation markers {bad} name no supplied source; "
                    f"cite only {sorted(allowed_refs)}"
                )
        if extra is not None and not problems:
            problems += extra(data)
        return problems

    return validate
