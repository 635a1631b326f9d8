"""Load the platform spec files shipped in ``data/`` and look them up by name."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml
from pydantic import ValidationError

from agency.core import InputError
from agency.distribution.platforms.models import PlatformSpec, TextLimit


def _load_file(name: str, text: str) -> PlatformSpec:
    try:
        return PlatformSpec.model_validate(yaml.safe_load(text))
    except (ValidationError, yaml.YAMLError) as exc:
        raise ValueError(f"platform spec {name} is invalid: {exc}") from exc


@cache
def _registry() -> dict[str, PlatformSpec]:
    folder = resources.files(__package__).joinpath("data")
    specs: dict[str, PlatformSpec] = {}
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name.endswith((".yaml", ".yml")):
            spec = _load_file(entry.name, entry.read_text(encoding="utf-8"))
            specs[spec.name] = spec
    return specs


@cache
def _aliases() -> dict[str, str]:
    return {alias: spec.name for spec in _registry().values() for alias in spec.aliases}


def list_platforms() -> list[str]:
    """Names of every platform with a spec, sorted."""
    return sorted(_registry())


def get_platform(name: str) -> PlatformSpec:
    """The spec for ``name`` (case-insensitive; aliases like ``twitter`` work)."""
    key = name.strip().lower().replace("-", "_")
    key = _aliases().get(key, key)
    try:
        return _registry()[key]
    except KeyError:
        raise InputError(
            f"Unknown platform {name!r}.",
            field="platform",
            fix=f"Use one of: {', '.join(list_platforms())}.",
        ) from None


def get_text_limit(platform: str | PlatformSpec, field: str | None = None) -> TextLimit:
    """The limits of ``field`` (default: the platform's main text field)."""
    spec = platform if isinstance(platform, PlatformSpec) else get_platform(platform)
    key = field or spec.default_field
    if key == "post" and key not in spec.text:
        key = spec.default_field
    try:
        return spec.text[key]
    except KeyError:
        raise InputError(
            f"{spec.display_name} has no text field {key!r}.",
            field="field",
            fix=f"Use one of: {', '.join(sorted(spec.text))}.",
        ) from None
