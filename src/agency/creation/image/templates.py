"""Layout templates as data: loading, validation and lookup by id or format.

Each YAML file in ``templates/`` holds the layouts of one format; they are validated
into :class:`LayoutTemplate` once and cached. A bad file is a programming error and
fails loudly; a bad id or format from a user is an :class:`InputError`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from agency.core import InputError
from agency.creation.image.models import FORMAT_SIZES, LayoutTemplate

TEMPLATE_DIR = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def load_templates() -> dict[str, LayoutTemplate]:
    """Every shipped template by id, in file order."""
    found: dict[str, LayoutTemplate] = {}
    for path in sorted(TEMPLATE_DIR.glob("*.yaml")):
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        for raw in data.get("templates", []):
            try:
                template = LayoutTemplate.model_validate({"format": data["format"], **raw})
            except ValidationError as exc:
                raise ValueError(f"{path.name}: template {raw.get('id')!r}: {exc}") from exc
            if template.id in found:
                raise ValueError(f"{path.name}: duplicate template id {template.id!r}")
            found[template.id] = template
    return found


def formats() -> list[str]:
    """The format names the designer renders."""
    return list(FORMAT_SIZES)


def templates_for_format(format_name: str) -> list[LayoutTemplate]:
    """The templates of one format (several per format)."""
    if format_name not in FORMAT_SIZES:
        raise InputError(
            f"Unknown image format {format_name!r}.",
            field="format",
            fix=f"use one of: {', '.join(FORMAT_SIZES)}",
        )
    return [t for t in load_templates().values() if t.format == format_name]


def get_template(template_or_format: str) -> LayoutTemplate:
    """A template by id, or the first template of a format name."""
    templates = load_templates()
    if template_or_format in templates:
        return templates[template_or_format]
    if template_or_format in FORMAT_SIZES:
        return templates_for_format(template_or_format)[0]
    raise InputError(
        f"Unknown template or format {template_or_format!r}.",
        field="template",
        fix=f"use a format ({', '.join(FORMAT_SIZES)}) or a template id such as "
        f"{next(iter(templates))!r}",
    )
