"""Hook and headline variants with distinct angles, de-duplicated by similarity.

Each variant passes the same rules as copy (length, banned words, traceable
claims); near-duplicates (word overlap or character similarity) are dropped, and
the model is asked again, with what was wrong, until ``n`` distinct ones exist.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Any

from agency.core import InputError, ProviderError
from agency.creation.copy.assemble import AnswerError, parse_answer
from agency.creation.copy.brief import CopyBrief
from agency.creation.copy.claims import trace_claims
from agency.creation.copy.models import Variant
from agency.creation.copy.offline_phrases import ANGLES
from agency.creation.copy.offline_writer import CopyTemplateWriter
from agency.creation.copy.prompts import system_prompt
from agency.providers import TextProvider, TextRequest, TextResult, generate_validated

HOOK_MAX = 120
HEADLINE_MAX = 60
MAX_VARIANTS = 20
_WORD = re.compile(r"\w+")

_VARIANT = {
    "type": "object",
    "properties": {
        "angle": {"type": "string", "description": "the angle's name"},
        "hook": {"type": "string", "description": f"opening line, at most {HOOK_MAX} characters"},
        "headline": {"type": "string", "description": f"at most {HEADLINE_MAX} characters"},
        "citations": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["angle", "hook", "headline", "citations"],
    "additionalProperties": False,
}
SCHEMA = {
    "type": "object",
    "properties": {"variants": {"type": "array", "items": _VARIANT}},
    "required": ["variants"],
    "additionalProperties": False,
}


class _Tracked:
    """A provider that records its name as the last one to answer."""

    def __init__(self, inner: TextProvider, last: list[str]) -> None:
        self.inner, self.name, self.last = inner, inner.name, last

    def complete(self, request: TextRequest) -> TextResult:
        self.last[0] = self.name
        return self.inner.complete(request)


def similar(a: str, b: str, *, threshold: float = 0.6, ignore: Sequence[str] = ()) -> bool:
    """True when two lines share most words or most characters (case-insensitive).

    Phrases in ``ignore`` (brand and product names) are removed first: every variant
    names them, so they say nothing about the angle.
    """
    a, b = a.lower(), b.lower()
    for phrase in ignore:
        if phrase.strip():
            a, b = a.replace(phrase.lower(), " "), b.replace(phrase.lower(), " ")
    wa, wb = set(_WORD.findall(a)), set(_WORD.findall(b))
    overlap = len(wa & wb) / max(1, len(wa | wb))
    return overlap >= threshold or SequenceMatcher(None, a, b).ratio() >= 0.85


def _problems(item: dict[str, Any], brief: CopyBrief) -> list[str]:
    hook, head = str(item.get("hook", "")).strip(), str(item.get("headline", "")).strip()
    found = []
    if not hook or not head:
        found.append("needs both a hook and a headline")
    if len(hook) > HOOK_MAX:
        found.append(f"hook is {len(hook)} characters; at most {HOOK_MAX}")
    if len(head) > HEADLINE_MAX:
        found.append(f"headline is {len(head)} characters; at most {HEADLINE_MAX}")
    text = f"{hook}\n{head}"
    found += [
        f"banned word {w!r}"
        for w in brief.banned_words
        if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.I)
    ]
    found += [
        f"claim {c.claim!r} is not in any proof point"
        for c in trace_claims(text, brief.evidence())
        if not c.sources
    ]
    return found


def _by_angle(variants: list[Variant]) -> list[Variant]:
    """The first variant of each angle first (distinct angles lead), then the rest, in order."""
    seen: set[str] = set()
    first: list[Variant] = []
    rest: list[Variant] = []
    for variant in variants:
        (rest if variant.angle in seen else first).append(variant)
        seen.add(variant.angle)
    return first + rest


def hook_variants(
    brief: CopyBrief,
    n: int,
    *,
    provider: TextProvider,
    angles: Sequence[str] = ANGLES,
    seed: int | None = None,
    max_repairs: int = 2,
) -> list[Variant]:
    """``n`` distinct hook/headline variants, each from a different angle where possible."""
    if not 1 <= n <= MAX_VARIANTS:
        raise InputError(f"n is {n}.", field="n", fix=f"Ask for 1 to {MAX_VARIANTS} variants.")
    asked = list(angles)[: max(n, min(len(angles), n + 2))]
    writer = CopyTemplateWriter(brief)
    last = [""]
    primary = _Tracked(writer if provider.name in ("template", "local-model") else provider, last)
    kept: list[Variant] = []
    names = (brief.product, brief.brand)

    def validate(text: str) -> list[str]:
        try:
            items = parse_answer(text).get("variants") or []
        except AnswerError as exc:
            return [str(exc)]
        issues = []
        for index, item in enumerate(x for x in items if isinstance(x, dict)):
            problems = _problems(item, brief)
            hook, angle = str(item.get("hook", "")).strip(), str(item.get("angle", "")).strip()
            if not problems and any(similar(hook, v.hook, ignore=names) for v in kept):
                problems.append("too similar to another variant")
            if problems:
                issues.append(f"variant {index + 1} ({angle}): " + "; ".join(problems))
                continue
            cites = [c for c in item.get("citations") or [] if c in brief.evidence()]
            kept.append(
                Variant(
                    angle=angle,
                    hook=hook,
                    headline=str(item["headline"]).strip(),
                    citations=cites,
                    provider=last[0],
                )
            )
        if len({v.angle for v in kept}) >= min(n, len(asked)) and len(kept) >= n:
            return []
        missing = [a for a in asked if a not in {v.angle for v in kept}]
        return [
            *issues,
            f"{len(kept)} distinct variants so far; {n} needed. "
            f"Write new ones from the angles: {', '.join(missing or asked)}.",
        ]

    request = TextRequest(
        system=system_prompt(brief),
        prompt=(
            f"Write {len(asked)} hook and headline variants for {brief.product} by "
            f"{brief.brand}, one per angle, each clearly different.\n"
            f"Angles: {', '.join(asked)}\nProposition: {brief.proposition}\n"
            f"Call to action: {brief.cta}\nHooks at most {HOOK_MAX} characters, headlines at "
            f"most {HEADLINE_MAX}.\nProof points (id: text):\n"
            + "\n".join(f"- {p.id}: {p.text}" for p in brief.proof_points)
        ),
        json_schema=SCHEMA,
        kind="hooks",
        seed=seed,
        max_tokens=2000,
    )
    try:
        generate_validated(
            primary, request, validate, max_repairs=max_repairs, fallback=_Tracked(writer, last)
        )
    except ProviderError:
        if len(kept) < n:
            raise
    return _by_angle(kept)[:n]
