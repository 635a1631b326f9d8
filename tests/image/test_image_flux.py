"""The Flux adapter against a local server that answers like the BFL API."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from image_media import PALETTE, png_bytes
from PIL import Image
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from agency.config import Settings
from agency.core import ProviderError
from agency.creation.image import FluxImageProvider, register_flux, render_design
from agency.creation.image.flux import aspect_ratio
from agency.providers import ImageRequest, ProviderRegistry, RetryPolicy, build_image_provider
from agency.providers.builtins import register_builtins

KEY = "test-bfl-key"
SAMPLE = png_bytes(Image.new("RGB", (1600, 900), (20, 110, 180)))


class FakeBFL:
    """Submit → poll (queued statuses, then a final one) → signed sample URL."""

    def __init__(self, server: HTTPServer, *, statuses: list[str], submit_failures: int = 0):
        self.server, self.statuses = server, list(statuses)
        self.submit_failures = submit_failures
        self.submitted: list[dict] = []
        self.polls = 0
        self.sample_headers: list[dict] = []
        server.expect_request("/v1/flux-pro-1.1-ultra", method="POST").respond_with_handler(
            self.submit
        )
        server.expect_request("/v1/get_result", method="GET").respond_with_handler(self.poll)
        server.expect_request("/delivery/sample.png").respond_with_handler(self.sample)

    def submit(self, request: Request) -> Response:
        if request.headers.get("x-key") != KEY:
            return Response(json.dumps({"detail": "bad key"}), 403)
        if self.submit_failures:
            self.submit_failures -= 1
            return Response(json.dumps({"detail": "too many active tasks"}), 429,
                            headers={"Retry-After": "0"})  # fmt: skip
        self.submitted.append(request.get_json())
        body = {"id": "task-1", "polling_url": self.server.url_for("/v1/get_result?id=task-1")}
        return Response(json.dumps(body), 200, content_type="application/json")

    def poll(self, request: Request) -> Response:
        assert request.headers.get("x-key") == KEY and request.args["id"] == "task-1"
        self.polls += 1
        status = self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]
        body: dict = {"id": "task-1", "status": status}
        if status == "Ready":
            body["result"] = {"sample": self.server.url_for("/delivery/sample.png")}
        return Response(json.dumps(body), 200, content_type="application/json")

    def sample(self, request: Request) -> Response:
        self.sample_headers.append(dict(request.headers))
        return Response(SAMPLE, 200, content_type="image/png")


def provider(server: HTTPServer, **kwargs: object) -> FluxImageProvider:
    return FluxImageProvider(
        api_key=KEY, base_url=server.url_for("").rstrip("/"),
        retry=RetryPolicy(sleep=lambda s: None), sleep=lambda s: None, **kwargs,  # type: ignore[arg-type]
    )  # fmt: skip


def test_pending_then_ready_gives_an_image_of_the_exact_size(httpserver: HTTPServer) -> None:
    fake = FakeBFL(httpserver, statuses=["Pending", "Pending", "Ready"])
    result = provider(httpserver).generate(
        ImageRequest(prompt="studio backdrop", width=1080, height=1920, seed=7)
    )
    image = Image.open(io.BytesIO(result.png))
    assert image.size == (1080, 1920) == (result.width, result.height)
    assert tuple(np.asarray(image.convert("RGB"))[960, 540]) == (20, 110, 180)
    assert fake.polls == 3
    assert fake.submitted == [
        {"prompt": "studio backdrop", "aspect_ratio": "9:16", "output_format": "png",
         "safety_tolerance": 2, "raw": False, "seed": 7}
    ]  # fmt: skip
    assert result.provider == "flux" and result.model == "flux-pro-1.1-ultra"
    assert result.request_id == "task-1" and result.seed == 7
    assert "x-key" not in {k.lower() for k in fake.sample_headers[0]}  # key stays with the API


def test_429_on_submit_is_retried(httpserver: HTTPServer) -> None:
    fake = FakeBFL(httpserver, statuses=["Ready"], submit_failures=2)
    result = provider(httpserver).generate(ImageRequest(prompt="x", width=1200, height=628))
    assert result.width == 1200 and len(fake.submitted) == 1


def test_error_status_raises_a_provider_error(httpserver: HTTPServer) -> None:
    FakeBFL(httpserver, statuses=["Pending", "Error"])
    with pytest.raises(ProviderError) as info:
        provider(httpserver).generate(ImageRequest(prompt="x"))
    assert info.value.provider == "flux" and info.value.request_id == "task-1"
    assert "Error" in info.value.message


def test_moderated_prompt_is_not_retryable(httpserver: HTTPServer) -> None:
    FakeBFL(httpserver, statuses=["Content Moderated"])
    with pytest.raises(ProviderError) as info:
        provider(httpserver).generate(ImageRequest(prompt="x"))
    assert info.value.retryable is False


def test_polling_gives_up_after_max_wait(httpserver: HTTPServer) -> None:
    FakeBFL(httpserver, statuses=["Pending"])
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    flux = FluxImageProvider(
        api_key=KEY, base_url=httpserver.url_for("").rstrip("/"), max_wait_s=5.0,
        retry=RetryPolicy(sleep=lambda s: None), sleep=sleep, clock=lambda: now[0],
    )  # fmt: skip
    with pytest.raises(ProviderError) as info:
        flux.generate(ImageRequest(prompt="x"))
    assert info.value.retryable is True and "5 s" in info.value.message


def test_bad_key_is_a_non_retryable_403(httpserver: HTTPServer) -> None:
    FakeBFL(httpserver, statuses=["Ready"])
    flux = FluxImageProvider(
        api_key="wrong", base_url=httpserver.url_for("").rstrip("/"),
        retry=RetryPolicy(sleep=lambda s: None),
    )  # fmt: skip
    with pytest.raises(ProviderError) as info:
        flux.generate(ImageRequest(prompt="x"))
    assert info.value.status_code == 403 and info.value.retryable is False


def test_designer_uses_flux_backgrounds(httpserver: HTTPServer) -> None:
    FakeBFL(httpserver, statuses=["Ready"])
    design = render_design(
        "link-center", headline="Hi", palette=PALETTE, image_provider=provider(httpserver)
    )
    pixels = np.asarray(Image.open(io.BytesIO(design.png)).convert("RGB"))
    assert design.report.background_provider == "flux:flux-pro-1.1-ultra"
    provenance = design.report.background_provenance or {}
    assert provenance["request_id"] == "task-1" and len(provenance["prompt_hash"]) == 64
    assert tuple(pixels[600, 1150]) == (20, 110, 180)


def test_registry_picks_flux_when_the_key_is_set() -> None:
    registry = ProviderRegistry()
    register_builtins(registry)
    register_flux(registry)
    keyed = Settings(_env_file=None, bfl_api_key=KEY)  # type: ignore[call-arg]
    assert isinstance(build_image_provider(keyed, registry=registry), FluxImageProvider)
    plain = Settings(_env_file=None)  # type: ignore[call-arg]
    assert build_image_provider(plain, registry=registry).name == "procedural"


@pytest.mark.parametrize(
    ("size", "ratio"),
    [((1080, 1080), "1:1"), ((1080, 1920), "9:16"), ((1280, 720), "16:9"),
     ((1584, 396), "7:3"), ((1080, 1350), "4:5")],
)  # fmt: skip
def test_aspect_ratio_is_clamped_to_what_ultra_accepts(size: tuple[int, int], ratio: str) -> None:
    assert aspect_ratio(*size) == ratio
