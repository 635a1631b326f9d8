"""The always-available offline writer: marketing text composed from supplied facts.

It fills phrase-bank templates (``phrases.py``) with the request's facts, keeps
only candidates within ``max_chars``, and picks one with a seeded RNG, so output
is grounded and deterministic for a given seed. Structured requests (a JSON
schema) are filled field by field (``schema_fill.py``).
"""

from __future__ import annotations

import json
import random
import re
import string
from collections.abc import Mapping

from agency.providers.base import TextRequest, TextResult, Usage
from agency.providers.offline import phrases
from agency.providers.offline.schema_fill import fill_schema

_SLOT = re.compile(r"{(\w+)}")
_FACT_LINE = re.compile(r"^\s*[-*]?\s*([A-Za-z][\w ]{1,30}):\s*(.+?)\s*$")
_KIND_WORDS = ("headline", "tagline", "hook", "cta", "subject", "caption", "body", "title")


def normalise_facts(facts: Mapping[str, str]) -> dict[str, str]:
    """Lower-case keys, map synonyms (``company`` → ``brand``), drop empty values."""
    out: dict[str, str] = {}
    for key, value in facts.items():
        k = key.strip().lower().replace(" ", "_").replace("-", "_")
        k = phrases.FACT_ALIASES.get(k, k)
        v = str(value).strip().rstrip(".")
        if v and k not in out:
            out[k] = v
    return out


def facts_from_text(text: str) -> dict[str, str]:
    """``Key: value`` lines in a prompt, as facts (so plain prompts still ground output)."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        match = _FACT_LINE.match(line)
        if match:
            found[match.group(1)] = match.group(2)
    return found


def request_facts(request: TextRequest) -> dict[str, str]:
    """The request's facts, plus ``Key: value`` lines of its first user turn."""
    first = request.prompt or next((m.content for m in request.messages if m.role == "user"), "")
    return normalise_facts({**facts_from_text(first), **request.facts})


def _slots(facts: Mapping[str, str]) -> dict[str, str]:
    slots = dict(facts)
    for key, value in facts.items():
        slots[f"{key}_cap"] = value[:1].upper() + value[1:]
    return slots


def render(template: str, slots: Mapping[str, str]) -> str | None:
    """The filled template, or None when it names a slot we have no fact for."""
    if any(name not in slots for name in _SLOT.findall(template)):
        return None
    return string.Formatter().vformat(template, (), dict(slots))


def infer_kind(request: TextRequest) -> str:
    """The request's kind, or one named in its prompt, mapped to a phrase bank."""
    kind = (request.kind or "").strip().lower().replace(" ", "_").replace("-", "_")
    if not kind:
        text = " ".join(m.content for m in request.chat()).lower()
        kind = next((word for word in _KIND_WORDS if word in text), "body")
    return phrases.ALIASES.get(kind, kind)


def shorten(text: str, max_chars: int) -> str:
    """``text`` cut at the last word boundary within ``max_chars``."""
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars + 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return cut if 0 < len(cut) <= max_chars else text[:max_chars]


def fit(
    options: list[str], max_chars: int | None, facts: Mapping[str, str], rng: random.Random
) -> str:
    """A random option within ``max_chars``; else the product or brand; else a cut option."""
    if not max_chars:
        return rng.choice(options)
    fitting = [o for o in options if len(o) <= max_chars]
    if fitting:
        return rng.choice(fitting)
    names = [facts[k] for k in ("product", "brand") if 0 < len(facts.get(k, "")) <= max_chars]
    return names[0] if names else shorten(min(options, key=len), max_chars)


class TemplateTextProvider:
    """TextProvider that writes from facts with templates; no model, no network."""

    name = "template"
    model = "template-writer-1"

    def _rng(self, request: TextRequest) -> random.Random:
        seed = request.seed if request.seed is not None else int(request.fingerprint()[:8], 16)
        return random.Random(seed)

    def candidates(self, kind: str, facts: Mapping[str, str]) -> list[str]:
        """Every filled short-line template for ``kind`` (empty for long kinds)."""
        slots = _slots(facts)
        bank = phrases.SHORT_KINDS.get(kind, ())
        return [text for t in bank if (text := render(t, slots)) is not None]

    def compose_body(
        self, facts: Mapping[str, str], rng: random.Random, max_chars: int | None
    ) -> str:
        """A short paragraph: a hook, then one sentence per available fact, in order."""
        slots = _slots(facts)
        hooks = self.candidates("hook", facts) or self.candidates("headline", facts)
        sentences = [rng.choice(hooks)] if hooks else []
        for key in phrases.BODY_ORDER:
            options = [s for t in phrases.BODY_SENTENCES[key] if (s := render(t, slots))]
            if options:
                sentences.append(rng.choice(options))
        if not sentences:
            sentences = [f"{value[:1].upper()}{value[1:]}." for value in facts.values()]
        text = ""
        for sentence in sentences:
            candidate = f"{text} {sentence}".strip()
            if max_chars and len(candidate) > max_chars and text:
                break
            text = candidate
        return text

    def write(self, request: TextRequest) -> str:
        """The text for ``request`` (plain, or JSON when it has a schema)."""
        facts = request_facts(request)
        rng = self._rng(request)
        if request.json_schema is not None:
            value = fill_schema(request.json_schema, lambda k, n: self._field(k, n, facts, rng))
            return json.dumps(value, ensure_ascii=False)
        kind = infer_kind(request)
        options = self.candidates(kind, facts)
        if not options:
            return self.compose_body(facts, rng, request.max_chars)
        return fit(options, request.max_chars, facts, rng)

    def _field(
        self, kind: str, max_chars: int | None, facts: Mapping[str, str], rng: random.Random
    ) -> str:
        norm = phrases.ALIASES.get(kind, kind)
        if norm in facts:
            return facts[norm]
        options = self.candidates(norm, facts)
        if options:
            return fit(options, max_chars, facts, rng)
        return self.compose_body(facts, rng, max_chars) or kind.replace("_", " ")

    def complete(self, request: TextRequest) -> TextResult:
        """Compose text from the request's facts; deterministic for a given seed."""
        text = self.write(request)
        prompt_words = sum(len(m.content.split()) for m in request.chat())
        return TextResult(
            text=text,
            provider=self.name,
            model=self.model,
            prompt_hash=request.fingerprint(),
            seed=request.seed,
            usage=Usage(input_tokens=prompt_words, output_tokens=len(text.split())),
            stop_reason="end_turn",
        )
