"""Runway image-to-video on the official ``runwayml`` SDK, polled to the finished clip.

``POST /v1/image_to_video`` (``client.image_to_video.create``) starts a task from the
still (sent as a base64 data URI), the motion prompt, a ratio picked from the
requested size and a 5 or 10 s duration; ``GET /v1/tasks/{id}``
(``client.tasks.retrieve``) answers PENDING, THROTTLED, RUNNING, then SUCCEEDED
(``output`` holds short-lived URLs of the MP4) or FAILED (``failure`` says why).
The SDK's own retries are off: every call goes through the shared retry policy.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

import httpx

from agency.core import ProviderError
from agency.creation.video.vendors._media import (
    clip_facts,
    download_clip,
    five_or_ten,
    nearest_ratio,
    still_as_upload,
    still_size,
)
from agency.providers.base import VideoRequest, VideoResult, prompt_hash
from agency.providers.polling import sleep_or_time_out
from agency.providers.retry import RetryPolicy, connection_error, status_error, with_retries

T = TypeVar("T")

DEFAULT_MODEL = "gen4_turbo"
RATIOS = ("1280:720", "720:1280", "1104:832", "832:1104", "960:960", "1584:672")
PENDING = frozenset({"PENDING", "THROTTLED", "RUNNING"})


class RunwayVideoProvider:
    """VideoProvider on Runway's image-to-video (``gen4_turbo`` by default)."""

    name = "runway"

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str | None = None,
        model: str = DEFAULT_MODEL,
        http_client: httpx.Client | None = None,
        retry: RetryPolicy | None = None,
        timeout_s: float = 120.0,
        poll_interval_s: float = 5.0,
        max_wait_s: float = 600.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        from runwayml import RunwayML

        self.model = model
        self._retry = retry or RetryPolicy()
        self._http = http_client or httpx.Client(timeout=timeout_s, follow_redirects=True)
        self._client = RunwayML(
            api_key=api_key,
            base_url=base_url,
            http_client=self._http,
            max_retries=0,
            timeout=timeout_s,
        )
        self._poll_s, self._max_wait_s = poll_interval_s, max_wait_s
        self._sleep, self._clock = sleep, clock

    def __repr__(self) -> str:
        return f"RunwayVideoProvider(model={self.model!r})"

    def _call(self, call: Callable[[], T]) -> T:
        import runwayml

        def once() -> T:
            try:
                return call()
            except runwayml.APIStatusError as exc:
                raise status_error(
                    provider=self.name,
                    status=exc.status_code,
                    body=exc.response.text[:2000],
                    request_id=exc.response.headers.get("x-request-id"),
                    headers=dict(exc.response.headers),
                    detail=_detail(exc.body),
                ) from exc
            except runwayml.APIConnectionError as exc:
                raise connection_error(provider=self.name, exc=exc) from exc

        return with_retries(once, policy=self._retry)

    def _submit(self, request: VideoRequest, ratio: str, duration: int) -> str:
        mime, data = still_as_upload(request.image)
        params: dict[str, Any] = {
            "model": self.model,
            "prompt_image": f"data:{mime};base64,{data}",
            "ratio": ratio,
            "duration": duration,
        }
        if request.prompt:
            params["prompt_text"] = request.prompt[:1000]
        if request.seed is not None:
            params["seed"] = request.seed
        create: Callable[..., Any] = self._client.image_to_video.create
        task = self._call(lambda: create(**params))
        return str(task.id)

    def _wait(self, task_id: str) -> str:
        deadline = self._clock() + self._max_wait_s
        while True:
            task: Any = self._call(lambda: self._client.tasks.retrieve(task_id))
            status = str(task.status)
            if status == "SUCCEEDED":
                outputs = list(getattr(task, "output", None) or [])
                if not outputs:
                    raise ProviderError(
                        "runway reported SUCCEEDED without an output URL.",
                        provider=self.name,
                        request_id=task_id,
                    )
                return str(outputs[0])
            if status == "FAILED":
                code = str(getattr(task, "failure_code", None) or "")
                raise ProviderError(
                    f"runway task failed: {getattr(task, 'failure', '') or 'no reason given'}"
                    + (f" ({code})" if code else ""),
                    provider=self.name,
                    retryable=code.startswith("INTERNAL"),
                    request_id=task_id,
                )
            if status not in PENDING:
                raise ProviderError(
                    f"runway task ended with status {status!r}.",
                    provider=self.name,
                    request_id=task_id,
                )
            sleep_or_time_out(
                delay=self._poll_s,
                deadline=deadline,
                clock=self._clock,
                sleep=self._sleep,
                provider=self.name,
                max_wait_s=self._max_wait_s,
                request_id=task_id,
            )

    def _download(self, url: str) -> bytes:
        return download_clip(self._http, url, provider=self.name, retry=self._retry)

    def animate(self, request: VideoRequest) -> VideoResult:
        """Start the task, poll until it ends, download the MP4."""
        if request.width and request.height:
            width, height = request.width, request.height
        else:
            width, height = still_size(request.image)
        ratio = nearest_ratio(width, height, RATIOS)
        task_id = self._submit(request, ratio, five_or_ten(request.duration_s))
        mp4 = self._download(self._wait(task_id))
        out_w, out_h, seconds = clip_facts(mp4, provider=self.name)
        return VideoResult(
            mp4=mp4,
            width=out_w,
            height=out_h,
            duration_s=seconds,
            provider=self.name,
            model=self.model,
            prompt_hash=prompt_hash(request.prompt),
            seed=request.seed,
            request_id=task_id,
        )


def _detail(body: object) -> str:
    if isinstance(body, dict):
        detail = body.get("error") or body.get("message") or body.get("detail") or ""
        return str(detail)[:300]
    return ""
