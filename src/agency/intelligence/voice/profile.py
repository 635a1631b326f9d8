"""The VoiceProfile: how a brand writes, measured from its own texts."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from pydantic import Field

from agency.core.artifacts import Artifact
from agency.core.errors import InputError
from agency.intelligence.voice.lexicon import MARKETING_CLICHES
from agency.intelligence.voice.phrases import key_phrases, preferred_words
from agency.intelligence.voice.text_stats import measure, percentile, words

MIN_WORDS = 50


class SentenceLengths(Artifact):
    """Words per sentence across the brand's texts."""

    mean: float
    median: float
    p90: float
    stdev: float


class VoiceProfile(Artifact):
    """Readability, rhythm, register and vocabulary of a brand's writing."""

    texts: int
    words: int
    sentences: int
    reading_ease: float = Field(description="Flesch reading ease (higher is easier).")
    grade_level: float = Field(description="Flesch–Kincaid grade level.")
    sentence_length: SentenceLengths
    formality: float = Field(ge=0, le=1, description="0 chatty … 1 formal.")
    person: dict[str, float] = Field(description="Share of we/you/they/i among pronouns.")
    pronouns_per_100_words: float
    exclamations_per_sentence: float
    questions_per_sentence: float
    emoji_per_100_words: float
    contractions_per_100_words: float
    key_phrases: list[str]
    preferred_words: list[str]
    avoided_words: list[str]


def build_voice_profile(texts: Sequence[str], *, avoid: Sequence[str] = ()) -> VoiceProfile:
    """Measure a brand's voice from its own texts (site pages, posts, documents).

    ``avoid`` adds words the brand has said it never uses. Words from a list of
    generic marketing clichés that the texts never use are counted as avoided.
    """
    texts = [t for t in texts if t and t.strip()]
    joined = "\n\n".join(texts)
    stats = measure(joined)
    if stats.words < MIN_WORDS:
        raise InputError(
            f"Only {stats.words} words of brand text; at least {MIN_WORDS} are needed.",
            field="texts",
            fix="Crawl more pages or add documents written by the brand.",
        )
    used = set(words(joined))
    avoided = [w for w in MARKETING_CLICHES if w not in used]
    avoided += [w.lower() for w in avoid if w.lower() not in avoided]
    lengths = stats.sentence_lengths
    pronouns = sum(stats.person_counts.values())
    return VoiceProfile(
        texts=len(texts),
        words=stats.words,
        sentences=stats.sentences,
        reading_ease=round(stats.reading_ease, 2),
        grade_level=round(stats.grade_level, 2),
        sentence_length=SentenceLengths(
            mean=round(statistics.fmean(lengths), 2),
            median=float(statistics.median(lengths)),
            p90=round(percentile(lengths, 0.9), 2),
            stdev=round(statistics.pstdev(lengths), 2),
        ),
        formality=stats.formality,
        person={
            k: round(v / pronouns, 4) if pronouns else 0.0 for k, v in stats.person_counts.items()
        },
        pronouns_per_100_words=round(100 * pronouns / stats.words, 3),
        exclamations_per_sentence=round(stats.exclamations_per_sentence, 4),
        questions_per_sentence=round(stats.questions_per_sentence, 4),
        emoji_per_100_words=round(stats.emoji_per_100_words, 4),
        contractions_per_100_words=round(stats.contractions_per_100_words, 4),
        key_phrases=key_phrases(texts),
        preferred_words=preferred_words(texts),
        avoided_words=avoided,
    )
