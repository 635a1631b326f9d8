"""The OpenAI-compatible adapter (OpenAI, Ollama, vLLM, Perplexity) against a local server."""

from __future__ import annotations

import json
import random
from datetime import timedelta
from email.utils import format_datetime

import pytest
from pytest_httpserver import HTTPServer

from agency.core import ProviderError, utcnow
from agency.providers import (
    OpenAICompatTextProvider,
    PerplexityResearchProvider,
    ResearchRequest,
    RetryPolicy,
    TextRequest,
)

KEY = "sk-openai-test-456"


def completion(text: str = "Smooth mornings.", model: str = "gpt-4o", **extra: object) -> dict:
    return {
        "id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
        "object": "chat.completion",
        "created": 1741569952,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text, "refusal": None},
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 19, "completion_tokens": 10, "total_tokens": 29},
        **extra,
    }


def oai_error(message: str, code: str, kind: str = "requests") -> dict:
    return {"error": {"message": message, "type": kind, "param": None, "code": code}}


def make(
    server: HTTPServer, sleeps: list[float], *, base: str = "/v1", **kw: object
) -> OpenAICompatTextProvider:
    return OpenAICompatTextProvider(
        api_key=KEY,
        model=str(kw.get("model", "gpt-4o")),
        base_url=server.url_for(base),
        retry=RetryPolicy(max_retries=3, sleep=sleeps.append, rng=random.Random(1)),
        timeout_s=5,
    )


def test_success_and_request_shape(httpserver: HTTPServer) -> None:
    sleeps: list[float] = []
    httpserver.expect_ordered_request("/v1/chat/completions", method="POST").respond_with_json(
        completion(), headers={"x-request-id": "req_abc123"}
    )
    result = make(httpserver, sleeps, model="llama3.1").complete(
        TextRequest(
            system="Be brief.",
            prompt="Tagline please.",
            max_tokens=40,
            temperature=0.2,
            stop=("###",),
            seed=11,
            json_schema={"type": "object", "properties": {"t": {"type": "string"}}},
        )
    )
    assert result.text == "Smooth mornings."
    assert result.provider == "openai-compatible"
    assert result.request_id == "req_abc123"
    assert (result.usage.input_tokens, result.usage.output_tokens) == (19, 10)
    assert result.stop_reason == "stop"

    request = httpserver.log[0][0]
    assert request.headers["authorization"] == f"Bearer {KEY}"
    body = json.loads(request.get_data())
    assert body["model"] == "llama3.1"
    assert body["messages"][0] == {"role": "system", "content": "Be brief."}
    assert body["messages"][1]["role"] == "user"
    assert body["max_tokens"] == 40  # local servers (Ollama, vLLM) use max_tokens
    assert body["temperature"] == 0.2 and body["stop"] == ["###"] and body["seed"] == 11
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["schema"]["properties"] == {
        "t": {"type": "string"}
    }


def test_official_openai_uses_max_completion_tokens() -> None:
    adapter = OpenAICompatTextProvider(api_key=KEY, model="gpt-4o")
    assert adapter._params(TextRequest(prompt="x", max_tokens=9))["max_completion_tokens"] == 9


def test_429_with_http_date_retry_after(httpserver: HTTPServer) -> None:
    sleeps: list[float] = []
    when = format_datetime(utcnow() + timedelta(seconds=20), usegmt=True)
    httpserver.expect_ordered_request("/v1/chat/completions").respond_with_json(
        oai_error("Rate limit reached for gpt-4o", "rate_limit_exceeded"),
        status=429,
        headers={"retry-after": when, "x-ratelimit-remaining-requests": "0"},
    )
    httpserver.expect_ordered_request("/v1/chat/completions").respond_with_json(completion("ok"))
    assert make(httpserver, sleeps).complete(TextRequest(prompt="hi")).text == "ok"
    assert len(sleeps) == 1 and 17 <= sleeps[0] <= 20


