"""The Anthropic adapter against a local server that answers like the Messages API."""

from __future__ import annotations

import json
import random
import socket

import httpx2
import pytest
from pytest_httpserver import HTTPServer

from agency.core import ProviderError
from agency.providers import AnthropicTextProvider, RetryPolicy, TextRequest

KEY = "sk-ant-test-key-123"


def message_body(text: str = "Cold brew, done right.", model: str = "claude-opus-5-5") -> dict:
    return {
        "id": "msg_01XFDUDYJgAACzvnptvVoYEL",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": [{"type": "text", "text": text}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": 42, "output_tokens": 7},
    }


def error_body(kind: str, message: str) -> dict:
    return {"type": "error", "error": {"type": kind, "message": message}}


@pytest.fixture
def sleeps() -> list[float]:
    return []


def provider(server: HTTPServer, sleeps: list[float], **kw: object) -> AnthropicTextProvider:
    policy = RetryPolicy(max_retries=3, sleep=sleeps.append, rng=random.Random(7))
    return AnthropicTextProvider(
        api_key=KEY,
        model=str(kw.pop("model", "claude-opus-5-5")),
        base_url=server.url_for("/").rstrip("/"),
        retry=policy,
        timeout_s=5,
    )


def sent_json(server: HTTPServer, index: int = 0) -> dict:
    return json.loads(server.log[index][0].get_data())


def test_success_sends_model_key_and_messages(httpserver: HTTPServer, sleeps: list[float]) -> None:
    httpserver.expect_ordered_request("/v1/messages", method="POST").respond_with_json(
        message_body(), headers={"request-id": "req_011CabcDEF"}
    )
    result = provider(httpserver, sleeps).complete(
        TextRequest(
            system="You write ad copy.",
            prompt="Write a headline.",
            facts={"product": "Nordvik cold brew"},
            max_tokens=64,
            temperature=0.3,
            stop=("\n\n",),
            seed=5,
        )
    )
    assert result.text == "Cold brew, done right."
    assert result.provider == "anthropic"
    assert result.model == "claude-opus-5-5"
    assert result.request_id == "req_011CabcDEF"
    assert (result.usage.input_tokens, result.usage.output_tokens) == (42, 7)
    assert result.seed == 5 and len(result.prompt_hash) == 64

    request = httpserver.log[0][0]
    # SDK 2.x sends the key as a bearer token (older ones used x-api-key)
    assert KEY in (request.headers.get("x-api-key"), request.headers.get("authorization", "")[7:])
    assert request.headers["anthropic-version"]
    body = sent_json(httpserver)
    assert body["model"] == "claude-opus-5-5"
    assert body["max_tokens"] == 64
    assert body["system"] == "You write ad copy."
    assert "temperature" not in body  # the current Messages API takes no sampling params
    assert body["stop_sequences"] == ["\n\n"]
    assert body["messages"][0]["role"] == "user"
    assert "Nordvik cold brew" in body["messages"][0]["content"]
    assert sleeps == []


def test_json_schema_uses_output_config(httpserver: HTTPServer, sleeps: list[float]) -> None:
    schema = {"type": "object", "properties": {"headline": {"type": "string"}}}
    httpserver.expect_ordered_request("/v1/messages").respond_with_json(
        message_body('{"headline": "Hi"}')
    )
    result = provider(httpserver, sleeps).complete(TextRequest(prompt="x", json_schema=schema))
    assert json.loads(result.text) == {"headline": "Hi"}
    assert sent_json(httpserver)["output_config"]["format"] == {
        "type": "json_schema",
        "schema": schema,
    }


def test_429_then_success_honours_retry_after(httpserver: HTTPServer, sleeps: list[float]) -> None:
    httpserver.expect_ordered_request("/v1/messages").respond_with_json(
        error_body("rate_limit_error", "Number of request tokens has exceeded your rate limit."),
        status=429,
        headers={
            "retry-after": "7",
            "request-id": "req_rl",
            "anthropic-ratelimit-requests-limit": "50",
            "anthropic-ratelimit-requests-remaining": "0",
            "anthropic-ratelimit-requests-reset": "2026-11-25T10:00:07Z",
        },
    )
    httpserver.expect_ordered_request("/v1/messages").respond_with_json(message_body("ok"))
    result = provider(httpserver, sleeps).complete(TextRequest(prompt="hi"))
    assert result.text == "ok"
    assert sleeps == [7.0]
    assert len(httpserver.log) == 2


