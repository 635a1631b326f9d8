"""The Anthropic path against a local server answering like the Messages API, with a recorded
answer per brief section: the same Brief shape as the offline path."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from agency.providers import AnthropicTextProvider, RetryPolicy, TemplateTextProvider
from agency.strategy.brief import Brief, BriefInputs, brief_to_markdown, generate_brief

ANSWERS = json.loads((Path(__file__).parent / "anthropic_brief_answers.json").read_text())


def _message(text: str) -> dict[str, Any]:
    return {
        "id": "msg_01BriefRecorded",
        "type": "message",
        "role": "assistant",
        "model": "claude-opus-5-5",
        "content": [{"type": "text", "text": text}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": 1800, "output_tokens": 420},
    }


def _answer(request: Request) -> Response:
    body = json.loads(request.get_data())
    title = body["output_config"]["format"]["schema"]["title"]
    return Response(
        json.dumps(_message(json.dumps(ANSWERS[title]))),
        content_type="application/json",
        headers={"request-id": f"req_{title}"},
    )


def _unmarked(text: str) -> str:
    return re.sub(r"\s*\[\d+\]", "", text)


def _shape(value: Any) -> Any:
    """The structure of a dumped model: keys and list lengths, not the words."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(v) for v in value]
    return type(value).__name__


def _anthropic_brief(httpserver: HTTPServer, inputs: BriefInputs) -> Brief:
    httpserver.expect_request("/v1/messages", method="POST").respond_with_handler(_answer)
    provider = AnthropicTextProvider(
        api_key="sk-ant-test-brief",
        base_url=httpserver.url_for("/").rstrip("/"),
        retry=RetryPolicy(max_retries=0, sleep=lambda _: None),
        timeout_s=5,
    )
    return generate_brief(inputs, provider=provider)


def test_anthropic_brief_has_the_offline_shape(httpserver: HTTPServer, inputs: BriefInputs) -> None:
    vendor = _anthropic_brief(httpserver, inputs)
    offline = generate_brief(inputs, provider=TemplateTextProvider())

    assert vendor.providers == ["anthropic"]
    # which sources the prose cites differs by writer; everything else has one shape
    assert _shape(vendor.model_dump(exclude={"providers", "citations"})) == _shape(
        offline.model_dump(exclude={"providers", "citations"})
    )
    refs = {c.ref for c in vendor.citations}
    assert refs == set(range(1, len(refs) + 1))
    assert {int(n) for n in re.findall(r"\[(\d+)\]", vendor.model_dump_json())} <= refs
    assert vendor.proposition == ANSWERS["brief_narrative"]["proposition"]
    assert _unmarked(vendor.situation) == _unmarked(ANSWERS["brief_narrative"]["situation"])
    # the recorded answer cites the FAQ passage for freshness; renumbered, it still does
    pillar_2 = vendor.message_house.pillars[1].message
    cited = vendor.citation(int(re.findall(r"\[(\d+)\]", pillar_2)[0]))
    assert cited is not None and cited.url.endswith("/faq/")
    assert [p.name for p in vendor.message_house.pillars] == [
        "Slow-steeped, twice filtered",
        "Fresh off the roaster",
        "Farms we know by name",
    ]
    assert vendor.territories[2].headlines == [
        "When was yours roasted?",
        "Dates beat adjectives.",
        "Look for the stamp.",
    ]
    # structure is computed, not written: identical on both paths
    assert vendor.objectives == offline.objectives
    assert vendor.measurement == offline.measurement and vendor.risks == offline.risks
    assert [
        [(pp.passage_id, pp.text) for pp in p.proof_points] for p in vendor.message_house.pillars
    ] == [
        [(pp.passage_id, pp.text) for pp in p.proof_points] for p in offline.message_house.pillars
    ]
    assert "## References" in brief_to_markdown(vendor)


def test_requests_carry_schema_facts_and_drafts(
    httpserver: HTTPServer, inputs: BriefInputs
) -> None:
    _anthropic_brief(httpserver, inputs)
    bodies = [json.loads(entry[0].get_data()) for entry in httpserver.log]
    titles = [b["output_config"]["format"]["schema"]["title"] for b in bodies]
    assert titles == [
        "brief_narrative",
        "brief_audiences",
        "brief_message_house",
        "brief_territories",
        "brief_channels",
    ]
    narrative = bodies[0]
    assert "senior brand strategist" in narrative["system"]
    prompt = narrative["messages"][-1]["content"]
    assert "Facts:" in prompt and "48 hours of roasting" in prompt
    assert "- situation:" in prompt  # the grounded draft the model improves
    schema = narrative["output_config"]["format"]["schema"]
    assert schema["required"] == [
        "situation",
        "complication",
        "resolution",
        "proposition",
        "umbrella",
    ]
    assert schema["additionalProperties"] is False


def test_invented_claim_from_the_vendor_is_repaired(
    httpserver: HTTPServer, inputs: BriefInputs
) -> None:
    invented = dict(ANSWERS["brief_narrative"], proposition="The best cold brew in America.")
    served: list[str] = []

    def answer(request: Request) -> Response:
        title = json.loads(request.get_data())["output_config"]["format"]["schema"]["title"]
        first_narrative = title == "brief_narrative" and title not in served
        served.append(title)
        fields = invented if first_narrative else ANSWERS[title]
        return Response(json.dumps(_message(json.dumps(fields))), content_type="application/json")

    httpserver.expect_request("/v1/messages", method="POST").respond_with_handler(answer)
    provider = AnthropicTextProvider(
        api_key="sk-ant-test-brief",
        base_url=httpserver.url_for("/").rstrip("/"),
        retry=RetryPolicy(max_retries=0, sleep=lambda _: None),
        timeout_s=5,
    )
    brief = generate_brief(inputs, provider=provider)
    assert brief.proposition == ANSWERS["brief_narrative"]["proposition"]
    assert served.count("brief_narrative") == 2
    repair = json.loads(httpserver.log[1][0].get_data())["messages"]
    assert repair[-2]["role"] == "assistant" and "best cold brew" in repair[-2]["content"]
    assert "best cold" in repair[-1]["content"]  # the violation is named to the model
