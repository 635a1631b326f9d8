"""ElevenLabs voice adapter against a local server that answers as the vendor's API does."""

from __future__ import annotations

import io
import json
import wave
from pathlib import Path

import numpy as np
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from agency.core.errors import ProviderError
from agency.creation.audio import ProviderSpeech, synthesize_speech
from agency.creation.audio.elevenlabs_voice import ElevenLabsVoiceProvider
from agency.providers.base import VoiceRequest
from agency.providers.retry import RetryPolicy

VOICE = "JBFqnCBsd6RMkjVDRZzb"
PATH = f"/v1/text-to-speech/{VOICE}"


def _pcm(seconds: float) -> bytes:
    t = np.arange(int(seconds * 24000)) / 24000
    return (np.sin(2 * np.pi * 220 * t) * 8000).astype("<i2").tobytes()


def _provider(server: HTTPServer, sleeps: list[float] | None = None) -> ElevenLabsVoiceProvider:
    policy = RetryPolicy(
        max_retries=2, sleep=(sleeps.append if sleeps is not None else lambda s: None)
    )
    return ElevenLabsVoiceProvider(api_key="test-key", base_url=server.url_for(""), retry=policy)


def test_speech_is_requested_as_pcm_and_returned_as_wav(httpserver: HTTPServer) -> None:
    seen: list[Request] = []

    def answer(request: Request) -> Response:
        seen.append(request)
        return Response(_pcm(1.25), headers={"request-id": "req-123"}, content_type="audio/pcm")

    httpserver.expect_request(PATH, method="POST").respond_with_handler(answer)
    result = _provider(httpserver).speak(VoiceRequest(text="Cold brew, reimagined.", seed=7))
    request = seen[0]
    assert request.headers["xi-api-key"] == "test-key"
    assert request.args["output_format"] == "pcm_24000"
    body = json.loads(request.get_data())
    assert body["text"] == "Cold brew, reimagined." and body["model_id"] == "eleven_multilingual_v2"
    assert body["seed"] == 7
    with wave.open(io.BytesIO(result.wav)) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getnframes()) == (24000, 1, 30000)
    assert result.duration_s == pytest.approx(1.25)
    assert result.request_id == "req-123" and result.model.endswith(VOICE)


def test_a_bad_key_is_not_retried(httpserver: HTTPServer) -> None:
    detail = {"detail": {"status": "invalid_api_key", "message": "Invalid API key"}}
    httpserver.expect_request(PATH, method="POST").respond_with_json(
        detail, status=401, headers={"request-id": "req-401"}
    )
    with pytest.raises(ProviderError) as err:
        _provider(httpserver).speak(VoiceRequest(text="hello"))
    assert err.value.status_code == 401 and not err.value.retryable
    assert "invalid_api_key" in err.value.message and err.value.request_id == "req-401"
    assert len(httpserver.log) == 1


def test_rate_limits_are_retried_after_the_advertised_delay(httpserver: HTTPServer) -> None:
    busy = {"detail": {"status": "too_many_concurrent_requests", "message": "slow down"}}
    httpserver.expect_ordered_request(PATH, method="POST").respond_with_json(
        busy, status=429, headers={"Retry-After": "2"}
    )
    httpserver.expect_ordered_request(PATH, method="POST").respond_with_data(_pcm(0.5))
    sleeps: list[float] = []
    result = _provider(httpserver, sleeps).speak(VoiceRequest(text="hello"))
    assert sleeps == [2.0] and result.duration_s == pytest.approx(0.5)


def test_server_errors_give_up_retryable(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH, method="POST").respond_with_json({"detail": "boom"}, status=503)
    with pytest.raises(ProviderError) as err:
        _provider(httpserver).speak(VoiceRequest(text="hello"))
    assert err.value.retryable and err.value.status_code == 503
    assert len(httpserver.log) == 3  # first try + two retries


def test_elevenlabs_voice_overs_feed_the_timeline(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request(PATH, method="POST").respond_with_data(_pcm(2.0))
    engine = ProviderSpeech(_provider(httpserver))
    clip = synthesize_speech("Order yours today.", tmp_path / "vo.wav", engine=engine)
    assert clip.engine == "elevenlabs" and clip.duration_s == pytest.approx(2.0)
    assert clip.sample_rate == 24000 and clip.path.stat().st_size > 90_000
