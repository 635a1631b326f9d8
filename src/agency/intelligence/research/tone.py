"""Tone of a site from its voice measures, illustrated by sentences that show it."""

from __future__ import annotations

from collections.abc import Sequence

from agency.core.errors import InputError
from agency.intelligence.research.models import Statement
from agency.intelligence.research.sources import Sentence, words
from agency.intelligence.voice import VoiceProfile, build_voice_profile


def possessive(name: str) -> str:
    """``Northbound Coffee Roasters'`` / ``Big Lake Value Coffee's``."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def tone_words(voice: VoiceProfile) -> list[str]:
    """Plain descriptors for a voice profile (register, energy, address, readability)."""
    out = []
    out.append(
        "formal"
        if voice.formality > 0.6
        else "conversational"
        if voice.formality < 0.4
        else "neither formal nor chatty"
    )
    if voice.exclamations_per_sentence >= 0.15:
        out.append("exclamatory")
    if voice.person.get("you", 0) >= 0.4:
        out.append("speaks to 'you'")
    elif voice.person.get("we", 0) >= 0.4:
        out.append("speaks as 'we'")
    out.append(
        "easy to read"
        if voice.reading_ease >= 65
        else "demanding to read"
        if voice.reading_ease < 45
        else "plain to read"
    )
    return out


def _examples(voice: VoiceProfile, sentences: Sequence[Sentence]) -> list[Sentence]:
    def score(s: Sentence) -> float:
        tokens = words(s.text)
        you = sum(t in ("you", "your") for t in tokens)
        we = sum(t in ("we", "our", "us") for t in tokens)
        bang = s.text.count("!")
        if voice.exclamations_per_sentence >= 0.15:
            return bang * 3 + you
        if voice.person.get("you", 0) >= 0.4:
            return you * 2 + bang
        return we * 2 + you

    ranked = sorted(sentences, key=lambda s: (-score(s), s.index))
    return [s for s in ranked[:2] if score(s) > 0] or list(sentences[:1])


def tone_statements(name: str, sentences: Sequence[Sentence]) -> list[Statement]:
    """One statement describing the tone, with numbers, citing sentences that show it."""
    try:
        voice = build_voice_profile([s.text for s in sentences])
    except InputError:
        return []
    examples = _examples(voice, sentences)
    if not examples:
        return []
    text = (
        f"{possessive(name)} tone is {', '.join(tone_words(voice))}: "
        f"{voice.exclamations_per_sentence:.2f} exclamations per sentence, "
        f"reading ease {voice.reading_ease:.0f}, formality {voice.formality:.2f}, "
        f"{voice.sentence_length.mean:.1f} words per sentence"
    )
    return [Statement(text=text, citations=[s.cite() for s in examples])]
