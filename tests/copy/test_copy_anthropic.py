"""The Anthropic path against a local server answering like the Messages API.

Recorded answers (JSON in the text block, as structured output returns it) must
give pieces of the same shape as the offline writer's.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from agency.creation.copy import CopyBrief, CopyPiece, CopyTarget, write_copy
from agency.providers import AnthropicTextProvider, RetryPolicy, TemplateTextProvider

RECORDED: dict[str, dict[str, Any]] = {
    "x/post": {
        "text": "Eighteen hours in the cold. That is how North Shore Cold Brew gets its cocoa "
        "and brown sugar notes, steeped for 18 hours in small batches.",
        "hashtags": ["#coldbrew", "#Duluth"],
        "citations": ["p-steep"],
    },
    "google_ads/rsa": {
        "headlines": ["North Shore Cold Brew", "Steeped for 18 Hours", "Shipped Within 48 Hours",
                      "Small-Batch Cold Brew", "Order a Bottle Today"],
        "descriptions": ["Cocoa and brown sugar cold brew, steeped for 18 hours in small batches.",
                         "Roasted in batches of twelve kilos and shipped within 48 hours."],
        "citations": ["p-steep", "p-roast"],
    },
    "email/email": {
        "subject": "Your fridge needs this cold brew",
        "preheader": "Steeped for 18 hours in small batches on the Duluth harbor.",
        "headline": "Meet North Shore Cold Brew",
        "paragraphs": ["We steep every batch for 18 hours, so it pours smooth.",
                       "It ships within 48 hours of roasting."],
        "cta": "Order a bottle",
        "citations": ["p-steep", "p-roast"],
    },
    "landing_page/page": {
        "hero_headline": "Cold brew with patience",
        "subhead": "Cocoa and brown sugar notes, steeped for 18 hours in small batches.",
        "sections": [
            {"heading": "Slow steep", "body": "Steeped for 18 hours, never rushed."},
            {"heading": "Fresh roast", "body": "Shipped within 48 hours of roasting."},
            {"heading": "Small batches", "body": "Roasted in batches of twelve kilos."},
        ],
        "cta": "Order a bottle",
        "citations": ["p-steep", "p-roast"],
    },
    "meta_ads/ad": {
        "primary_text": "Cold brew steeped for 18 hours in small batches. Smooth, never bitter.",
        "headline": "North Shore Cold Brew",
        "description": "Order a bottle",
        "citations": ["p-steep"],
    },
}  # fmt: skip


def message(text: str) -> dict[str, Any]:
    return {
        "id": "msg_01CopyEngineTest",
        "type": "message",
        "role": "assistant",
        "model": "claude-opus-5-5",
        "content": [{"type": "text", "text": text}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": 900, "output_tokens": 120},
    }


def shape(piece: CopyPiece) -> set[str]:
    """Fields that carry a value (what a consumer of the stored JSON can rely on)."""
    data = piece.model_dump()
    return {k for k, v in data.items() if v not in (None, [], "", {})} - {"provenance"}


@pytest.mark.parametrize("key", sorted(RECORDED))
def test_anthropic_pieces_have_the_offline_shape(
    key: str, brief: CopyBrief, httpserver: HTTPServer
) -> None:
    platform, fmt = key.split("/")
    httpserver.expect_ordered_request("/v1/messages", method="POST").respond_with_json(
        message(json.dumps(RECORDED[key])), headers={"request-id": "req_copy_1"}
    )
    provider = AnthropicTextProvider(
        api_key="sk-ant-test",
        base_url=httpserver.url_for("/").rstrip("/"),
        retry=RetryPolicy(max_retries=0, sleep=lambda _s: None),
        timeout_s=5,
    )
    target = CopyTarget(slot="slot00000009", platform=platform, format=fmt)
    vendor = write_copy(target, brief, provider=provider)
    offline = write_copy(target, brief, provider=TemplateTextProvider())

    assert shape(vendor) == shape(offline)
    assert vendor.check is not None and vendor.check.valid
    assert vendor.provenance is not None
    assert vendor.provenance.provider == "anthropic"
    assert vendor.provenance.request_id == "req_copy_1"
    assert vendor.provenance.attempts == 1

    sent = json.loads(httpserver.log[0][0].get_data())
    assert sent["output_config"]["format"]["type"] == "json_schema"
    assert "citations" in sent["output_config"]["format"]["schema"]["properties"]
    assert "Northbound Coffee Roasters" in sent["system"]
    assert "p-steep:" in sent["messages"][0]["content"]


def test_anthropic_repair_turn_reaches_the_server(brief: CopyBrief, httpserver: HTTPServer) -> None:
    over = dict(RECORDED["meta_ads/ad"], headline="North Shore Cold Brew, the cheap way to coffee")
    httpserver.expect_ordered_request("/v1/messages").respond_with_json(message(json.dumps(over)))
    httpserver.expect_ordered_request("/v1/messages").respond_with_json(
        message(json.dumps(RECORDED["meta_ads/ad"]))
    )
    provider = AnthropicTextProvider(
        api_key="sk-ant-test", base_url=httpserver.url_for("/").rstrip("/"),
        retry=RetryPolicy(max_retries=0, sleep=lambda _s: None), timeout_s=5,
    )  # fmt: skip
    piece = write_copy(CopyTarget(platform="meta_ads", format="ad"), brief, provider=provider)
    assert piece.headline == "North Shore Cold Brew"
    second = json.loads(httpserver.log[1][0].get_data())["messages"]
    assert [m["role"] for m in second] == ["user", "assistant", "user"]
    assert "banned word 'cheap'" in second[-1]["content"]
    assert "limit is 40" in second[-1]["content"]
