"""Runway and Kling image-to-video against local servers that answer like their APIs."""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import json
import time
from pathlib import Path

import pytest
from PIL import Image
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from agency.config import Settings
from agency.core import ProviderError
from agency.creation.media_tools import run_ffmpeg
from agency.creation.video.vendors import (
    KlingVideoProvider,
    RunwayVideoProvider,
    kling_token,
    register_video_vendors,
)
from agency.providers import ProviderRegistry, RetryPolicy, VideoRequest
from agency.providers.base import prompt_hash

RUNWAY_KEY = "key_test_runway"
ACCESS, SECRET = "kling-access", "kling-secret"


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A real 1 s portrait H.264 MP4, as a vendor would deliver."""
    out: Path = tmp_path_factory.mktemp("vendors") / "clip.mp4"
    run_ffmpeg(
        ["-f", "lavfi", "-i", "testsrc2=s=72x128:r=24:d=1", "-pix_fmt", "yuv420p",
         "-c:v", "libx264", "-preset", "ultrafast", str(out)],
        timeout_s=60,
    )  # fmt: skip
    return out.read_bytes()


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 60, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def as_json(body: dict, status: int = 200, headers: dict | None = None) -> Response:
    return Response(json.dumps(body), status, headers=headers, content_type="application/json")


class Sleeps:
    """An injected sleep that records instead of waiting."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


# ---------------------------------------------------------------- Runway


class FakeRunway:
    """POST /v1/image_to_video → task id; GET /v1/tasks/{id} walks the statuses."""

    def __init__(
        self, server: HTTPServer, clip: bytes, *, statuses: list[str], throttle: int = 0
    ) -> None:
        self.server, self.clip, self.statuses, self.throttle = server, clip, statuses, throttle
        self.created: list[dict] = []
        self.headers: list[dict] = []
        self.polls = 0
        server.expect_request("/v1/image_to_video", method="POST").respond_with_handler(self.create)
        server.expect_request("/v1/tasks/task-9", method="GET").respond_with_handler(self.task)
        server.expect_request("/cdn/out.mp4").respond_with_handler(self.download)
        self.download_headers: list[dict] = []

    def create(self, request: Request) -> Response:
        self.headers.append(dict(request.headers))
        if self.throttle:
            self.throttle -= 1
            return as_json({"error": "Too many requests"}, 429, {"Retry-After": "3"})
        self.created.append(request.get_json())
        return as_json({"id": "task-9", "estimatedCost": {"credits": 25}})

    def download(self, request: Request) -> Response:
        self.download_headers.append(dict(request.headers))
        return Response(self.clip, 200, content_type="video/mp4")

    def task(self, request: Request) -> Response:
        assert request.headers["Authorization"] == f"Bearer {RUNWAY_KEY}"
        self.polls += 1
        status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        body: dict = {"id": "task-9", "status": status, "createdAt": "2026-11-25T10:00:00Z"}
        if status in ("PENDING", "THROTTLED", "RUNNING"):
            body["estimatedCost"] = {"credits": 25}
        if status == "RUNNING":
            body["progress"] = 0.5
        if status == "SUCCEEDED":
            body["output"] = [self.server.url_for("/cdn/out.mp4")]
            body["cost"] = {"credits": 25}
        if status == "FAILED":
            body["failure"] = "The prompt image was flagged by content moderation."
            body["failureCode"] = "SAFETY.INPUT.IMAGE"
            body["cost"] = {"credits": 0}
        return as_json(body)


def runway(server: HTTPServer, sleeps: Sleeps) -> RunwayVideoProvider:
    return RunwayVideoProvider(
        api_key=RUNWAY_KEY,
        base_url=server.url_for("").rstrip("/"),
        retry=RetryPolicy(sleep=sleeps),
        sleep=sleeps,
        poll_interval_s=5.0,
    )


def test_runway_polls_pending_running_succeeded_and_downloads_the_mp4(
    httpserver: HTTPServer, clip: bytes
) -> None:
    fake = FakeRunway(httpserver, clip, statuses=["PENDING", "THROTTLED", "RUNNING", "SUCCEEDED"])
    sleeps = Sleeps()
    still = png(1080, 1920)
    result = runway(httpserver, sleeps).animate(
        VideoRequest(image=still, prompt="slow push in", duration_s=8, seed=42)
    )
    assert result.mp4 == clip
    assert (result.width, result.height) == (72, 128)
    assert result.duration_s == pytest.approx(1.0, abs=0.1)
    assert (result.provider, result.model, result.request_id) == ("runway", "gen4_turbo", "task-9")
    assert result.prompt_hash == prompt_hash("slow push in") and result.seed == 42
    [sent] = fake.created
    assert sent["model"] == "gen4_turbo"
    assert sent["ratio"] == "720:1280"  # portrait still, no explicit size
    assert sent["duration"] == 10 and sent["promptText"] == "slow push in" and sent["seed"] == 42
    assert sent["promptImage"] == "data:image/png;base64," + base64.b64encode(still).decode()
    assert fake.headers[0]["Authorization"] == f"Bearer {RUNWAY_KEY}"
    assert fake.polls == 4 and sleeps.calls == [5.0, 5.0, 5.0]
    assert "Authorization" not in fake.download_headers[0]  # the key stays with the API host


