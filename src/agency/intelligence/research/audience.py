"""Audience profiler: 2–4 segments grounded in the brand's own passages, every field cited."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from agency.intelligence.research.models import AudienceSegment, Citation, Statement
from agency.intelligence.research.segments import (
    ARCHETYPES,
    B2B_SOCIAL,
    CHANNEL_CUES,
    NEED_CUES,
    OBJECTION_CUES,
    Archetype,
)
from agency.intelligence.research.sources import Passage, Sentence, sentences_of, short_phrase
from agency.providers.base import TextProvider, TextRequest
from agency.providers.validated import Validator, generate_validated

MIN_SEGMENTS = 2
MAX_SEGMENTS = 4
MAX_NEEDS = 4
Retriever = Callable[[str], Sequence[Passage]]
MIN_EVIDENCE = 2
MESSAGE_MAX_CHARS = 140
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _hits(archetype: Archetype, sentences: Sequence[Sentence]) -> list[Sentence]:
    scored = [(len(archetype.cues.findall(s.text)), s) for s in sentences]
    ranked = sorted(
        (row for row in scored if row[0]),
        key=lambda row: (-row[0], len(row[1].text), row[1].index),
    )
    return [s for _, s in ranked]


def grounded_validator(facts: Mapping[str, str]) -> Validator:
    """Reject text over the length cap or with numbers that are not in the facts."""
    allowed = set(_NUMBER.findall(" ".join(facts.values())))

    def validate(text: str) -> list[str]:
        problems = []
        if not text.strip():
            problems.append("the message is empty")
        if len(text) > MESSAGE_MAX_CHARS:
            problems.append(f"keep it under {MESSAGE_MAX_CHARS} characters")
        invented = [n for n in _NUMBER.findall(text) if n not in allowed]
        if invented:
            problems.append(f"use only numbers from the facts (not {', '.join(invented)})")
        return problems

    return validate


def _message(
    provider: TextProvider, brand: str, archetype: Archetype, need: Sentence, seed: int
) -> Statement:
    facts = {"brand": brand, "audience": archetype.name.lower(), "benefit": short_phrase(need.text)}
    request = TextRequest(
        system="Write one short marketing line for this audience, using only the facts given.",
        prompt=f"A message for {archetype.name.lower()}.",
        kind="tagline",
        facts=facts,
        max_chars=MESSAGE_MAX_CHARS,
        max_tokens=80,
        seed=seed,
    )
    result = generate_validated(provider, request, grounded_validator(facts))
    return Statement(text=result.text.strip(), citations=[need.cite()])


def _channels(
    archetype: Archetype,
    hits: Sequence[Sentence],
    sentences: Sequence[Sentence],
    social: Mapping[str, str],
    home: Citation | None,
) -> list[Statement]:
    out = []
    for channel, pattern in CHANNEL_CUES.items():
        found = next((s for s in hits if pattern.search(s.text)), None)
        if found is None and archetype.key in ("locals", "business"):
            found = next(
                (s for s in sentences if pattern.search(s.text) and archetype.cues.search(s.text)),
                None,
            )
        if found is not None:
            out.append(
                Statement(text=f"Reached by {channel}", citations=[found.cite()], topic=channel)
            )
    if home is not None and home.url:
        b2b = archetype.key == "business"
        for name, url in social.items():
            if (name.lower() in B2B_SOCIAL) == b2b:
                cite = Citation(url=home.url, title=home.title, quote=url)
                label = name if name[:1].isupper() else name.capitalize()
                out.append(
                    Statement(text=f"Follows the brand on {label}", citations=[cite], topic=label)
                )
    return out[:4]


def _retrieved_needs(retrieve: Retriever, archetype: Archetype, used: set[str]) -> list[Sentence]:
    """Sentences of semantically retrieved passages that state a need or a segment cue."""
    found = []
    for sentence in sentences_of(retrieve(f"{archetype.name}: {archetype.who}")):
        if sentence.text in used or OBJECTION_CUES.search(sentence.text):
            continue
        if NEED_CUES.search(sentence.text) or archetype.cues.search(sentence.text):
            used.add(sentence.text)
            found.append(sentence)
    return found[:2]


def profile_audiences(
    sentences: Sequence[Sentence],
    *,
    brand: str,
    text_provider: TextProvider,
    social_links: Mapping[str, str] | None = None,
    home: Citation | None = None,
    retrieve: Retriever | None = None,
    seed: int = 7,
) -> list[AudienceSegment]:
    """The 2–4 audiences the brand's texts speak to most, each field citing passages.

    Segments are ranked by how many sentences carry their cues; the text provider
    only phrases messages from facts taken from those sentences. ``retrieve`` (a
    semantic knowledge-base search) adds needs that the cue words miss.
    """
    ranked = sorted(((a, _hits(a, sentences)) for a in ARCHETYPES), key=lambda row: -len(row[1]))
    chosen = [row for row in ranked if len(row[1]) >= MIN_EVIDENCE][:MAX_SEGMENTS]
    if len(chosen) < MIN_SEGMENTS:
        chosen = [row for row in ranked if row[1]][:MIN_SEGMENTS]
    segments = []
    for number, (archetype, hits) in enumerate(chosen):
        objections = [s for s in hits if OBJECTION_CUES.search(s.text)][:2]
        needs = [s for s in hits if s not in objections and NEED_CUES.search(s.text)][:3]
        needs = needs or [s for s in hits if s not in objections][:2] or hits[:1]
        if retrieve is not None:
            needs += _retrieved_needs(retrieve, archetype, {s.text for s in [*needs, *objections]})
            needs = needs[:MAX_NEEDS]
        segments.append(
            AudienceSegment(
                name=archetype.name,
                who=Statement(
                    text=f"{archetype.name}: {archetype.who}",
                    citations=[h.cite() for h in hits[:2]],
                ),
                needs=[Statement(text=f"Need: {s.text}", citations=[s.cite()]) for s in needs],
                objections=[
                    Statement(text=f"Objection answered: {s.text}", citations=[s.cite()])
                    for s in objections
                ],
                channels=_channels(archetype, hits, sentences, social_links or {}, home),
                messages=[_message(text_provider, brand, archetype, needs[0], seed + number)],
                evidence=len(hits),
            )
        )
    return segments
