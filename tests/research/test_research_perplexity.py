"""The online research path: a local server answering like Perplexity's chat completions."""

from __future__ import annotations

import json

import pytest
from pydantic import SecretStr
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from agency.config import Settings
from agency.core import ProviderError
from agency.db import Database, OrgScope
from agency.intelligence.research import (
    online_findings,
    run_research,
    statements_from_answer,
    validate_citations,
)
from agency.providers import ResearchResult, TemplateTextProvider, build_research_provider

COMPETITOR_ANSWER = (
    "Big Lake Value Coffee competes on price, selling a 24 oz tub for $7.99 [1]. "
    "Summit Reserve Coffee Club sells memberships from $29 a month [2][3].\n"
    "Neither tells customers what it pays farmers."
)
GAP_ANSWER = "Few regional roasters publish their green coffee prices [3]."


def _completion(text: str) -> dict:
    return {
        "id": "pplx-123",
        "object": "chat.completion",
        "created": 1764000000,
        "model": "sonar-pro",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 50, "completion_tokens": 40, "total_tokens": 90},
        "citations": [
            "https://news.example/value-coffee",
            "https://reviews.example/summit",
            "https://trade.example/transparency",
        ],
        "search_results": [
            {
                "title": "Value coffee review",
                "url": "https://news.example/value-coffee",
                "snippet": "Classic Roast costs $7.99 for 24 oz.",
            }
        ],
    }


def _answer(request: Request) -> Response:
    prompt = json.loads(request.get_data())["messages"][-1]["content"]
    text = COMPETITOR_ANSWER if "main competitors" in prompt else GAP_ANSWER
    return Response(json.dumps(_completion(text)), content_type="application/json")


@pytest.fixture
def pplx_settings(settings: Settings, httpserver: HTTPServer) -> Settings:
    return settings.model_copy(
        update={
            "perplexity_api_key": SecretStr("pplx-test-key"),
            "perplexity_base_url": httpserver.url_for("").rstrip("/"),
            "research_provider": None,
        }
    )


def test_answer_markers_map_to_citations() -> None:
    result = ResearchResult.model_validate(
        {
            "answer": COMPETITOR_ANSWER,
            "citations": [{"url": "https://a.example"}, {"url": "https://b.example"}],
            "provider": "perplexity",
            "model": "sonar-pro",
            "prompt_hash": "x",
        }
    )
    statements = statements_from_answer(result)
    assert [len(s.citations) for s in statements] == [1, 1, 2]
    assert statements[0].citations[0].url == "https://a.example"
    assert "[1]" not in statements[0].text
    assert statements[1].citations[0].url == "https://b.example"  # [3] is out of range
    empty = result.model_copy(update={"citations": ()})
    assert statements_from_answer(empty) == []


def test_online_findings_keep_vendor_citations(
    pplx_settings: Settings, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/chat/completions", method="POST").respond_with_handler(_answer)
    provider = build_research_provider(pplx_settings)
    assert provider.name == "perplexity"
    found = online_findings(
        provider,
        brand="Northbound Coffee Roasters",
        description="a Duluth roaster",
        competitor_urls=["https://rival.example/"],
    )
    texts = [s.text for s in found]
    assert texts[0].startswith("Big Lake Value Coffee competes on price")
    first = found[0].citations[0]
    assert first.url == "https://news.example/value-coffee"
    assert first.quote == "Classic Roast costs $7.99 for 24 oz." and first.title
    assert [c.url for c in found[1].citations] == [
        "https://reviews.example/summit",
        "https://trade.example/transparency",
    ]
    assert len(found[2].citations) == 3  # no marker: the whole answer's sources
    assert found[-1].citations[0].url == "https://trade.example/transparency"
    sent = [json.loads(req.get_data()) for req, _ in httpserver.log]
    assert len(sent) == 2 and sent[0]["model"] == "sonar-pro"
    assert "https://rival.example/" in sent[0]["messages"][-1]["content"]
    assert httpserver.log[0][0].headers["Authorization"] == "Bearer pplx-test-key"


def test_run_research_adds_online_findings(
    db: Database,
    pplx_settings: Settings,
    stored_brand: tuple[str, str],
    competitor_sites: dict[str, str],
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_request("/chat/completions", method="POST").respond_with_handler(_answer)
    org_id, brand_id = stored_brand
    with db.session() as session:
        report = run_research(
            OrgScope(session, org_id),
            brand_id,
            settings=pplx_settings,
            competitor_urls=[competitor_sites["valuebrew"]],
            text_provider=TemplateTextProvider(),
        )
    assert report.market.research_provider == "perplexity"
    assert len(report.market.external) == 4
    markdown = report.to_markdown()
    assert "### Online research (perplexity)" in markdown
    assert "https://trade.example/transparency" in markdown.split("## References")[1]
    assert validate_citations(report) == []


def test_vendor_refusal_is_a_provider_error(
    db: Database,
    pplx_settings: Settings,
    stored_brand: tuple[str, str],
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_request("/chat/completions").respond_with_json(
        {"error": {"message": "Invalid API key", "type": "invalid_request_error"}}, status=401
    )
    org_id, brand_id = stored_brand
    with db.session() as session, pytest.raises(ProviderError) as err:
        run_research(
            OrgScope(session, org_id),
            brand_id,
            settings=pplx_settings,
            text_provider=TemplateTextProvider(),
        )
    assert err.value.retryable is False and err.value.status_code == 401
