"""Brand voice: measurements of known texts, the sample brand's profile, and the scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

from agency.core.errors import InputError
from agency.intelligence.crawl.html_parse import main_text
from agency.intelligence.voice import VoiceProfile, build_voice_profile, measure, score_voice
from agency.intelligence.voice.text_stats import sentences, syllables
from agency.samples import SAMPLE_SITE_DIR

ON_VOICE = (
    "Our new Rwanda lot arrived in October, and we roast it light in small batches of twelve "
    "kilos. Brew it as a pour-over and you will find red currant and black tea in the cup. "
    "We ship every bag within 48 hours of roasting, and orders over $40 ship free."
)
HYPE = (
    "OMG!!! 🔥🔥 This is the most AMAZING, revolutionary coffee EVER!!! Don't miss out, "
    "grab yours now and unleash your ultimate morning vibes!!! 😍☕ You deserve it!"
)
LEGALESE = (
    "Pursuant to the aforementioned agreement, the organisation shall provide remuneration "
    "in accordance with the stipulated terms and conditions, notwithstanding any subsequent "
    "modifications, amendments or supplementary documentation thereto."
)
ENERGY_BRAND = [
    "Ready to crush it?! ⚡ You've got this! Grab a can and go go go! 💪",
    "New flavour drop!!! Mango madness is HERE 🥭🔥 Don't sleep on it, you'll love it!",
    "You train hard. You play harder! Fuel up with zero sugar and all the buzz ⚡⚡",
    "Tag your gym crew! Who's ready for leg day?! 🏋️ Let's gooo!!!",
    "Your new favourite can is waiting! Hit the link and stock up today 🙌",
]


@pytest.fixture(scope="module")
def coffee_profile() -> VoiceProfile:
    texts = [main_text(p.read_text()) for p in sorted(Path(SAMPLE_SITE_DIR).rglob("*.html"))]
    return build_voice_profile(texts)


def test_syllables_and_sentences() -> None:
    assert [syllables(w) for w in ("cat", "coffee", "roastery", "table", "bergamot")] == [
        1,
        2,
        3,
        2,
        3,
    ]
    assert sentences("Hello there. How are you?\nFine!") == [
        "Hello there.",
        "How are you?",
        "Fine!",
    ]


def test_readability_orders_simple_above_complex() -> None:
    simple, complex_ = measure("The cat sat on the mat. It was warm."), measure(LEGALESE)
    assert simple.reading_ease > 90 > 20 > complex_.reading_ease
    assert simple.grade_level < 3 < 15 < complex_.grade_level
    assert simple.formality < complex_.formality


def test_habits_are_counted() -> None:
    stats = measure(HYPE)
    assert stats.exclamations_per_sentence > 1
    assert stats.emoji_per_100_words > 10
    assert stats.person_counts["you"] >= 3
    assert stats.contractions_per_100_words > 0


def test_sample_brand_profile(coffee_profile: VoiceProfile) -> None:
    p = coffee_profile
    assert max(p.person, key=lambda k: p.person[k]) == "we"
    assert p.exclamations_per_sentence == 0 and p.emoji_per_100_words == 0
    assert 0 < p.sentence_length.median <= p.sentence_length.mean * 2
    assert p.sentence_length.p90 >= p.sentence_length.median
    assert 4 < p.grade_level < 12
    assert "cold brew" in p.key_phrases
    assert {"roast", "roastery"} <= set(p.preferred_words)
    assert "revolutionary" in p.avoided_words and "coffee" not in p.avoided_words


def test_on_voice_copy_beats_off_voice_copy(coffee_profile: VoiceProfile) -> None:
    on = score_voice(coffee_profile, ON_VOICE)
    hype = score_voice(coffee_profile, HYPE)
    legal = score_voice(coffee_profile, LEGALESE)
    assert on.on_voice and not hype.on_voice and not legal.on_voice
    assert on.score > legal.score > hype.score
    assert on.score - hype.score > 0.3
    joined = " ".join(hype.reasons)
    assert "avoids: amazing, revolutionary, ultimate, unleash" in joined
    assert "emoji" in joined and "exclamation" in joined
    assert any("grade" in r for r in legal.reasons)


def test_the_same_copy_fits_one_brand_and_not_another(coffee_profile: VoiceProfile) -> None:
    energy = build_voice_profile(ENERGY_BRAND * 2)
    assert energy.exclamations_per_sentence > 0.5 and energy.emoji_per_100_words > 3
    assert max(energy.person, key=lambda k: energy.person[k]) == "you"
    assert score_voice(energy, HYPE).score > score_voice(coffee_profile, HYPE).score
    assert score_voice(coffee_profile, ON_VOICE).score > score_voice(energy, ON_VOICE).score


def test_words_the_brand_says_it_avoids(coffee_profile: VoiceProfile) -> None:
    texts = [ON_VOICE * 3]
    profile = build_voice_profile(texts, avoid=["Cheap", "caffeine"])
    assert "caffeine" in profile.avoided_words
    score = score_voice(profile, "A cheap cup with plenty of caffeine, roasted in small batches.")
    assert any("cheap, caffeine" in r for r in score.reasons)


def test_bad_input() -> None:
    with pytest.raises(InputError, match="at least 50"):
        build_voice_profile(["Too short."])
    texts = [ON_VOICE * 3]
    with pytest.raises(InputError):
        score_voice(build_voice_profile(texts), "  🔥 !!! ")
