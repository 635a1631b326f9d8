"""Brand voice in the gate, and hook/headline variants with distinct angles."""

from __future__ import annotations

import pytest

from agency.core import InputError
from agency.creation.copy import (
    CopyBrief,
    CopyPiece,
    CopyTarget,
    check_piece,
    hook_variants,
    write_copy,
)
from agency.creation.copy.hooks import similar
from agency.intelligence.voice import build_voice_profile
from agency.providers import TemplateTextProvider

BRAND_TEXTS = [
    "We are a small roastery on the harbor in Duluth, Minnesota. Since 2016 we have roasted "
    "green coffee from a handful of farms we know by name, in batches of twelve kilos.",
    "We ship every order within 48 hours of roasting. We still bag every order by hand, and "
    "we answer most of the email you send us ourselves.",
    "Our head roaster travels to origin once a year and signs off every roast profile. We "
    "cup every lot before we buy it, and we pay our farmers well above the market price.",
]
OFF_VOICE = (
    "OMG!!! I totally LOVE this amazing game-changer 🔥🔥🔥 I can't even!!! "
    "Order a bottle https://northboundcoffee.com/cold-brew"
)
ON_VOICE = (
    "We steep every batch for 18 hours, in small batches, on the harbor in Duluth. We taste "
    "each one before it ships. Order a bottle https://northboundcoffee.com/cold-brew"
)


@pytest.fixture
def voiced(brief: CopyBrief) -> CopyBrief:
    return brief.model_copy(update={"voice_profile": build_voice_profile(BRAND_TEXTS)})


def post(text: str) -> CopyPiece:
    return CopyPiece(id="li0000000001", platform="linkedin", format="post", text=text)


def test_off_voice_copy_is_a_violation_with_reasons(voiced: CopyBrief) -> None:
    assert check_piece(post(ON_VOICE), brief=voiced) == []
    problems = check_piece(post(OFF_VOICE), brief=voiced)
    assert len(problems) == 1 and "brand-voice score" in problems[0]
    assert "exclamation" in problems[0] and "avoids" in problems[0]


def test_off_voice_answer_is_repaired(voiced: CopyBrief, fake_model) -> None:
    model = fake_model(
        [
            {"text": OFF_VOICE, "hashtags": [], "citations": []},
            {"text": ON_VOICE, "hashtags": [], "citations": ["p-steep"]},
        ]
    )
    piece = write_copy(CopyTarget(platform="linkedin", format="post"), voiced, provider=model)
    assert "brand-voice score" in model.requests[1].messages[-1].content
    assert piece.voice is not None and piece.voice.score >= voiced.voice_threshold


def test_hook_variants_have_distinct_angles_offline(brief: CopyBrief) -> None:
    variants = hook_variants(brief, 6, provider=TemplateTextProvider())
    assert len(variants) == 6
    assert len({v.angle for v in variants}) == 6
    for i, a in enumerate(variants):
        assert len(a.hook) <= 120 and len(a.headline) <= 60
        assert "cheap" not in a.hook.lower()
        assert not any(similar(a.hook, b.hook) for b in variants[i + 1 :])


def test_near_duplicate_and_unproven_variants_are_sent_back(brief: CopyBrief, fake_model) -> None:
    first = {
        "variants": [
            {"angle": "benefit", "hook": "Cold brew, steeped for 18 hours.",
             "headline": "Steeped for 18 hours", "citations": ["p-steep"]},
            {"angle": "story", "hook": "Cold brew, steeped for 18 hours!",
             "headline": "Slow by design", "citations": []},
            {"angle": "social_proof", "hook": "Voted the best cold brew in Minnesota.",
             "headline": "Minnesota's favourite", "citations": []},
        ]
    }  # fmt: skip
    second = {
        "variants": [
            {"angle": "story", "hook": "It began in a garage by the harbor in Duluth.",
             "headline": "Born on the harbor", "citations": []},
            {"angle": "social_proof", "hook": "We roast in batches of twelve kilos.",
             "headline": "Twelve kilos at a time", "citations": ["p-roast"]},
        ]
    }  # fmt: skip
    model = fake_model([first, second])
    variants = hook_variants(brief, 3, provider=model, angles=["benefit", "story", "social_proof"])
    assert [v.angle for v in variants] == ["benefit", "story", "social_proof"]
    assert variants[1].hook.startswith("It began")
    feedback = model.requests[1].messages[-1].content
    assert "too similar" in feedback and "'best' is not in any proof point" in feedback
    assert all(v.provider == "fake-model" for v in variants)


def test_hook_count_is_bounded(brief: CopyBrief) -> None:
    with pytest.raises(InputError):
        hook_variants(brief, 0, provider=TemplateTextProvider())
