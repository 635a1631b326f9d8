"""Turn one long piece (a blog post, a report, a transcript) into 15 formats, each gated.

The source text is evidence (id ``source``): numbers and claims it contains may
be reused, anything else must come from the brief's proof points.
"""

from __future__ import annotations

from collections.abc import Sequence

from agency.core import InputError
from agency.creation.copy.brief import CopyBrief, CopyTarget
from agency.creation.copy.engine import write_copy
from agency.creation.copy.formats import get_format
from agency.creation.copy.models import CopyPiece
from agency.providers import TextProvider

REPURPOSE_FORMATS: tuple[str, ...] = (
    "x_thread",
    "linkedin_post",
    "linkedin_article",
    "instagram_carousel",
    "short_video",
    "newsletter_blurb",
    "press_release",
    "blog_outline",
    "faq",
    "quote_cards",
    "email",
    "facebook_post",
    "tiktok_caption",
    "youtube_description",
    "meta_ad",
)
MIN_WORDS = 80


def repurpose(
    long_text: str,
    brief: CopyBrief,
    *,
    provider: TextProvider,
    formats: Sequence[str] = REPURPOSE_FORMATS,
    slot: str | None = None,
    seed: int | None = None,
    max_repairs: int = 2,
) -> list[CopyPiece]:
    """One gate-passing piece per format (15 by default) written from ``long_text``."""
    words = len(long_text.split())
    if words < MIN_WORDS:
        raise InputError(
            f"The text to repurpose has {words} words; at least {MIN_WORDS} are needed.",
            field="long_text",
            fix="Give the full article, report or transcript.",
        )
    specs = [get_format(key) for key in formats]
    return [
        write_copy(
            CopyTarget(slot=slot, platform="any", format=spec.key),
            brief,
            provider=provider,
            source=long_text,
            seed=seed,
            max_repairs=max_repairs,
        )
        for spec in specs
    ]
