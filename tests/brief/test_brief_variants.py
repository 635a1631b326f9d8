"""Thin or unusual inputs still give a complete, cited offline brief (or a clear input error)."""

from __future__ import annotations

import pytest
from brief_samples import sample_inputs, sample_passages
from pydantic import ValidationError

from agency.core import InputError
from agency.providers import TemplateTextProvider
from agency.strategy.brief import MAX_OVERLAP, AudienceInput, BriefInputs, territory_overlap
from agency.strategy.brief import generate_brief as generate


def _check(inputs: BriefInputs) -> None:
    brief = generate(inputs, provider=TemplateTextProvider())
    assert len(brief.message_house.pillars) == 3
    ids = {p.id for p in inputs.passages}
    for pillar in brief.message_house.pillars:
        assert pillar.proof_points and all(pp.passage_id in ids for pp in pillar.proof_points)
    overlap = territory_overlap(
        [t.model_dump() for t in brief.territories], exclude=[brief.brand, brief.product]
    )
    assert max(overlap.values()) < MAX_OVERLAP
    assert len(brief.channels) == len(inputs.channels)
    assert brief.providers == ["template"]


def test_no_competitors_and_no_white_space() -> None:
    _check(sample_inputs(competitors=[], white_space=[]))


def test_three_passages_and_a_bare_audience() -> None:
    bare = AudienceInput(name="Locals", who="people who live near the roastery")
    _check(sample_inputs(passages=sample_passages()[:3], audiences=[bare]))


def test_channels_without_cadence_or_benchmark() -> None:
    _check(sample_inputs(channels=["linkedin", "search", "podcast"], objective="engagement"))


def test_other_currency_and_baselines_are_stated() -> None:
    inputs = sample_inputs(currency="eur", baselines={"reach": 12000})
    brief = generate(inputs, provider=TemplateTextProvider())
    assert brief.currency == "EUR"
    assert any("EUR" in a for a in brief.assumptions)
    reach = next(k for k in brief.objectives if k.metric == "reach")
    assert reach.baseline == 12000


def test_too_few_passages_is_rejected() -> None:
    with pytest.raises(ValidationError):
        sample_inputs(passages=sample_passages()[:2])


def test_parse_turns_validation_errors_into_input_errors() -> None:
    data = sample_inputs().model_dump()
    data["budget_total"] = -5
    with pytest.raises(InputError) as info:
        BriefInputs.parse(data)
    assert info.value.field == "budget_total" and info.value.fix
    assert BriefInputs.parse(sample_inputs().model_dump()) == sample_inputs()
