"""Claims must trace to proof points: numbers and superlatives not in them are violations."""

from __future__ import annotations

import pydantic
import pytest

from agency.creation.copy import CopyBrief, CopyPiece, check_piece, find_claims, trace_claims


def post(text: str) -> CopyPiece:
    return CopyPiece(id="fb0000000001", platform="facebook", format="post", text=text)


def test_find_claims_numbers_and_superlatives() -> None:
    text = "The best cold brew: 40% smoother, $14.00 a bottle, 60,000 pounds a year, 3 tips."
    assert find_claims(text) == ["40", "14", "60000", "best"]


def test_urls_hashtags_and_counters_are_not_claims() -> None:
    text = "Read https://shop.com/2026/offer-50 #top10 now 2/5"
    assert find_claims(text) == []


def test_trace_claims_names_the_sources() -> None:
    evidence = {"p1": "We roast 60000 pounds a year.", "p2": "The freshest beans we can find."}
    claims = trace_claims("We roast 60,000 pounds. The freshest coffee, 50% off.", evidence)
    assert [(c.claim, c.sources) for c in claims] == [
        ("60000", ["p1"]),
        ("50", []),
        ("freshest", ["p2"]),
    ]


def test_claims_not_in_proof_points_are_rejected(brief: CopyBrief) -> None:
    base = f"Order a bottle {brief.link}"
    assert check_piece(post(f"Steeped for 18 hours. {base}"), brief=brief) == []
    problems = check_piece(post(f"Steeped for 24 hours, the best in town. {base}"), brief=brief)
    assert problems == [
        "the claim '24' is not in any proof point. Remove it or use a number or claim from "
        "the proof points.",
        "the claim 'best' is not in any proof point. Remove it or use a number or claim from "
        "the proof points.",
    ]


def test_extra_evidence_makes_a_claim_traceable(brief: CopyBrief) -> None:
    text = f"A 32 oz bottle makes sixteen glasses. Order a bottle {brief.link}"
    assert check_piece(post(text), brief=brief) != []
    evidence = {"source": "A 32 oz bottle makes about sixteen glasses."}
    assert check_piece(post(text), brief=brief, evidence=evidence) == []


def test_unknown_citation_ids_are_rejected(brief: CopyBrief) -> None:
    piece = post(f"Steeped for 18 hours. Order a bottle {brief.link}").model_copy(
        update={"citations": ["p-steep", "made-up"]}
    )
    problems = check_piece(piece, brief=brief)
    assert len(problems) == 1 and "made-up" in problems[0]


def test_small_measured_numbers_are_claims_but_counts_are_not() -> None:
    assert find_claims("Steeped for 8 hours, 2-day shipping, 5 stars, 3 tips, 1 bottle.") == [
        "8",
        "2",
        "5",
    ]


def test_brief_whose_core_uses_a_banned_word_is_refused(brief: CopyBrief) -> None:
    data = brief.model_dump() | {"banned_words": ["smooth"]}
    with pytest.raises(pydantic.ValidationError, match="banned word 'smooth'"):
        CopyBrief.model_validate(data)
