"""Signature phrases and preferred words: what a brand says far more than English does.

The background is general English word frequency (``wordfreq``, shipped with
its data). A phrase's weight is its count in the brand's texts times how rare
its words are in general English (an IDF against that background), so "small
batch" and "roast date" rise while "the coffee is" does not.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from agency.intelligence.voice.lexicon import STOPWORDS
from agency.intelligence.voice.text_stats import sentences, words

_MAX_ZIPF = 8.0


@lru_cache(maxsize=50_000)
def background_zipf(word: str) -> float:
    """General-English frequency of ``word`` on the Zipf scale (0 unseen … ~7.7 'the')."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


def rarity(word: str) -> float:
    """An IDF-like weight: how much rarer ``word`` is than the commonest English words."""
    return max(_MAX_ZIPF - background_zipf(word), 0.5)


def _content(word: str) -> bool:
    return word not in STOPWORDS and len(word) > 2 and not word.isdigit()


def ngram_counts(texts: Sequence[str], n_max: int = 3) -> Counter[tuple[str, ...]]:
    """Counts of 1..n_max-grams within sentences that start and end on content words."""
    counts: Counter[tuple[str, ...]] = Counter()
    for text in texts:
        for sentence in sentences(text):
            tokens = words(sentence)
            for n in range(1, n_max + 1):
                for i in range(len(tokens) - n + 1):
                    gram = tuple(tokens[i : i + n])
                    if _content(gram[0]) and _content(gram[-1]):
                        counts[gram] += 1
    return counts


def key_phrases(texts: Sequence[str], *, limit: int = 12) -> list[str]:
    """The brand's signature multi-word phrases, best first (each seen at least twice)."""
    counts = ngram_counts(texts)
    scored: list[tuple[float, tuple[str, ...]]] = []
    for gram, count in counts.items():
        if len(gram) < 2 or count < 2:
            continue
        content = [w for w in gram if _content(w)]
        weight = count * sum(rarity(w) for w in content) / len(content) * (1 + 0.3 * len(gram))
        scored.append((weight, gram))
    scored.sort(key=lambda item: (-item[0], item[1]))
    chosen: list[tuple[str, ...]] = []
    for _, gram in scored:
        phrase = " ".join(gram)
        if any(phrase in " ".join(c) or " ".join(c) in phrase for c in chosen):
            continue
        chosen.append(gram)
        if len(chosen) == limit:
            break
    return [" ".join(g) for g in chosen]


def preferred_words(texts: Sequence[str], *, limit: int = 20) -> list[str]:
    """Content words the brand uses far more often than general English does."""
    counts = Counter(w for text in texts for w in words(text) if _content(w) and "'" not in w)
    total = sum(counts.values()) or 1
    scored: list[tuple[float, str]] = []
    for word, count in counts.items():
        if count < 2:
            continue
        brand_log = math.log10(count / total)
        english_log = background_zipf(word) - 9.0
        lift = brand_log - english_log
        if lift > 1.0:
            scored.append((lift * math.log1p(count), word))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [w for _, w in scored[:limit]]
