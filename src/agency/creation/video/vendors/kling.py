"""Kling image-to-video over its REST API (no maintained official Python SDK).

Every call carries ``Authorization: Bearer <jwt>``: an HS256 token signed with the
secret key, ``iss`` the access key, valid from 5 s ago for 30 minutes.
``POST {base}/v1/videos/image2video`` with the still (bare base64), prompt, model,
duration ("5" or "10") and mode answers ``{code: 0, data: {task_id}}``;
``GET {base}/v1/videos/image2video/{task_id}`` answers ``data.task_status``
(submitted, processing, succeed, failed) and, once succeeded,
``data.task_result.videos[0].url``. A non-zero ``code`` is an error whose
``message`` says why. Every HTTP call goes through the shared retry policy.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from typing import Any

import httpx2

from agency.core import ProviderError
from agency.creation.video.vendors._media import (
    clip_facts,
    download_clip,
    five_or_ten,
    still_as_upload,
)
from agency.providers.base import VideoRequest, VideoResult, prompt_hash
from agency.providers.polling import sleep_or_time_out
from agency.providers.retry import RetryPolicy, connection_error, status_error, with_retries

KLING_BASE_URL = "https://api-singapore.klingai.com"
DEFAULT_MODEL = "kling-v1-6"
PENDING = frozenset({"submitted", "processing"})
# Kling business codes worth another attempt: rate or concurrency limits, server errors.
RETRYABLE_CODES = frozenset({1302, 1303, 5000, 5001, 5002})


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def kling_token(access_key: str, secret_key: str, *, now: float | None = None) -> str:
    """The HS256 JWT Kling expects: ``iss`` the access key, 30 minutes' validity."""
    issued = int(time.time() if now is None else now)
    header = {"alg": "HS256", "typ": "JWT"}
    claims = {"iss": access_key, "exp": issued + 1800, "nbf": issued - 5}
    signing_input = ".".join(
        _b64url(json.dumps(part, separators=(",", ":")).encode("utf-8"))
        for part in (header, claims)
    )
    signature = hmac.new(secret_key.encode("utf-8"), signing_input.encode("ascii"), hashlib.sha256)
    return f"{signing_input}.{_b64url(signature.digest())}"


class KlingVideoProvider:
    """VideoProvider on Kling's image-to-video (``kling-v1-6``, standard mode, by default)."""

    name = "kling"

    def __init__(
        self,
        *,
        access_key: str,
        secret_key: str,
        base_url: str = KLING_BASE_URL,
        model: str = DEFAULT_MODEL,
        mode: str = "std",
        http_client: httpx2.Client | None = None,
        retry: RetryPolicy | None = None,
        timeout_s: float = 120.0,
        poll_interval_s: float = 5.0,
        max_wait_s: float = 900.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.model, self.mode = model, mode
        self._access, self._secret = access_key, secret_key
        self._base = base_url.rstrip("/")
        self._client = http_client or httpx2.Client(timeout=timeout_s, follow_redirects=True)
        self._retry = retry or RetryPolicy()
        self._poll_s, self._max_wait_s = poll_interval_s, max_wait_s
        self._sleep, self._clock = sleep, clock

    def __repr__(self) -> str:
        return f"KlingVideoProvider(model={self.model!r}, base_url={self._base!r})"

    def _api(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """One API call, retried per policy; the ``data`` of a ``code: 0`` answer."""
        url = f"{self._base}{path}"

        def once() -> dict[str, Any]:
            headers = {
                "Authorization": f"Bearer {kling_token(self._access, self._secret)}",
                "accept": "application/json",
            }
            try:
                response = self._client.request(method, url, headers=headers, **kwargs)
            except httpx2.HTTPError as exc:
                raise connection_error(provider=self.name, exc=exc) from exc
            body = _json(response)
            request_id = str(body.get("request_id") or "") or None
            if response.status_code >= 400:
                raise status_error(
                    provider=self.name,
                    status=response.status_code,
                    body=response.text[:2000],
                    request_id=request_id,
                    headers=dict(response.headers),
                    detail=str(body.get("message") or "")[:300],
                )
            code = body.get("code")
            if code != 0:
                raise ProviderError(
                    f"kling answered code {code}: {body.get('message') or 'no message'} "
                    f"(request id {request_id or 'n/a'}).",
                    provider=self.name,
                    retryable=code in RETRYABLE_CODES,
                    request_id=request_id,
                    body=response.text[:2000],
                )
            data = body.get("data")
            if not isinstance(data, dict):
                raise ProviderError("kling answered without data.", provider=self.name)
            return data

        return with_retries(once, policy=self._retry)

    def _submit(self, request: VideoRequest) -> str:
        _mime, image = still_as_upload(request.image)
        payload: dict[str, Any] = {
            "model_name": self.model,
            "image": image,
            "prompt": request.prompt[:2500],
            "duration": str(five_or_ten(request.duration_s)),
            "mode": self.mode,
        }
        data = self._api("POST", "/v1/videos/image2video", json=payload)
        task_id = str(data.get("task_id") or "")
        if not task_id:
            raise ProviderError("kling accepted the request without a task id.", provider=self.name)
        return task_id

    def _wait(self, task_id: str) -> str:
        deadline = self._clock() + self._max_wait_s
        while True:
            data = self._api("GET", f"/v1/videos/image2video/{task_id}")
            status = str(data.get("task_status") or "")
            if status == "succeed":
                videos = (data.get("task_result") or {}).get("videos") or []
                url = videos[0].get("url") if videos and isinstance(videos[0], dict) else None
                if not url:
                    raise ProviderError(
                        "kling reported success without a video URL.",
                        provider=self.name,
                        request_id=task_id,
                    )
                return str(url)
            if status not in PENDING:
                reason = data.get("task_status_msg") or "no reason given"
                raise ProviderError(
                    f"kling task {status or 'ended'}: {reason}",
                    provider=self.name,
                    request_id=task_id,
                    body=str(data)[:2000],
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
        return download_clip(self._client, url, provider=self.name, retry=self._retry)

    def animate(self, request: VideoRequest) -> VideoResult:
        """Start the task, poll until it ends, download the MP4."""
        task_id = self._submit(request)
        mp4 = self._download(self._wait(task_id))
        width, height, seconds = clip_facts(mp4, provider=self.name)
        return VideoResult(
            mp4=mp4,
            width=width,
            height=height,
            duration_s=seconds,
            provider=self.name,
            model=self.model,
            prompt_hash=prompt_hash(request.prompt),
            seed=request.seed,
            request_id=task_id,
        )


def _json(response: httpx2.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