@pytest.mark.parametrize(
    ("width", "height", "ratio"),
    [(1920, 1080, "1280:720"), (1080, 1080, "960:960"), (1080, 1350, "832:1104")],
)
def test_runway_ratio_follows_the_requested_size(
    httpserver: HTTPServer, clip: bytes, width: int, height: int, ratio: str
) -> None:
    fake = FakeRunway(httpserver, clip, statuses=["SUCCEEDED"])
    runway(httpserver, Sleeps()).animate(
        VideoRequest(image=png(64, 64), width=width, height=height, duration_s=4)
    )
    assert fake.created[0]["ratio"] == ratio and fake.created[0]["duration"] == 5


def test_runway_failed_task_raises_with_the_failure_message(
    httpserver: HTTPServer, clip: bytes
) -> None:
    FakeRunway(httpserver, clip, statuses=["RUNNING", "FAILED"])
    with pytest.raises(ProviderError, match="flagged by content moderation") as info:
        runway(httpserver, Sleeps()).animate(VideoRequest(image=png(64, 64), prompt="x"))
    assert info.value.request_id == "task-9" and not info.value.retryable


def test_runway_429_on_create_is_retried_after_retry_after(
    httpserver: HTTPServer, clip: bytes
) -> None:
    fake = FakeRunway(httpserver, clip, statuses=["SUCCEEDED"], throttle=1)
    sleeps = Sleeps()
    result = runway(httpserver, sleeps).animate(VideoRequest(image=png(64, 64), prompt="pan"))
    assert result.mp4 == clip
    assert len(fake.headers) == 2 and len(fake.created) == 1
    assert sleeps.calls == [3.0]  # Retry-After honoured, SDK retries off (one retry loop)


def test_runway_times_out_when_the_task_never_ends(httpserver: HTTPServer, clip: bytes) -> None:
    FakeRunway(httpserver, clip, statuses=["RUNNING"])
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    provider = RunwayVideoProvider(
        api_key=RUNWAY_KEY,
        base_url=httpserver.url_for("").rstrip("/"),
        retry=RetryPolicy(sleep=sleep),
        sleep=sleep,
        clock=lambda: now[0],
        max_wait_s=30,
    )
    with pytest.raises(ProviderError, match="did not finish") as info:
        provider.animate(VideoRequest(image=png(64, 64)))
    assert info.value.retryable


# ---------------------------------------------------------------- Kling


def decode_jwt(token: str, secret: str) -> dict:
    """Verify an HS256 token's signature and return its claims."""
    header, claims, signature = token.split(".")
    expected = hmac.new(secret.encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest()
    padded = signature + "=" * (-len(signature) % 4)
    assert base64.urlsafe_b64decode(padded) == expected, "bad signature"
    head = json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4)))
    assert head == {"alg": "HS256", "typ": "JWT"}
    return json.loads(base64.urlsafe_b64decode(claims + "=" * (-len(claims) % 4)))


class FakeKling:
    """POST /v1/videos/image2video → task_id; GET …/{task_id} walks task_status."""

    def __init__(
        self, server: HTTPServer, clip: bytes, *, statuses: list[str], code: int = 0, busy: int = 0
    ) -> None:
        self.server, self.clip, self.statuses, self.code = server, clip, statuses, code
        self.busy = busy
        self.created: list[dict] = []
        self.tokens: list[str] = []
        self.download_headers: list[dict] = []
        server.expect_request("/v1/videos/image2video", method="POST").respond_with_handler(
            self.create
        )
        server.expect_request("/v1/videos/image2video/kt-1", method="GET").respond_with_handler(
            self.task
        )
        server.expect_request("/cdn/kling.mp4").respond_with_handler(self.download)

    def _auth(self, request: Request) -> None:
        scheme, _, token = request.headers["Authorization"].partition(" ")
        assert scheme == "Bearer"
        self.tokens.append(token)

    def create(self, request: Request) -> Response:
        self._auth(request)
        if self.busy:
            self.busy -= 1
            return as_json({"code": 1302, "message": "Rate limit exceeded", "request_id": "rq-0"},
                           429, {"Retry-After": "4"})  # fmt: skip
        if self.code:
            return as_json({"code": self.code, "message": "Account balance not enough",
                            "request_id": "rq-1"})  # fmt: skip
        self.created.append(request.get_json())
        return as_json({"code": 0, "message": "SUCCEED", "request_id": "rq-1",
                        "data": {"task_id": "kt-1", "task_status": "submitted"}})  # fmt: skip

    def task(self, request: Request) -> Response:
        self._auth(request)
        status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        data: dict = {"task_id": "kt-1", "task_status": status}
        if status == "succeed":
            data["task_result"] = {"videos": [
                {"id": "v1", "url": self.server.url_for("/cdn/kling.mp4"), "duration": "5"}
            ]}  # fmt: skip
        if status == "failed":
            data["task_status_msg"] = "Image failed content review"
        return as_json({"code": 0, "message": "SUCCEED", "request_id": "rq-2", "data": data})

    def download(self, request: Request) -> Response:
        self.download_headers.append(dict(request.headers))
        return Response(self.clip, 200, content_type="video/mp4")


