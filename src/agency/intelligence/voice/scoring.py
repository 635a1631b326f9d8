"""Rate new copy against a VoiceProfile: a score from 0 to 1 and the reasons for it.

Each aspect (readability, sentence length, formality, person, exclamations,
emoji, vocabulary) gets a similarity in [0, 1]; the score is their weighted
mean. Reasons name every aspect that pulled the score down, with the numbers.
"""

from __future__ import annotations

import math
import re

from pydantic import Field

from agency.core.artifacts import Artifact
from agency.core.errors import InputError
from agency.intelligence.voice.profile import VoiceProfile
from agency.intelligence.voice.text_stats import measure, words

WEIGHTS = {
    "readability": 0.15,
    "sentence_length": 0.15,
    "formality": 0.15,
    "person": 0.15,
    "exclamations": 0.10,
    "emoji": 0.10,
    "vocabulary": 0.20,
}
DEFAULT_THRESHOLD = 0.6
_WEAK = 0.7


class VoiceScore(Artifact):
    """How close a text is to the brand's voice, and why."""

    score: float = Field(ge=0, le=1)
    on_voice: bool
    threshold: float
    components: dict[str, float]
    reasons: list[str]


def _closeness(value: float, target: float, tolerance: float) -> float:
    """1 when equal, falling smoothly to ~0.37 at one ``tolerance`` away."""
    return math.exp(-abs(value - target) / max(tolerance, 1e-9))


def _rate_closeness(value: float, target: float, scale: float) -> float:
    """Closeness of habit rates where the brand's zero is a firm 'never'."""
    if target < 1e-6 and value > 0:
        return max(0.0, 0.4 - value / scale)
    return _closeness(value, target, max(scale, target))


def score_voice(
    profile: VoiceProfile, text: str, *, threshold: float = DEFAULT_THRESHOLD
) -> VoiceScore:
    """Score ``text`` against ``profile`` (1 = indistinguishable from the brand)."""
    if not words(text):
        raise InputError("The text to score has no words.", field="text", fix="Give some copy.")
    stats = measure(text)
    parts: dict[str, float] = {}
    reasons: list[tuple[str, str]] = []

    def rate(aspect: str, value: float, reason: str) -> None:
        parts[aspect] = value
        reasons.append((aspect, reason))

    rate(
        "readability",
        _closeness(stats.grade_level, profile.grade_level, 3.0),
        f"reads at grade {stats.grade_level:.1f}; the brand at {profile.grade_level:.1f}",
    )
    lengths = profile.sentence_length
    mean_len = sum(stats.sentence_lengths) / max(len(stats.sentence_lengths), 1)
    rate(
        "sentence_length",
        _closeness(mean_len, lengths.mean, max(lengths.stdev, 0.35 * lengths.mean, 3.0)),
        f"sentences average {mean_len:.1f} words; the brand's {lengths.mean:.1f}",
    )
    tone = "more formal" if stats.formality > profile.formality else "more casual"
    rate(
        "formality",
        _closeness(stats.formality, profile.formality, 0.2),
        f"{tone} than the brand (formality {stats.formality:.2f} vs {profile.formality:.2f})",
    )
    rate("person", *_person(profile, stats.person_counts))
    rate(
        "exclamations",
        _rate_closeness(stats.exclamations_per_sentence, profile.exclamations_per_sentence, 0.3),
        f"{stats.exclamations_per_sentence:.2f} exclamation marks per sentence; "
        f"the brand {profile.exclamations_per_sentence:.2f}",
    )
    rate(
        "emoji",
        _rate_closeness(stats.emoji_per_100_words, profile.emoji_per_100_words, 3.0),
        f"{stats.emoji_per_100_words:.1f} emoji per 100 words; "
        f"the brand {profile.emoji_per_100_words:.1f}",
    )
    vocabulary, vocab_reasons = _vocabulary(profile, text)
    parts["vocabulary"] = vocabulary
    reasons.extend(("vocabulary", r) for r in vocab_reasons)

    score = sum(WEIGHTS[k] * v for k, v in parts.items()) / sum(WEIGHTS.values())
    score = round(min(1.0, max(0.0, score)), 4)
    shown = [r for aspect, r in reasons if parts[aspect] < _WEAK or aspect == "vocabulary"]
    if not shown:
        shown = ["matches the brand's readability, rhythm, register and habits"]
    return VoiceScore(
        score=score,
        on_voice=score >= threshold,
        threshold=threshold,
        components={k: round(v, 4) for k, v in parts.items()},
        reasons=shown,
    )


def _person(profile: VoiceProfile, counts: dict[str, int]) -> tuple[float, str]:
    total = sum(counts.values())
    if total == 0:
        return 0.75, "uses no personal pronouns"
    share = {k: v / total for k, v in counts.items()}
    distance = sum(abs(share.get(k, 0.0) - profile.person.get(k, 0.0)) for k in counts) / 2
    main = max(share, key=lambda k: share[k])
    brand_main = max(profile.person, key=lambda k: profile.person[k]) if profile.person else main
    return 1 - distance, (
        f"speaks mostly as '{main}' ({share[main]:.0%}); the brand mostly as "
        f"'{brand_main}' ({profile.person.get(brand_main, 0.0):.0%})"
    )


def _vocabulary(profile: VoiceProfile, text: str) -> tuple[float, list[str]]:
    tokens = words(text)
    present = set(tokens)
    joined = " " + " ".join(tokens) + " "
    avoided = [w for w in profile.avoided_words if w in present]
    preferred = [w for w in profile.preferred_words if w in present]
    phrases = [p for p in profile.key_phrases if re.search(rf" {re.escape(p)} ", joined)]
    value = 0.6 + 0.2 * min(1, len(preferred) / 2) + 0.2 * min(1, len(phrases))
    value -= 0.25 * len(avoided)
    reasons: list[str] = []
    if avoided:
        reasons.append(f"uses words the brand avoids: {', '.join(avoided)}")
    if preferred or phrases:
        reasons.append(f"uses the brand's words: {', '.join(phrases + preferred)}")
    else:
        reasons.append("uses none of the brand's signature words or phrases")
    return max(0.0, min(1.0, value)), reasons
