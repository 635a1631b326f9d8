"""Text measurements for voice: sentences, words, syllables, readability, habits."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from agency.intelligence.voice.lexicon import INFORMAL_MARKERS

_SENTENCE = re.compile(r"[^.!?…\n]+(?:[.!?…]+[\"'”’)]*|\n|$)")
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*(?:-[A-Za-z]+)*")
_CONTRACTION = re.compile(r"[A-Za-z]+['’](?:t|re|ll|ve|m|d|s)\b", re.IGNORECASE)
_NOMINAL = re.compile(r"(?:tion|sion|ment|ness|ity|ance|ence)s?$")
EMOJI = re.compile(
    "[\U0001f000-\U0001faff\U00002600-\U000027bf\U0001f1e6-\U0001f1ff\u2b50\u2b55\u203c\u2049]"
)
PERSONS: dict[str, frozenset[str]] = {
    "we": frozenset({"we", "us", "our", "ours", "ourselves", "we're", "we've", "we'll", "we'd"}),
    "you": frozenset({"you", "your", "yours", "yourself", "you're", "you've", "you'll", "you'd"}),
    "they": frozenset({"they", "them", "their", "theirs", "they're", "they've", "they'll"}),
    "i": frozenset({"i", "me", "my", "mine", "myself", "i'm", "i've", "i'll", "i'd"}),
}


def sentences(text: str) -> list[str]:
    """Sentences of ``text`` (line breaks end sentences too, as in lists and headings)."""
    found = (m.group(0).strip() for m in _SENTENCE.finditer(text))
    return [s for s in found if _WORD.search(s)]


def words(text: str) -> list[str]:
    """Words, lower-cased, with typographic apostrophes made plain."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def syllables(word: str) -> int:
    """Estimated syllables of an English word (vowel groups less silent endings)."""
    w = re.sub(r"[^a-z]", "", word.lower())
    if len(w) <= 3:
        return 1 if w else 0
    count = len(re.findall(r"[aeiouy]+", w))
    if w.endswith("e") and not w.endswith(("ee", "ye")):
        if not (w.endswith("le") and w[-3] not in "aeiouy"):
            count -= 1
    elif (w.endswith("ed") and w[-3] not in "aeiouytd") or (
        w.endswith("es") and w[-3] not in "aeiouysxzcgh"
    ):
        count -= 1
    return max(1, count)


@dataclass(frozen=True)
class TextStats:
    """The raw counts and rates a voice is measured from."""

    words: int
    sentences: int
    sentence_lengths: list[int]
    syllables: int
    reading_ease: float
    grade_level: float
    formality: float
    person_counts: dict[str, int]
    exclamations_per_sentence: float
    questions_per_sentence: float
    emoji_per_100_words: float
    contractions_per_100_words: float


def measure(text: str) -> TextStats:
    """Measure one text (or several joined by blank lines)."""
    sents = sentences(text)
    tokens = words(text)
    n_words = max(len(tokens), 1)
    n_sents = max(len(sents), 1)
    syl = sum(syllables(w) for w in tokens)
    wps, spw = n_words / n_sents, syl / n_words
    persons = {name: sum(t in forms for t in tokens) for name, forms in PERSONS.items()}
    exclaims = text.count("!")
    contractions = len(_CONTRACTION.findall(text))
    emoji = len(EMOJI.findall(text))
    return TextStats(
        words=len(tokens),
        sentences=len(sents),
        sentence_lengths=_prose_lengths(sents),
        syllables=syl,
        reading_ease=206.835 - 1.015 * wps - 84.6 * spw,
        grade_level=0.39 * wps + 11.8 * spw - 15.59,
        formality=_formality(tokens, n_sents, exclaims, contractions, emoji),
        person_counts=persons,
        exclamations_per_sentence=exclaims / n_sents,
        questions_per_sentence=text.count("?") / n_sents,
        emoji_per_100_words=100 * emoji / n_words,
        contractions_per_100_words=100 * contractions / n_words,
    )


def _prose_lengths(sents: list[str]) -> list[int]:
    """Words per sentence, leaving out headings and list labels (under 3 words)."""
    lengths = [len(words(s)) for s in sents]
    return [n for n in lengths if n >= 3] or lengths


def _formality(
    tokens: list[str], n_sents: int, exclaims: int, contractions: int, emoji: int
) -> float:
    """0 (chatty) to 1 (formal): long words and nominalisations up, contractions,
    exclamations, emoji, slang and direct address down."""
    if not tokens:
        return 0.5
    n = len(tokens)
    avg_len = statistics.fmean(len(t) for t in tokens)
    nominal = 100 * sum(bool(_NOMINAL.search(t)) for t in tokens if len(t) > 6) / n
    slang = 100 * sum(t in INFORMAL_MARKERS for t in tokens) / n
    direct = 100 * sum(t in PERSONS["you"] or t in PERSONS["i"] for t in tokens) / n
    z = (
        1.2 * (avg_len - 4.6)
        + 0.25 * nominal
        - 0.35 * (100 * contractions / n)
        - 2.0 * (exclaims / n_sents)
        - 0.6 * (100 * emoji / n)
        - 0.8 * slang
        - 0.08 * direct
    )
    return round(1 / (1 + 2.718281828 ** (-z)), 4)


def percentile(values: list[int], q: float) -> float:
    """The ``q`` quantile (0–1) of ``values`` by linear interpolation."""
    if not values:
        return 0.0
    ordered = sorted(values)
    pos = q * (len(ordered) - 1)
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)
