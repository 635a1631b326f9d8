"""ElevenLabs voice-over on the official ``elevenlabs`` SDK.

Implements the providers' ``VoiceProvider`` interface: the registry can switch voice to
ElevenLabs when ``ELEVENLABS_API_KEY`` is set, and ``ProviderSpeech`` turns it into a
speech engine for the video timeline. Audio is requested as raw 24 kHz PCM (available
on every plan) and wrapped as WAV. Errors become ``ProviderError`` classified by the
shared retry policy; the SDK's own retries are switched off so that policy is the only one.
"""

from __future__ import annotations

import io
import wave
from typing import Any

import httpx

from agency.providers.base import VoiceRequest, VoiceResult, prompt_hash
from agency.providers.retry import RetryPolicy, connection_error, status_error, with_retries

DEFAULT_VOICE = "JBFqnCBsd6RMkjVDRZzb"  # "George", one of ElevenLabs' premade voices
DEFAULT_MODEL = "eleven_multilingual_v2"
SAMPLE_RATE = 24_000
_LANGUAGE_MODELS = {"eleven_flash_v2_5", "eleven_turbo_v2_5"}  # accept language_code


def pcm_to_wav(pcm: bytes, sample_rate: int = SAMPLE_RATE) -> bytes:
    """Wrap mono 16-bit little-endian PCM as a WAV file."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(sample_rate)
        wav.writeframes(pcm[: len(pcm) // 2 * 2])
    return buf.getvalue()


def _detail(body: Any) -> str:
    if isinstance(body, dict):
        detail = body.get("detail", body)
        if isinstance(detail, dict):
            return " ".join(str(detail.get(k, "")) for k in ("status", "message")).strip()
        return str(detail)
    return ""


class ElevenLabsVoiceProvider:
    """VoiceProvider on ElevenLabs text-to-speech; ``voice`` is an ElevenLabs voice id."""

    name = "elevenlabs"

    def __init__(
        self,
        *,
        api_key: str,
        base_url: str | None = None,
        model: str = DEFAULT_MODEL,
        default_voice: str = DEFAULT_VOICE,
        http_client: httpx.Client | None = None,
        retry: RetryPolicy | None = None,
        timeout_s: float = 120.0,
    ) -> None:
        from elevenlabs.client import ElevenLabs

        self.model = model
        self.default_voice = default_voice
        self.retry = retry or RetryPolicy()
        self._client = ElevenLabs(
            api_key=api_key, base_url=base_url, httpx_client=http_client, timeout=timeout_s
        )

    def _call(self, request: VoiceRequest, voice: str) -> tuple[bytes, str | None]:
        from elevenlabs import VoiceSettings
        from elevenlabs.core.api_error import ApiError

        options: dict[str, Any] = {}
        if request.speed != 1.0:
            options["voice_settings"] = VoiceSettings(speed=max(0.7, min(1.2, request.speed)))
        if request.seed is not None:
            options["seed"] = request.seed
        if self.model in _LANGUAGE_MODELS:
            options["language_code"] = request.language.split("-")[0]
        try:
            with self._client.text_to_speech.with_raw_response.convert(
                voice, text=request.text, model_id=self.model,
                output_format=f"pcm_{SAMPLE_RATE}", request_options={"max_retries": 0},
                **options,
            ) as response:  # fmt: skip
                pcm = b"".join(response.data)
                return pcm, response.headers.get("request-id")
        except ApiError as exc:
            headers = {str(k): str(v) for k, v in (exc.headers or {}).items()}
            raise status_error(
                provider=self.name,
                status=int(exc.status_code or 0),
                body=str(exc.body),
                request_id=headers.get("request-id"),
                headers=headers,
                detail=_detail(exc.body),
            ) from exc
        except httpx.HTTPError as exc:
            raise connection_error(provider=self.name, exc=exc) from exc

    def speak(self, request: VoiceRequest) -> VoiceResult:
        """WAV speech of ``request.text`` in ``request.voice`` (or the default voice)."""
        voice = request.voice or self.default_voice
        pcm, request_id = with_retries(lambda: self._call(request, voice), policy=self.retry)
        return VoiceResult(
            wav=pcm_to_wav(pcm),
            sample_rate=SAMPLE_RATE,
            duration_s=len(pcm) // 2 / SAMPLE_RATE,
            provider=self.name,
            model=f"{self.model}:{voice}",
            prompt_hash=prompt_hash(request.text),
            seed=request.seed,
            request_id=request_id,
        )