def test_retry_after_is_capped(httpserver: HTTPServer) -> None:
    sleeps: list[float] = []
    httpserver.expect_ordered_request("/v1/messages").respond_with_json(
        error_body("rate_limit_error", "slow down"), status=429, headers={"retry-after": "3600"}
    )
    httpserver.expect_ordered_request("/v1/messages").respond_with_json(message_body("ok"))
    policy = RetryPolicy(max_retries=2, sleep=sleeps.append, max_retry_after_s=30)
    adapter = AnthropicTextProvider(
        api_key=KEY, base_url=httpserver.url_for("/").rstrip("/"), retry=policy
    )
    assert adapter.complete(TextRequest(prompt="hi")).text == "ok"
    assert sleeps == [30]


@pytest.mark.parametrize(
    ("status", "kind"), [(529, "overloaded_error"), (500, "api_error"), (503, "api_error")]
)
def test_5xx_retried_then_success(
    httpserver: HTTPServer, sleeps: list[float], status: int, kind: str
) -> None:
    for _ in range(2):
        httpserver.expect_ordered_request("/v1/messages").respond_with_json(
            error_body(kind, "Overloaded"), status=status
        )
    httpserver.expect_ordered_request("/v1/messages").respond_with_json(message_body("back"))
    assert provider(httpserver, sleeps).complete(TextRequest(prompt="hi")).text == "back"
    assert len(sleeps) == 2
    # exponential backoff with jitter: attempt n waits in [base*2^(n-1)/2, base*2^(n-1)]
    assert 0.25 <= sleeps[0] <= 0.5 and 0.5 <= sleeps[1] <= 1.0


def test_5xx_exhausted_raises_retryable(httpserver: HTTPServer, sleeps: list[float]) -> None:
    httpserver.expect_request("/v1/messages").respond_with_json(
        error_body("overloaded_error", "Overloaded"), status=529, headers={"request-id": "req_529"}
    )
    with pytest.raises(ProviderError) as info:
        provider(httpserver, sleeps).complete(TextRequest(prompt="hi"))
    err = info.value
    assert err.retryable is True
    assert err.status_code == 529
    assert err.request_id == "req_529"
    assert "overloaded_error" in (err.body or "")
    assert len(httpserver.log) == 4  # 1 + max_retries
    assert len(sleeps) == 3


def test_400_is_not_retried_and_keeps_body(httpserver: HTTPServer, sleeps: list[float]) -> None:
    httpserver.expect_request("/v1/messages").respond_with_json(
        error_body("invalid_request_error", "max_tokens: Field required"),
        status=400,
        headers={"request-id": "req_bad"},
    )
    with pytest.raises(ProviderError) as info:
        provider(httpserver, sleeps).complete(TextRequest(prompt="hi"))
    err = info.value
    assert err.retryable is False
    assert err.status_code == 400
    assert err.request_id == "req_bad"
    assert "max_tokens: Field required" in (err.body or "")
    assert "invalid_request_error" in err.message
    assert KEY not in str(err) and KEY not in (err.body or "")
    assert len(httpserver.log) == 1 and sleeps == []


def test_connection_error_is_retried_then_raised(sleeps: list[float]) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    adapter = AnthropicTextProvider(
        api_key=KEY,
        base_url=f"http://127.0.0.1:{port}",
        retry=RetryPolicy(max_retries=2, sleep=sleeps.append),
        timeout_s=2,
    )
    with pytest.raises(ProviderError) as info:
        adapter.complete(TextRequest(prompt="hi"))
    assert info.value.retryable is True and info.value.status_code is None
    assert len(sleeps) == 2


def test_injected_http_client_is_used() -> None:
    seen: list[httpx2.Request] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return httpx2.Response(200, json=message_body("via transport"))

    client = httpx2.Client(transport=httpx2.MockTransport(handler))
    adapter = AnthropicTextProvider(
        api_key=KEY, base_url="https://anthropic.test", http_client=client, model="claude-x"
    )
    assert adapter.complete(TextRequest(prompt="hi")).text == "via transport"
    assert seen[0].url.host == "anthropic.test"
    assert json.loads(seen[0].content)["model"] == "claude-x"


def test_missing_key_is_a_clear_error() -> None:
    with pytest.raises(ProviderError, match="ANTHROPIC_API_KEY"):
        AnthropicTextProvider(api_key="")


def test_repr_hides_the_key() -> None:
    adapter = AnthropicTextProvider(api_key=KEY, base_url="http://127.0.0.1:9")
    assert KEY not in repr(adapter) and KEY not in str(vars(adapter).get("model"))
