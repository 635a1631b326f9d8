"""Deterministic repair of an answer the models could not fix: the last resort before failing.

It only removes or shortens, never invents: sentences with banned words or
untraceable claims are dropped, over-long fields are cut at a word boundary,
list fields are de-duplicated and capped, post bodies are cut to their budget.
The result still has to pass the gate.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from agency.creation.copy.brief import CopyBrief
from agency.creation.copy.claims import trace_claims
from agency.creation.copy.formats import FormatSpec
from agency.creation.copy.offline_phrases import shorten
from agency.creation.copy.prompts import body_budget
from agency.distribution.platforms import weighted_length

_SENTENCE = re.compile(r"(?<=[.!?])\s+")
FIELD_LIMITS: dict[str, dict[str, int]] = {
    "meta_ad": {"headline": 40, "primary_text": 125, "description": 27},
    "email": {"subject": 60, "preheader": 110},
    "landing": {"hero_headline": 70, "subhead": 160, "cta": 30},
    "tiktok_ad": {"text": 100},
    "youtube": {"title": 100},
    "blurb": {"title": 80, "text": 420},
    "article": {"title": 150},
    "press_release": {"headline": 120},
    "outline": {"title": 120},
}


def _allowed(sentence: str, brief: CopyBrief, evidence: Mapping[str, str]) -> bool:
    low = sentence.lower()
    for word in brief.banned_words:
        if word.strip() and re.search(rf"(?<!\w){re.escape(word.lower())}(?!\w)", low):
            return False
    return all(claim.sources for claim in trace_claims(sentence, evidence))


def clean_text(text: str, brief: CopyBrief, evidence: Mapping[str, str]) -> str:
    """``text`` without the sentences that carry banned words or untraceable claims."""
    kept = [s for s in _SENTENCE.split(text) if _allowed(s, brief, evidence)]
    return " ".join(kept).strip()


def _walk(value: Any, brief: CopyBrief, evidence: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        return clean_text(value, brief, evidence)
    if isinstance(value, list):
        items = [_walk(v, brief, evidence) for v in value]
        items = [v for v in items if v not in ("", None, {})]
        if all(isinstance(v, str) for v in items):
            items = list({v.lower(): v for v in reversed(items)}.values())[::-1]
        return items
    if isinstance(value, dict):
        return {k: v if k == "duration_s" else _walk(v, brief, evidence) for k, v in value.items()}
    return value


def salvage_answer(
    spec: FormatSpec, data: dict[str, Any], brief: CopyBrief, evidence: Mapping[str, str]
) -> dict[str, Any]:
    """A trimmed copy of ``data`` that may now pass the gate (it still has to be checked)."""
    known = {**brief.evidence(), **evidence}
    fixed: dict[str, Any] = _walk(data, brief, known)
    fixed["citations"] = [c for c in fixed.get("citations", []) if c in known]
    for key, rule in spec.items.items():
        items = fixed.get(key)
        if isinstance(items, list):
            if all(isinstance(i, str) for i in items):
                items = [i for i in items if len(i) <= rule.max_chars]
            fixed[key] = items[: rule.max_items]
    for key, limit in FIELD_LIMITS.get(spec.kind, {}).items():
        if isinstance(fixed.get(key), str):
            fixed[key] = shorten(fixed[key], limit)
    budget = body_budget(spec, brief)
    if budget and spec.kind in ("post", "youtube") and isinstance(fixed.get("text"), str):
        measure = weighted_length if spec.platform == "x" else len
        text = fixed["text"]
        while text and measure(text) > budget:
            shorter = shorten(text, len(text) - 1)
            if shorter == text:
                break
            text = shorter
        fixed["text"] = text
    return fixed
