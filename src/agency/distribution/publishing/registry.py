"""Publishers by platform name, built with one injected HTTP client."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

import httpx

from agency.core.errors import InputError
from agency.distribution.publishing.facebook import FacebookPublisher
from agency.distribution.publishing.http import HttpPublisher
from agency.distribution.publishing.instagram import InstagramPublisher
from agency.distribution.publishing.linkedin import LinkedInPublisher
from agency.distribution.publishing.models import Publisher
from agency.distribution.publishing.tiktok import TikTokPublisher
from agency.distribution.publishing.x import XPublisher
from agency.distribution.publishing.youtube import YouTubePublisher

PUBLISHER_CLASSES: dict[str, type[HttpPublisher]] = {
    "x": XPublisher,
    "linkedin": LinkedInPublisher,
    "instagram": InstagramPublisher,
    "facebook": FacebookPublisher,
    "tiktok": TikTokPublisher,
    "youtube": YouTubePublisher,
}


def build_publishers(
    *,
    http_client: httpx.Client,
    base_urls: Mapping[str, str] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    poll_interval_s: float = 2.0,
    max_poll_s: float = 120.0,
) -> dict[str, Publisher]:
    """One publisher per platform; ``base_urls`` points them elsewhere (sandbox, proxies)."""
    urls = dict(base_urls or {})
    publishers: dict[str, Publisher] = {}
    for name, cls in PUBLISHER_CLASSES.items():
        common = {
            "http_client": http_client,
            "base_url": urls.get(name),
            "sleep": sleep,
            "poll_interval_s": poll_interval_s,
            "max_poll_s": max_poll_s,
        }
        if cls is YouTubePublisher:
            publishers[name] = YouTubePublisher(
                analytics_base_url=urls.get("youtube_analytics"), **common
            )
        else:
            publishers[name] = cls(**common)  # type: ignore[arg-type,assignment]
    return publishers


def get_publisher(publishers: Mapping[str, Publisher], platform: str) -> Publisher:
    """The publisher for ``platform`` or an InputError naming the supported ones."""
    try:
        return publishers[platform]
    except KeyError:
        raise InputError(
            f"No publisher for platform {platform!r}.",
            field="platform",
            fix=f"Use one of: {', '.join(sorted(publishers))}.",
        ) from None
