"""The validators behind the brief's prose: grounded numbers and superlatives, citations, shape."""

from __future__ import annotations

import json

from agency.strategy.brief.grounding import (
    FieldRule,
    parse_answer,
    section_validator,
    unresolved_markers,
    unsupported_claims,
)
from agency.strategy.brief.territories import distinctness_problems
from agency.strategy.brief.wording import content_words, stem

FACTS = (
    "Coffee ships within 48 hours of roasting. Whole bean coffee is at its best between "
    "5 and 30 days after the roast date. Budget 6,000 USD. Price $14.00."
)


def test_invented_numbers_are_flagged_and_known_ones_pass() -> None:
    assert unsupported_claims("Shipped within 48 hours, 6,000 USD, $14.", FACTS) == []
    problems = unsupported_claims("97% of drinkers ship within 24 hours.", FACTS)
    assert len(problems) == 1 and "24" in problems[0] and "97" in problems[0]


def test_citation_markers_are_not_numbers() -> None:
    assert unsupported_claims("Fresh coffee [12].", FACTS) == []


def test_superlative_needs_the_same_use_in_the_facts() -> None:
    assert unsupported_claims("At its best between 5 and 30 days.", FACTS) == []
    problems = unsupported_claims("The best cold brew in America.", FACTS)
    assert problems and "best cold" in problems[0]
    assert unsupported_claims("Guaranteed fresh.", FACTS)


def test_quoting_a_rival_is_not_adopting_its_claim() -> None:
    facts = FACTS + "\ncompetitor_1: Summit: the finest coffees in the world"
    own = FACTS
    quoted = "Summit promises “the finest coffees in the world”."
    assert unsupported_claims(quoted, facts, own) == []
    assert unsupported_claims("Ours are the finest coffees in the world.", facts, own)


def test_unresolved_markers() -> None:
    assert unresolved_markers("a [1] b [7] c [99]", {1, 7}) == [99]


def test_section_validator_checks_json_fields_lengths_and_extra_rule() -> None:
    validate = section_validator(
        {"headline": FieldRule(5, 20), "body": FieldRule(5, 200)},
        facts_text=FACTS,
        allowed_refs={1},
        extra=lambda data: ["extra rule broken"] if "x" in data["headline"] else [],
    )
    assert validate("not json") and "JSON" in validate("not json")[0]
    assert validate(json.dumps({"headline": "Fresh"})) == ["field 'body' is missing or empty"]
    too_long = validate(json.dumps({"headline": "F" * 30, "body": "Roasted fresh [2]."}))
    assert any("30 characters" in p for p in too_long)
    assert any("[2]" in p for p in too_long)
    assert validate(json.dumps({"headline": "Fresh x", "body": "Roasted [1]."})) == [
        "extra rule broken"
    ]
    fenced = "```json\n" + json.dumps({"headline": "Fresh", "body": "Roasted [1]."}) + "\n```"
    assert validate(fenced) == [] and parse_answer(fenced)["headline"] == "Fresh"


def test_territory_distinctness() -> None:
    same = {"idea": "slow steeped coffee in the kitchen", "tone": "warm", "visual_direction": "x"}
    heads = {"headline_1": "A", "headline_2": "B", "headline_3": "C"}
    problems = distinctness_problems([{**same, **heads}] * 3, exclude=[])
    assert len([p for p in problems if "share" in p]) == 3
    repeated = {**same, "headline_1": "A", "headline_2": "A", "headline_3": "C"}
    assert any("repeats a headline" in p for p in distinctness_problems([repeated], exclude=[]))


def test_stems_join_word_forms() -> None:
    assert {stem(w) for w in ("shipped", "ships", "shipping")} == {"ship"}
    assert {stem(w) for w in ("date", "dates", "dated")} == {"dat"}
    assert content_words("The Roasters roasted it", exclude=["roaster"]) == {"roast"}
