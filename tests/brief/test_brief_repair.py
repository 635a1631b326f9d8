"""A provider that invents a claim is sent a repair turn, and its corrected answer is used."""

from __future__ import annotations

import json
import re

from brief_samples import sample_inputs

from agency.core import InputError
from agency.providers import TemplateTextProvider, TextRequest, TextResult
from agency.strategy.brief import BriefInputs, generate_brief

INVENTED = "North Shore Cold Brew is the best cold brew in America: 97% of drinkers prefer it [1]."
REPAIRED = (
    "Northbound ships coffee within 48 hours of roasting [1]; North Shore Cold Brew is "
    "steeped for 18 hours and filtered twice [8]."
)


class QueuedTextProvider:
    """Answers queued per section (schema title); other sections go to the template writer."""

    name = "fake"

    def __init__(self, queued: dict[str, list[dict[str, str]]]) -> None:
        self.queued = queued
        self.requests: list[TextRequest] = []
        self._template = TemplateTextProvider()

    def complete(self, request: TextRequest) -> TextResult:
        self.requests.append(request)
        title = (request.json_schema or {}).get("title", "")
        base = json.loads(self._template.complete(request).text)
        if self.queued.get(title):
            base.update(self.queued[title].pop(0))
        return TextResult(
            text=json.dumps(base), provider=self.name, model="fake-1", prompt_hash="0" * 64
        )


def test_invented_claim_is_repaired(inputs: BriefInputs) -> None:
    fake = QueuedTextProvider(
        {"brief_narrative": [{"situation": INVENTED}, {"situation": REPAIRED}]}
    )
    brief = generate_brief(inputs, provider=fake)
    assert re.sub(r"\[\d+\]", "", brief.situation) == re.sub(r"\[\d+\]", "", REPAIRED)
    assert brief.providers == ["fake"]
    narrative = [r for r in fake.requests if r.json_schema["title"] == "brief_narrative"]
    assert len(narrative) == 2
    repair = narrative[1].messages[-1].content
    assert "97" in repair and "best" in repair  # the violations are named
    assert narrative[1].messages[-2].role == "assistant"
    assert INVENTED in narrative[1].messages[-2].content


def test_unresolvable_citation_and_indistinct_territories_are_repaired(
    inputs: BriefInputs,
) -> None:
    same = {
        f"t{i}_{f}": text
        for i in (1, 2, 3)
        for f, text in {
            "idea": "Show the cold brew steeped slowly in the roastery kitchen",
            "tone": "Warm and plain",
            "visual_direction": "Kitchen light, bottles on wood, slow pours",
        }.items()
    }
    fake = QueuedTextProvider(
        {
            "brief_message_house": [{"pillar_1_message": "Fresh every week [99]."}],
            "brief_territories": [same],
        }
    )
    brief = generate_brief(inputs, provider=fake)
    assert "[99]" not in brief.message_house.pillars[0].message
    assert brief.territories[0].idea != brief.territories[1].idea
    prompts = [r.messages[-1].content for r in fake.requests if r.messages]
    assert any("[99]" in p for p in prompts)
    assert any("make them distinct" in p for p in prompts)


def test_persistent_invention_falls_back_to_grounded_template(inputs: BriefInputs) -> None:
    fake = QueuedTextProvider({"brief_narrative": [{"proposition": "The #1 cold brew."}] * 3})
    brief = generate_brief(inputs, provider=fake, max_repairs=2)
    assert "#1" not in brief.proposition
    assert brief.proposition == "North Shore Cold Brew: freshness you can date."
    assert "template" in brief.providers


def test_unknown_objective_is_an_input_error() -> None:
    bad = sample_inputs(objective="world domination")
    try:
        generate_brief(bad, provider=TemplateTextProvider())
    except InputError as exc:
        assert exc.field == "objective" and exc.fix
    else:
        raise AssertionError("expected an InputError")
