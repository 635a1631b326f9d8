"""Brand voice: a VoiceProfile measured from the brand's texts, and a scorer for new copy.

``build_voice_profile(texts)`` measures readability, sentence rhythm, formality,
person, exclamation and emoji habits, signature phrases and preferred/avoided
words; ``score_voice(profile, text)`` rates copy 0–1 with reasons, so later
stages can reject off-voice drafts.
"""

from agency.intelligence.voice.profile import SentenceLengths, VoiceProfile, build_voice_profile
from agency.intelligence.voice.scoring import DEFAULT_THRESHOLD, VoiceScore, score_voice
from agency.intelligence.voice.text_stats import TextStats, measure

__all__ = [
    "DEFAULT_THRESHOLD",
    "SentenceLengths",
    "TextStats",
    "VoiceProfile",
    "VoiceScore",
    "build_voice_profile",
    "measure",
    "score_voice",
]
