"""Claude through the official ``anthropic`` SDK (Messages API).

The SDK's own retries are off (``max_retries=0``): the shared RetryPolicy is the only
retry loop. Structured output uses the documented ``output_config.format`` JSON
schema. ``temperature`` is not sent: this SDK's Messages API no longer takes
sampling parameters. The key is handed to the SDK and never logged or put in an error.
"""

from __future__ import annotations

from typing import Any

import anthropic
import httpx2

from agency.core import ProviderError
from agency.providers.base import TextRequest, TextResult, Usage
from agency.providers.retry import RetryPolicy, with_retries
from agency.providers.sdk_errors import convert_sdk_error

DEFAULT_MODEL = "claude-opus-5-5"


class AnthropicTextProvider:
    """TextProvider on Claude; ``http_client`` (an ``httpx2.Client``) is injectable."""

    name = "anthropic"

    def __init__(
        self,
        *,
        api_key: str,
        model: str = DEFAULT_MODEL,
        base_url: str | None = None,
        timeout_s: float = 120.0,
        retry: RetryPolicy | None = None,
        http_client: httpx2.Client | None = None,
    ) -> None:
        if not api_key:
            raise ProviderError(
                "No Anthropic API key: set ANTHROPIC_API_KEY or choose another text provider.",
                provider=self.name,
            )
        self.model = model
        self._retry = retry or RetryPolicy()
        self._client = anthropic.Anthropic(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout_s,
            max_retries=0,
            http_client=http_client,
        )

    def __repr__(self) -> str:
        return f"AnthropicTextProvider(model={self.model!r})"

    def _params(self, request: TextRequest) -> dict[str, Any]:
        params: dict[str, Any] = {
            "model": self.model,
            "max_tokens": request.max_tokens,
            "messages": [{"role": m.role, "content": m.content} for m in request.chat()],
        }
        if request.system:
            params["system"] = request.system
        if request.stop:
            params["stop_sequences"] = list(request.stop)
        if request.json_schema is not None:
            params["output_config"] = {
                "format": {"type": "json_schema", "schema": request.json_schema}
            }
        return params

    def _call(self, params: dict[str, Any]) -> Any:
        try:
            return self._client.messages.create(**params)
        except anthropic.APIError as exc:
            raise convert_sdk_error(
                exc,
                provider=self.name,
                status_errors=anthropic.APIStatusError,
                conn_errors=anthropic.APIConnectionError,
            ) from exc

    def complete(self, request: TextRequest) -> TextResult:
        """One Messages API call, retried per the shared policy."""
        params = self._params(request)
        message = with_retries(lambda: self._call(params), policy=self._retry)
        text = "".join(
            block.text for block in message.content if getattr(block, "type", "") == "text"
        )
        if message.stop_reason == "refusal":
            raise ProviderError(
                "Claude declined this request; rephrase the brief or use another provider.",
                provider=self.name,
                request_id=message._request_id,
            )
        return TextResult(
            text=text,
            provider=self.name,
            model=str(message.model),
            prompt_hash=request.fingerprint(),
            seed=request.seed,
            request_id=message._request_id,
            usage=Usage(
                input_tokens=message.usage.input_tokens or 0,
                output_tokens=message.usage.output_tokens or 0,
            ),
            stop_reason=message.stop_reason,
        )
