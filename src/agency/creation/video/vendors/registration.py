"""Register the image-to-video vendors (Runway, Kling) with the provider registry.

Loaded through the ``agency.providers`` entry-point group, so the providers package
never imports the creation package. Runway is chosen when ``RUNWAYML_API_SECRET``
is set; Kling when its access key is set (and Runway's is not).
"""

from __future__ import annotations

from typing import Any

from agency.config import Settings
from agency.providers.registry import ProviderRegistry, ProviderSpec
from agency.providers.retry import RetryPolicy


def _secret(settings: Settings, field: str) -> str:
    value = getattr(settings, field, None)
    return value.get_secret_value() if value is not None else ""


def _runway(settings: Settings, _http: Any, retry: RetryPolicy) -> Any:
    # The registry's client is an httpx2 client; the runwayml SDK needs httpx, so it builds its own.
    from agency.creation.video.vendors.runway import RunwayVideoProvider

    return RunwayVideoProvider(
        api_key=_secret(settings, "runway_api_secret"),
        retry=retry,
        timeout_s=settings.provider_timeout_s,
    )


def _kling(settings: Settings, http_client: Any, retry: RetryPolicy) -> Any:
    from agency.creation.video.vendors.kling import KLING_BASE_URL, KlingVideoProvider

    return KlingVideoProvider(
        access_key=_secret(settings, "kling_access_key"),
        secret_key=_secret(settings, "kling_secret_key"),
        base_url=getattr(settings, "kling_base_url", None) or KLING_BASE_URL,
        http_client=http_client,
        retry=retry,
        timeout_s=settings.provider_timeout_s,
    )


def register_video_vendors(registry: ProviderRegistry) -> None:
    """Add Runway (priority 10) and Kling (priority 20) as ``video`` vendors."""
    registry.register(
        ProviderSpec(
            "runway", "video", _runway, lambda s: s.runway_api_secret is not None, False, 10
        )
    )
    registry.register(
        ProviderSpec(
            "kling",
            "video",
            _kling,
            lambda s: getattr(s, "kling_access_key", None) is not None,
            False,
            20,
        )
    )