@pytest.mark.parametrize("status", [500, 502, 503, 408, 409])
def test_retryable_statuses_then_success(httpserver: HTTPServer, status: int) -> None:
    sleeps: list[float] = []
    httpserver.expect_ordered_request("/v1/chat/completions").respond_with_json(
        oai_error("The server had an error", "server_error", "server_error"), status=status
    )
    httpserver.expect_ordered_request("/v1/chat/completions").respond_with_json(completion("ok"))
    assert make(httpserver, sleeps).complete(TextRequest(prompt="hi")).text == "ok"
    assert len(sleeps) == 1 and len(httpserver.log) == 2


def test_5xx_exhausted(httpserver: HTTPServer) -> None:
    sleeps: list[float] = []
    httpserver.expect_request("/v1/chat/completions").respond_with_json(
        oai_error("Bad gateway", "server_error", "server_error"),
        status=502,
        headers={"x-request-id": "req_502"},
    )
    with pytest.raises(ProviderError) as info:
        make(httpserver, sleeps).complete(TextRequest(prompt="hi"))
    assert info.value.retryable is True and info.value.status_code == 502
    assert info.value.request_id == "req_502"
    assert len(httpserver.log) == 4 and len(sleeps) == 3
    assert sleeps == sorted(sleeps)  # backoff grows


@pytest.mark.parametrize(
    ("status", "code"),
    [(400, "invalid_request_error"), (401, "invalid_api_key"), (404, "model_not_found")],
)
def test_client_errors_not_retried(httpserver: HTTPServer, status: int, code: str) -> None:
    sleeps: list[float] = []
    httpserver.expect_request("/v1/chat/completions").respond_with_json(
        oai_error(f"problem: {code}", code, "invalid_request_error"),
        status=status,
        headers={"x-request-id": "req_4xx"},
    )
    with pytest.raises(ProviderError) as info:
        make(httpserver, sleeps).complete(TextRequest(prompt="hi"))
    err = info.value
    assert err.retryable is False and err.status_code == status
    assert err.request_id == "req_4xx"
    assert f"problem: {code}" in (err.body or "")
    assert KEY not in str(err)
    assert len(httpserver.log) == 1 and sleeps == []


def test_local_server_needs_no_key(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/v1/chat/completions").respond_with_json(completion("ollama"))
    adapter = OpenAICompatTextProvider(model="llama3.2", base_url=httpserver.url_for("/v1"))
    assert adapter.complete(TextRequest(prompt="hi")).text == "ollama"


def test_perplexity_research_keeps_citations(httpserver: HTTPServer) -> None:
    body = completion(
        "Cold brew sales grew 20% in 2025 [1].",
        model="sonar-pro",
        citations=["https://example.com/a", "https://example.com/b"],
        search_results=[
            {
                "title": "Cold brew market",
                "url": "https://example.com/a",
                "date": "2025-06-01",
                "snippet": "Cold brew grew 20%",
            }
        ],
    )
    httpserver.expect_request("/chat/completions").respond_with_json(body)
    text = OpenAICompatTextProvider(
        name="perplexity",
        api_key="pplx-key",
        model="sonar-pro",
        base_url=httpserver.url_for("").rstrip("/"),
        retry=RetryPolicy(max_retries=0),
    )
    result = PerplexityResearchProvider(text=text).research(
        ResearchRequest(question="How fast is cold brew growing?", max_citations=5)
    )
    assert result.answer.startswith("Cold brew sales grew")
    assert [c.url for c in result.citations] == ["https://example.com/a", "https://example.com/b"]
    assert result.citations[0].title == "Cold brew market"
    assert result.citations[0].snippet == "Cold brew grew 20%"
    assert result.provider == "perplexity" and result.model == "sonar-pro"
    sent = json.loads(httpserver.log[0][0].get_data())
    assert sent["model"] == "sonar-pro"
    assert "How fast is cold brew growing?" in sent["messages"][-1]["content"]
