"""What the video vendors share: the still as a vendor wants it, and the clip's real size."""

from __future__ import annotations

import base64
import io
from fractions import Fraction
from typing import Any

import httpx
import httpx2

from agency.core import ProviderError
from agency.creation.image.safe_load import open_image
from agency.providers.retry import RetryPolicy, connection_error, status_error, with_retries

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"


def still_as_upload(image: bytes) -> tuple[str, str]:
    """``(mime, base64)`` of the still: PNG and JPEG as given, anything else as PNG."""
    if image.startswith(_PNG):
        return "image/png", base64.b64encode(image).decode("ascii")
    if image.startswith(_JPEG):
        return "image/jpeg", base64.b64encode(image).decode("ascii")
    buffer = io.BytesIO()
    open_image(image, field="image").save(buffer, format="PNG")
    return "image/png", base64.b64encode(buffer.getvalue()).decode("ascii")


def still_size(image: bytes) -> tuple[int, int]:
    """Pixel size of the still."""
    return open_image(image, field="image").size


def clip_facts(mp4: bytes, *, provider: str) -> tuple[int, int, float]:
    """``(width, height, duration_s)`` of a downloaded clip; ProviderError if it is not video."""
    import av

    try:
        with av.open(io.BytesIO(mp4), mode="r") as container:
            stream = container.streams.video[0]
            width, height = stream.codec_context.width, stream.codec_context.height
            if container.duration is not None:
                duration = container.duration / 1_000_000
            elif stream.duration is not None and stream.time_base is not None:
                duration = float(stream.duration * stream.time_base)
            else:
                duration = 0.0
    except (av.FFmpegError, IndexError) as exc:
        raise ProviderError(
            f"{provider} returned a file that is not a playable video.",
            provider=provider,
            retryable=True,
        ) from exc
    return int(width), int(height), float(duration)


def nearest_ratio(width: int, height: int, choices: tuple[str, ...]) -> str:
    """The ``W:H`` among ``choices`` whose aspect is closest to ``width:height``."""
    target = Fraction(width, height)

    def distance(choice: str) -> float:
        w, h = (int(part) for part in choice.split(":"))
        ratio = Fraction(w, h)
        return float(max(ratio, target) / min(ratio, target))

    return min(choices, key=distance)


def five_or_ten(duration_s: float) -> int:
    """The vendor clip length (5 or 10 s) nearest the requested duration."""
    return 10 if duration_s > 7.5 else 5


def download_clip(client: Any, url: str, *, provider: str, retry: RetryPolicy) -> bytes:
    """The finished clip at ``url`` (a CDN link: no API key sent), retried like any call.

    ``client`` is an httpx or httpx2 client (the Runway SDK needs the former).
    """

    def fetch() -> bytes:
        try:
            response = client.get(url)
        except (httpx.HTTPError, httpx2.HTTPError) as exc:
            raise connection_error(provider=provider, exc=exc) from exc
        if response.status_code >= 400:
            raise status_error(
                provider=provider,
                status=response.status_code,
                body=response.text[:2000],
                request_id=None,
                headers=dict(response.headers),
                detail="downloading the clip",
            )
        content: bytes = response.content
        return content

    return with_retries(fetch, policy=retry)