def kling(server: HTTPServer, sleeps: Sleeps) -> KlingVideoProvider:
    return KlingVideoProvider(
        access_key=ACCESS,
        secret_key=SECRET,
        base_url=server.url_for("").rstrip("/"),
        retry=RetryPolicy(sleep=sleeps),
        sleep=sleeps,
        poll_interval_s=2.0,
    )


def test_kling_success_with_a_signed_jwt(httpserver: HTTPServer, clip: bytes) -> None:
    fake = FakeKling(httpserver, clip, statuses=["submitted", "processing", "succeed"])
    sleeps = Sleeps()
    still = png(1080, 1920)
    before = int(time.time())
    result = kling(httpserver, sleeps).animate(
        VideoRequest(image=still, prompt="steam rises from the cup", duration_s=5, seed=3)
    )
    assert result.mp4 == clip and (result.width, result.height) == (72, 128)
    assert (result.provider, result.model, result.request_id) == ("kling", "kling-v1-6", "kt-1")
    assert result.prompt_hash == prompt_hash("steam rises from the cup")
    assert fake.created == [{
        "model_name": "kling-v1-6", "image": base64.b64encode(still).decode(),
        "prompt": "steam rises from the cup", "duration": "5", "mode": "std",
    }]  # fmt: skip
    assert len(fake.tokens) == 4  # create + three polls, each signed
    for token in fake.tokens:
        claims = decode_jwt(token, SECRET)
        assert claims["iss"] == ACCESS
        assert before - 6 <= claims["nbf"] <= claims["exp"] - 1805 <= int(time.time())
    assert "Authorization" not in fake.download_headers[0]  # the key stays with the API host
    assert sleeps.calls == [2.0, 2.0]


def test_kling_asks_for_ten_seconds_when_the_request_is_long(
    httpserver: HTTPServer, clip: bytes
) -> None:
    fake = FakeKling(httpserver, clip, statuses=["succeed"])
    kling(httpserver, Sleeps()).animate(VideoRequest(image=png(64, 64), duration_s=10))
    assert fake.created[0]["duration"] == "10"


def test_kling_failed_task_raises_with_the_status_message(
    httpserver: HTTPServer, clip: bytes
) -> None:
    FakeKling(httpserver, clip, statuses=["processing", "failed"])
    with pytest.raises(ProviderError, match="Image failed content review") as info:
        kling(httpserver, Sleeps()).animate(VideoRequest(image=png(64, 64)))
    assert info.value.request_id == "kt-1" and not info.value.retryable


def test_kling_nonzero_code_raises_with_the_message(httpserver: HTTPServer, clip: bytes) -> None:
    fake = FakeKling(httpserver, clip, statuses=["succeed"], code=1102)
    with pytest.raises(ProviderError, match="1102: Account balance not enough") as info:
        kling(httpserver, Sleeps()).animate(VideoRequest(image=png(64, 64)))
    assert info.value.request_id == "rq-1" and not info.value.retryable
    assert len(fake.tokens) == 1 and not fake.created


def test_kling_429_rate_limit_is_retried_after_retry_after(
    httpserver: HTTPServer, clip: bytes
) -> None:
    fake = FakeKling(httpserver, clip, statuses=["succeed"], busy=1)
    sleeps = Sleeps()
    result = kling(httpserver, sleeps).animate(VideoRequest(image=png(64, 64), prompt="zoom"))
    assert result.mp4 == clip and len(fake.created) == 1
    assert sleeps.calls == [4.0]


def test_kling_token_claims() -> None:
    claims = decode_jwt(kling_token("ak", "sk", now=1_000_000), "sk")
    assert claims == {"iss": "ak", "exp": 1_001_800, "nbf": 999_995}


# ---------------------------------------------------------------- registration


def test_registration_picks_runway_when_its_secret_is_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("RUNWAYML_API_SECRET", "AGENCY_RUNWAYML_API_SECRET", "VIDEO_PROVIDER",
                 "AGENCY_VIDEO_PROVIDER"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    registry = ProviderRegistry()
    register_video_vendors(registry)
    assert registry.names("video") == ["runway", "kling"]
    settings = Settings(_env_file=None, RUNWAYML_API_SECRET=RUNWAY_KEY)  # type: ignore[call-arg]
    assert registry.choose("video", settings).name == "runway"
    assert isinstance(registry.build("video", settings), RunwayVideoProvider)
    bare = Settings(_env_file=None)  # type: ignore[call-arg]
    assert not any(spec.available(bare) for spec in registry.specs("video"))
