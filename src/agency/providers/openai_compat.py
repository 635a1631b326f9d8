"""OpenAI-compatible chat completions through the official ``openai`` SDK.

One adapter covers OpenAI, Perplexity (https://api.perplexity.ai), Ollama
(http://localhost:11434/v1) and vLLM: only ``base_url``, key and model differ.
Perplexity's ``citations`` and ``search_results`` fields feed the research
provider. SDK retries are off; the shared RetryPolicy is the only loop.
"""

from __future__ import annotations

from typing import Any

import httpx2
import openai

from agency.providers.base import (
    Citation,
    ResearchRequest,
    ResearchResult,
    TextRequest,
    TextResult,
    Usage,
    prompt_hash,
)
from agency.providers.retry import RetryPolicy, with_retries
from agency.providers.sdk_errors import convert_sdk_error

PERPLEXITY_BASE_URL = "https://api.perplexity.ai"


class OpenAICompatTextProvider:
    """TextProvider for any ``/v1/chat/completions`` server."""

    def __init__(
        self,
        *,
        model: str,
        api_key: str | None = None,
        base_url: str | None = None,
        name: str = "openai-compatible",
        timeout_s: float = 120.0,
        retry: RetryPolicy | None = None,
        http_client: httpx2.Client | None = None,
    ) -> None:
        self.name = name
        self.model = model
        self._retry = retry or RetryPolicy()
        official = base_url is None or "api.openai.com" in base_url
        self._token_param = "max_completion_tokens" if official else "max_tokens"
        self._client = openai.OpenAI(
            # Local servers (Ollama, vLLM) take any key; the SDK insists on one.
            api_key=api_key or "not-needed",
            base_url=base_url,
            timeout=timeout_s,
            max_retries=0,
            http_client=http_client,
        )

    def __repr__(self) -> str:
        return f"OpenAICompatTextProvider(name={self.name!r}, model={self.model!r})"

    def _params(self, request: TextRequest) -> dict[str, Any]:
        messages: list[dict[str, str]] = []
        if request.system:
            messages.append({"role": "system", "content": request.system})
        messages += [{"role": m.role, "content": m.content} for m in request.chat()]
        params: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            self._token_param: request.max_tokens,
        }
        if request.temperature is not None:
            params["temperature"] = request.temperature
        if request.stop:
            params["stop"] = list(request.stop)
        if request.seed is not None:
            params["seed"] = request.seed
        if request.json_schema is not None:
            params["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "output", "schema": request.json_schema},
            }
        return params

    def _call(self, params: dict[str, Any]) -> Any:
        try:
            return self._client.chat.completions.create(**params)
        except openai.APIError as exc:
            raise convert_sdk_error(
                exc,
                provider=self.name,
                status_errors=openai.APIStatusError,
                conn_errors=openai.APIConnectionError,
            ) from exc

    def create(self, request: TextRequest) -> tuple[TextResult, dict[str, Any]]:
        """The result and the vendor's extra response fields (e.g. Perplexity citations)."""
        params = self._params(request)
        completion = with_retries(lambda: self._call(params), policy=self._retry)
        choice = completion.choices[0] if completion.choices else None
        usage = completion.usage
        result = TextResult(
            text=(choice.message.content or "") if choice else "",
            provider=self.name,
            model=completion.model or self.model,
            prompt_hash=request.fingerprint(),
            seed=request.seed,
            request_id=getattr(completion, "_request_id", None) or completion.id,
            usage=Usage(
                input_tokens=usage.prompt_tokens if usage else 0,
                output_tokens=usage.completion_tokens if usage else 0,
            ),
            stop_reason=choice.finish_reason if choice else None,
        )
        return result, dict(completion.model_extra or {})

    def complete(self, request: TextRequest) -> TextResult:
        """One chat completion, retried per the shared policy."""
        return self.create(request)[0]


def _citations(extra: dict[str, Any], limit: int) -> tuple[Citation, ...]:
    """Citations from Perplexity's ``search_results`` (rich) or ``citations`` (urls)."""
    found: list[Citation] = []
    for item in extra.get("search_results") or []:
        if isinstance(item, dict) and item.get("url"):
            found.append(
                Citation(
                    url=str(item["url"]),
                    title=str(item.get("title") or ""),
                    snippet=str(item.get("snippet") or ""),
                )
            )
    seen = {c.url for c in found}
    for url in extra.get("citations") or []:
        if isinstance(url, str) and url not in seen:
            found.append(Citation(url=url))
            seen.add(url)
    return tuple(found[:limit])


class PerplexityResearchProvider:
    """ResearchProvider on Perplexity's OpenAI-compatible Sonar API."""

    name = "perplexity"

    def __init__(self, *, text: OpenAICompatTextProvider) -> None:
        self._text = text
        self.model = text.model

    def research(self, request: ResearchRequest) -> ResearchResult:
        """Ask the question (with any supplied passages as context); keep the citations."""
        context = "\n\n".join(f"[{d.url}] {d.title}\n{d.text[:2000]}" for d in request.documents)
        prompt = request.question + (f"\n\nContext passages:\n{context}" if context else "")
        text_request = TextRequest(
            system="Answer concisely and factually. Cite your sources.",
            prompt=prompt,
            max_tokens=1024,
            seed=request.seed,
        )
        result, extra = self._text.create(text_request)
        return ResearchResult(
            answer=result.text,
            citations=_citations(extra, request.max_citations),
            provider=self.name,
            model=result.model,
            prompt_hash=prompt_hash(prompt),
            seed=request.seed,
            request_id=result.request_id,
        )
