"""Is a text English? A language identifier plus an English function-word check."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_ENGLISH_FUNCTION_WORDS_TEXT = (
    "the a an and or but of to in on at for with by from as is are was were be been it its "
    "this that these those we you they our your their i he she not no do does can will "
    "would should if so than then there here what which who how all more"
)
_ENGLISH_FUNCTION_WORDS = frozenset(_ENGLISH_FUNCTION_WORDS_TEXT.split())
_SAMPLE_CHARS = 6000
_MIN_WORDS = 20


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """The most likely ISO 639-1 language of ``text`` and its probability."""
    lang, prob = _identifier().classify(text[:_SAMPLE_CHARS])
    return str(lang), float(prob)


def english_word_ratio(text: str) -> float:
    """Share of words that are common English function words (≈0.3–0.5 in English)."""
    words = [w.lower() for w in _WORD.findall(text[:_SAMPLE_CHARS])]
    if not words:
        return 0.0
    return sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words)


def non_english_language(text: str) -> str | None:
    """The detected language when ``text`` is clearly not English, else None.

    Short texts are let through: identification is unreliable under ~20 words.
    """
    if len(_WORD.findall(text[:_SAMPLE_CHARS])) < _MIN_WORDS:
        return None
    lang, prob = detect_language(text)
    if lang == "en":
        return None
    if english_word_ratio(text) >= 0.15 and prob < 0.99:
        return None
    return lang
