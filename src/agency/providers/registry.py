"""Providers by name per capability, and the choice of one from settings.

Built-ins and vendors register the same way (``ProviderSpec``); optional backends
from other packages are discovered through the ``agency.providers`` entry-point
group (each entry point is a callable taking the registry). Selection: the name
in ``settings.<capability>_provider`` if set; else the first vendor whose key is
set; else the first available offline default.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any

import httpx2

from agency.config import Settings
from agency.core import InputError
from agency.providers.base import (
    Capability,
    ImageProvider,
    ResearchProvider,
    TextProvider,
    VideoProvider,
    VoiceProvider,
)
from agency.providers.retry import RetryPolicy

Factory = Callable[[Settings, "httpx2.Client | None", RetryPolicy], Any]
ENTRY_POINT_GROUP = "agency.providers"


@dataclass(frozen=True)
class ProviderSpec:
    """How to build one provider, and when it can be chosen automatically."""

    name: str
    capability: Capability
    factory: Factory
    available: Callable[[Settings], bool]
    offline: bool
    priority: int = 100  # lower is preferred among the available


class ProviderRegistry:
    """Named provider specs per capability."""

    def __init__(self) -> None:
        self._specs: dict[tuple[str, str], ProviderSpec] = {}

    def register(self, spec: ProviderSpec) -> None:
        """Add or replace the provider ``spec.name`` for ``spec.capability``."""
        self._specs[(spec.capability, spec.name)] = spec

    def specs(self, capability: Capability) -> list[ProviderSpec]:
        """Specs of one capability, preferred first."""
        found = [s for (cap, _), s in self._specs.items() if cap == capability]
        return sorted(found, key=lambda s: (s.offline, s.priority, s.name))

    def names(self, capability: Capability) -> list[str]:
        return [s.name for s in self.specs(capability)]

    def choose(self, capability: Capability, settings: Settings) -> ProviderSpec:
        """The spec settings select (forced name, then keyed vendor, then offline)."""
        forced = getattr(settings, f"{capability}_provider", None)
        if forced:
            spec = self._specs.get((capability, forced))
            if spec is None:
                raise InputError(
                    f"Unknown {capability} provider {forced!r}.",
                    field=f"{capability}_provider",
                    fix=f"use one of: {', '.join(self.names(capability))}",
                )
            return spec
        for spec in self.specs(capability):
            if spec.available(settings):
                return spec
        raise InputError(
            f"No {capability} provider is available.",
            field=f"{capability}_provider",
            fix="set a vendor key or install an offline engine: "
            + ", ".join(self.names(capability)),
        )

    def build(
        self,
        capability: Capability,
        settings: Settings,
        *,
        http_client: httpx2.Client | None = None,
        retry: RetryPolicy | None = None,
    ) -> Any:
        """An instance of the provider settings select for ``capability``."""
        spec = self.choose(capability, settings)
        policy = retry or RetryPolicy(max_retries=settings.provider_max_retries)
        return spec.factory(settings, http_client, policy)


def default_registry(*, discover: bool = True) -> ProviderRegistry:
    """A registry with the built-in vendors and offline defaults (plus plugins)."""
    from agency.providers.builtins import register_builtins

    registry = ProviderRegistry()
    register_builtins(registry)
    if discover:
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            ep.load()(registry)
    return registry


def build_text_provider(
    settings: Settings,
    *,
    http_client: httpx2.Client | None = None,
    retry: RetryPolicy | None = None,
    registry: ProviderRegistry | None = None,
) -> TextProvider:
    """The text provider for these settings."""
    reg = registry or default_registry()
    provider: TextProvider = reg.build("text", settings, http_client=http_client, retry=retry)
    return provider


def build_image_provider(
    settings: Settings,
    *,
    http_client: httpx2.Client | None = None,
    registry: ProviderRegistry | None = None,
) -> ImageProvider:
    """The image provider for these settings."""
    provider: ImageProvider = (registry or default_registry()).build(
        "image", settings, http_client=http_client
    )
    return provider


def build_video_provider(
    settings: Settings,
    *,
    http_client: httpx2.Client | None = None,
    registry: ProviderRegistry | None = None,
) -> VideoProvider:
    """The video provider for these settings."""
    provider: VideoProvider = (registry or default_registry()).build(
        "video", settings, http_client=http_client
    )
    return provider


def build_voice_provider(
    settings: Settings,
    *,
    http_client: httpx2.Client | None = None,
    registry: ProviderRegistry | None = None,
) -> VoiceProvider:
    """The voice provider for these settings."""
    provider: VoiceProvider = (registry or default_registry()).build(
        "voice", settings, http_client=http_client
    )
    return provider


def build_research_provider(
    settings: Settings,
    *,
    http_client: httpx2.Client | None = None,
    retry: RetryPolicy | None = None,
    registry: ProviderRegistry | None = None,
) -> ResearchProvider:
    """The research provider for these settings."""
    reg = registry or default_registry()
    provider: ResearchProvider = reg.build(
        "research", settings, http_client=http_client, retry=retry
    )
    return provider
