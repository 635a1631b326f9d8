"""Lists of assets for one field (RSA headlines, Demand Gen descriptions, ...).

Checks the number of assets, duplicates (Google rejects them) and each text
through ``validate_text``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from agency.distribution.formatting.models import Violation
from agency.distribution.formatting.text_validator import validate_text
from agency.distribution.platforms import get_platform, get_text_limit


def validate_items(
    platform: str, items: Sequence[str], *, field: str, banned_words: Iterable[str] = ()
) -> list[Violation]:
    """Check a list of assets for one field (e.g. RSA headlines): count, duplicates, each text."""
    spec = get_platform(platform)
    limit = get_text_limit(spec, field)
    found: list[Violation] = []
    if len(items) < limit.min_items:
        short = limit.min_items - len(items)
        found.append(
            Violation(
                code="too_few_items",
                message=f"{len(items)} {field} given; at least {limit.min_items} needed.",
                by=short,
                fix=f"Add {short} more.",
                field=field,
            )
        )
    if limit.max_items is not None and len(items) > limit.max_items:
        extra = len(items) - limit.max_items
        found.append(
            Violation(
                code="too_many_items",
                message=f"{len(items)} {field} given; at most {limit.max_items} allowed.",
                by=extra,
                fix=f"Remove {extra}.",
                field=field,
            )
        )
    if limit.unique:
        seen: set[str] = set()
        for item in items:
            key = " ".join(item.lower().split())
            if key in seen:
                found.append(
                    Violation(
                        code="duplicate_item",
                        message=f"{item!r} appears more than once in {field}.",
                        by=1,
                        fix="Make every asset different.",
                        field=field,
                    )
                )
            seen.add(key)
    for item in items:
        found += validate_text(platform, item, field=field, banned_words=banned_words).violations
    return found
