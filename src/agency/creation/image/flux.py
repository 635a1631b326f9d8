"""Flux backgrounds and scenes from Black Forest Labs (FLUX1.1 [pro] Ultra), polled.

The BFL API is asynchronous: ``POST {base}/v1/flux-pro-1.1-ultra`` with the
``x-key`` header answers ``{id, polling_url}``; ``GET polling_url`` answers
``{status, result}`` until ``status`` is ``Ready`` (then ``result.sample`` is a
short-lived signed URL of the image) or a failure (``Error``, ``Request Moderated``,
``Content Moderated``, ``Task not found``). Ultra takes an aspect ratio between 21:9
and 9:21, not pixel sizes, so the sample is cropped to cover the requested size.
Every HTTP call goes through the shared retry policy (429 and 5xx retried); the
API key is sent to the API host only, never to the sample's delivery host.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import httpx2

from agency.config import Settings
from agency.core import ProviderError
from agency.creation.image.compose import cover
from agency.creation.image.safe_load import open_image
from agency.providers import ImageRequest, ImageResult, ProviderRegistry, ProviderSpec, RetryPolicy
from agency.providers.base import prompt_hash
from agency.providers.polling import sleep_or_time_out
from agency.providers.retry import connection_error, status_error, with_retries

BFL_BASE_URL = "https://api.bfl.ai"
ULTRA_MODEL = "flux-pro-1.1-ultra"
PENDING = frozenset({"Pending", "Queued", "Processing"})
MODERATED = frozenset({"Request Moderated", "Content Moderated"})


def aspect_ratio(width: int, height: int) -> str:
    """The nearest ``W:H`` Ultra accepts (between 21:9 and 9:21) for a pixel size."""
    ratio = min(max(Fraction(width, height), Fraction(9, 21)), Fraction(21, 9))
    simple = ratio.limit_denominator(21)
    return f"{simple.numerator}:{simple.denominator}"


class FluxImageProvider:
    """ImageProvider for the Black Forest Labs API (Ultra by default)."""

    name = "flux"

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str = BFL_BASE_URL,
        model: str = ULTRA_MODEL,
        http_client: httpx2.Client | None = None,
        retry: RetryPolicy | None = None,
        timeout_s: float = 60.0,
        poll_interval_s: float = 0.5,
        max_wait_s: float = 300.0,
        safety_tolerance: int = 2,
        raw: bool = False,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.model = model
        self._key = api_key
        self._base = base_url.rstrip("/")
        self._client = http_client or httpx2.Client(timeout=timeout_s, follow_redirects=True)
        self._retry = retry or RetryPolicy()
        self._poll_s, self._max_wait_s = poll_interval_s, max_wait_s
        self._safety, self._raw = safety_tolerance, raw
        self._sleep, self._clock = sleep, clock

    def __repr__(self) -> str:
        return f"FluxImageProvider(model={self.model!r}, base_url={self._base!r})"

    def _call(self, method: str, url: str, *, keyed: bool, **kwargs: Any) -> httpx2.Response:
        headers = {"accept": "application/json"}
        if keyed:
            headers["x-key"] = self._key

        def once() -> httpx2.Response:
            try:
                response = self._client.request(method, url, headers=headers, **kwargs)
            except httpx2.HTTPError as exc:
                raise connection_error(provider=self.name, exc=exc) from exc
            if response.status_code >= 400:
                raise status_error(
                    provider=self.name,
                    status=response.status_code,
                    body=response.text[:2000],
                    request_id=response.headers.get("x-request-id"),
                    headers=dict(response.headers),
                    detail=_detail(response),
                )
            return response

        return with_retries(once, policy=self._retry)

    def _json(self, response: httpx2.Response) -> dict[str, Any]:
        try:
            data = response.json()
        except ValueError as exc:
            raise ProviderError(
                "flux answered with something that is not JSON.",
                provider=self.name,
                body=response.text[:2000],
            ) from exc
        if not isinstance(data, dict):
            raise ProviderError("flux answered with unexpected JSON.", provider=self.name)
        return data

    def _submit(self, request: ImageRequest) -> tuple[str, str]:
        payload: dict[str, Any] = {
            "prompt": request.prompt,
            "aspect_ratio": aspect_ratio(request.width, request.height),
            "output_format": "png",
            "safety_tolerance": self._safety,
            "raw": self._raw,
        }
        if request.seed is not None:
            payload["seed"] = request.seed
        url = f"{self._base}/v1/{self.model}"
        data = self._json(self._call("POST", url, keyed=True, json=payload))
        task_id = str(data.get("id") or "")
        if not task_id:
            raise ProviderError("flux accepted the request without a task id.", provider=self.name)
        polling = str(data.get("polling_url") or f"{self._base}/v1/get_result?id={task_id}")
        return task_id, polling

    def _wait(self, task_id: str, polling_url: str) -> str:
        deadline = self._clock() + self._max_wait_s
        delay = self._poll_s
        while True:
            data = self._json(self._call("GET", polling_url, keyed=True))
            status = str(data.get("status", ""))
            if status == "Ready":
                sample = (data.get("result") or {}).get("sample")
                if not sample:
                    raise ProviderError(
                        "flux reported Ready without a sample URL.",
                        provider=self.name,
                        request_id=task_id,
                    )
                return str(sample)
            if status in MODERATED:
                raise ProviderError(
                    f"flux refused the prompt ({status}); rephrase the background prompt.",
                    provider=self.name,
                    request_id=task_id,
                )
            if status not in PENDING:
                raise ProviderError(
                    f"flux generation failed with status {status or 'unknown'!r}.",
                    provider=self.name,
                    retryable=status in ("Error", "Task not found"),
                    request_id=task_id,
                    body=str(data)[:2000],
                )
            sleep_or_time_out(
                delay=delay,
                deadline=deadline,
                clock=self._clock,
                sleep=self._sleep,
                provider=self.name,
                max_wait_s=self._max_wait_s,
                request_id=task_id,
            )
            delay = min(delay * 1.5, 4.0)

    def generate(self, request: ImageRequest) -> ImageResult:
        """Generate, poll until ready, fetch the sample and crop it to the exact size."""
        task_id, polling_url = self._submit(request)
        sample_url = self._wait(task_id, polling_url)
        sample = self._call("GET", sample_url, keyed=False).content
        image = cover(open_image(sample, field="flux sample"), (request.width, request.height))
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return ImageResult(
            png=buffer.getvalue(),
            width=request.width,
            height=request.height,
            provider=self.name,
            model=self.model,
            prompt_hash=prompt_hash(request.prompt),
            seed=request.seed,
            request_id=task_id,
        )


def _detail(response: httpx2.Response) -> str:
    try:
        data = response.json()
    except ValueError:
        return ""
    if isinstance(data, dict):
        detail = data.get("detail") or data.get("message") or data.get("error") or ""
        return str(detail)[:300]
    return ""


def register_flux(registry: ProviderRegistry) -> None:
    """Register Flux as the ``image`` vendor chosen when ``BFL_API_KEY`` is set."""

    def factory(
        settings: Settings, http_client: httpx2.Client | None, retry: RetryPolicy
    ) -> FluxImageProvider:
        key = settings.bfl_api_key.get_secret_value() if settings.bfl_api_key else ""
        return FluxImageProvider(
            api_key=key,
            base_url=getattr(settings, "bfl_base_url", None) or BFL_BASE_URL,
            http_client=http_client,
            retry=retry,
            timeout_s=settings.provider_timeout_s,
        )

    registry.register(
        ProviderSpec("flux", "image", factory, lambda s: s.bfl_api_key is not None, False, 10)
    )
