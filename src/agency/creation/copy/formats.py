"""Every format the engine writes: its structure (kind), platform, limits and required elements.

Limits come from the platform specs (``distribution.platforms``) where a platform
has the field; the rest are house rules stated here (``HOUSE`` limits), so the
gate and the prompts read the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from agency.core import InputError

Kind = Literal[
    "post",
    "thread",
    "email",
    "landing",
    "meta_ad",
    "google_rsa",
    "tiktok_ad",
    "carousel",
    "video_script",
    "article",
    "press_release",
    "outline",
    "faq",
    "quotes",
    "youtube",
    "blurb",
]


@dataclass(frozen=True)
class ItemRule:
    """How many items a list field holds and how long each may be (house rule)."""

    min_items: int
    max_items: int
    max_chars: int


@dataclass(frozen=True)
class FormatSpec:
    """One format: where it goes, its structure and what it must contain."""

    key: str
    platform: str
    format: str
    kind: Kind
    label: str
    validate_on: str | None = None
    text_field: str = "post"
    needs_cta: bool = False
    needs_link: bool = False
    hashtags: int = 0
    house: dict[str, int] = field(default_factory=dict)
    items: dict[str, ItemRule] = field(default_factory=dict)
    guidance: str = ""


def _post(key: str, platform: str, fmt: str, label: str, **kw: object) -> FormatSpec:
    return FormatSpec(key, platform, fmt, "post", label, validate_on=platform, **kw)  # type: ignore[arg-type]


_SLIDES = {"slides": ItemRule(3, 10, 220)}
_BEATS = {"beats": ItemRule(3, 8, 220)}
_SECTIONS = {"sections": ItemRule(3, 6, 900)}

SPECS: dict[str, FormatSpec] = {
    s.key: s
    for s in (
        _post("x_post", "x", "post", "X post", needs_cta=True, needs_link=True, hashtags=2),
        FormatSpec(
            "x_thread",
            "x",
            "thread",
            "thread",
            "X thread",
            validate_on="x",
            needs_cta=True,
            needs_link=True,
            hashtags=2,
            items={"posts": ItemRule(3, 10, 280)},
            guidance="The first post hooks; each post stands alone; the last carries the CTA.",
        ),
        _post(
            "linkedin_post",
            "linkedin",
            "post",
            "LinkedIn post",
            needs_cta=True,
            needs_link=True,
            hashtags=3,
            house={"text": 1300},
        ),
        _post(
            "facebook_post",
            "facebook",
            "post",
            "Facebook post",
            needs_cta=True,
            needs_link=True,
            hashtags=2,
            house={"text": 500},
        ),
        _post(
            "instagram_post",
            "instagram",
            "post",
            "Instagram caption",
            text_field="caption",
            needs_cta=True,
            hashtags=3,
            house={"text": 1000},
        ),
        _post(
            "instagram_story",
            "instagram",
            "story",
            "Instagram story text",
            text_field="caption",
            needs_cta=True,
            house={"text": 200},
        ),
        _post(
            "tiktok_caption",
            "tiktok",
            "caption",
            "TikTok caption",
            text_field="caption",
            needs_cta=True,
            hashtags=4,
            house={"text": 300},
        ),
        FormatSpec(
            "instagram_carousel",
            "instagram",
            "carousel",
            "carousel",
            "Instagram carousel",
            validate_on="instagram",
            text_field="caption",
            needs_cta=True,
            hashtags=3,
            items=_SLIDES,
            house={"text": 1000},
            guidance="Slide 1 is the hook, the middle slides one idea each, the last the CTA.",
        ),
        FormatSpec(
            "linkedin_carousel",
            "linkedin",
            "carousel",
            "carousel",
            "LinkedIn document carousel",
            validate_on="linkedin",
            needs_cta=True,
            needs_link=True,
            hashtags=3,
            items=_SLIDES,
            house={"text": 1300},
        ),
        FormatSpec(
            "linkedin_article",
            "linkedin",
            "article",
            "article",
            "LinkedIn article",
            needs_cta=True,
            needs_link=True,
            items=_SECTIONS,
            house={"title": 150},
        ),
        FormatSpec(
            "short_video",
            "tiktok",
            "short",
            "video_script",
            "short-video script",
            validate_on="tiktok",
            text_field="caption",
            needs_cta=True,
            hashtags=4,
            items=_BEATS,
            house={"text": 300, "duration_min": 15, "duration_max": 60},
            guidance="Beat 1 is a hook of at most 3 seconds; speak at most 2.8 words a second.",
        ),
        FormatSpec(
            "instagram_reel",
            "instagram",
            "reel",
            "video_script",
            "Instagram Reel script",
            validate_on="instagram",
            text_field="caption",
            needs_cta=True,
            hashtags=3,
            items=_BEATS,
            house={"text": 1000, "duration_min": 15, "duration_max": 60},
        ),
        FormatSpec(
            "facebook_reel",
            "facebook",
            "reel",
            "video_script",
            "Facebook Reel script",
            validate_on="facebook",
            needs_cta=True,
            needs_link=True,
            hashtags=2,
            items=_BEATS,
            house={"text": 500, "duration_min": 15, "duration_max": 60},
        ),
        FormatSpec(
            "youtube_short",
            "youtube",
            "short",
            "video_script",
            "YouTube Short script",
            validate_on="youtube",
            text_field="description",
            needs_cta=True,
            needs_link=True,
            hashtags=3,
            items=_BEATS,
            house={"duration_min": 15, "duration_max": 60},
        ),
        FormatSpec(
            "youtube_description",
            "youtube",
            "description",
            "youtube",
            "YouTube description",
            validate_on="youtube",
            text_field="description",
            needs_cta=True,
            needs_link=True,
            hashtags=3,
        ),
        FormatSpec(
            "email",
            "email",
            "email",
            "email",
            "email",
            validate_on="email",
            needs_cta=True,
            needs_link=True,
            items={"paragraphs": ItemRule(2, 6, 600)},
            house={"plain_text": 3000},
        ),
        FormatSpec(
            "newsletter_blurb",
            "email",
            "newsletter_blurb",
            "blurb",
            "newsletter blurb",
            needs_cta=True,
            needs_link=True,
            house={"title": 80, "text": 600},
        ),
        FormatSpec(
            "landing_page",
            "landing_page",
            "page",
            "landing",
            "landing page",
            needs_cta=True,
            items=_SECTIONS,
            house={"hero_headline": 70, "subhead": 160, "cta": 30},
        ),
        FormatSpec(
            "meta_ad",
            "meta_ads",
            "ad",
            "meta_ad",
            "Meta ad",
            validate_on="meta_ads",
        ),
        FormatSpec(
            "google_rsa",
            "google_ads",
            "rsa",
            "google_rsa",
            "Google responsive search ad",
            validate_on="google_ads",
            items={"headlines": ItemRule(3, 15, 30), "descriptions": ItemRule(2, 4, 90)},
        ),
        FormatSpec(
            "tiktok_ad",
            "tiktok_ads",
            "ad",
            "tiktok_ad",
            "TikTok in-feed ad text",
            validate_on="tiktok_ads",
        ),
        FormatSpec(
            "press_release",
            "newsroom",
            "press_release",
            "press_release",
            "press release",
            needs_link=True,
            items={"paragraphs": ItemRule(3, 8, 900)},
            house={"title": 120},
        ),
        FormatSpec(
            "blog_outline",
            "blog",
            "outline",
            "outline",
            "blog outline",
            items={"sections": ItemRule(4, 10, 400)},
            house={"title": 120},
        ),
        FormatSpec("faq", "website", "faq", "faq", "FAQ", items={"faq": ItemRule(4, 10, 500)}),
        FormatSpec(
            "quote_cards",
            "instagram",
            "quote_cards",
            "quotes",
            "quote cards",
            items={"quotes": ItemRule(3, 8, 150)},
        ),
    )
}

_SLOT_FORMATS: dict[tuple[str, str], str] = {
    ("x", "post"): "x_post",
    ("x", "thread"): "x_thread",
    ("linkedin", "post"): "linkedin_post",
    ("linkedin", "carousel"): "linkedin_carousel",
    ("linkedin", "article"): "linkedin_article",
    ("facebook", "post"): "facebook_post",
    ("facebook", "reel"): "facebook_reel",
    ("instagram", "post"): "instagram_post",
    ("instagram", "story"): "instagram_story",
    ("instagram", "carousel"): "instagram_carousel",
    ("instagram", "reel"): "instagram_reel",
    ("tiktok", "short"): "short_video",
    ("tiktok", "post"): "tiktok_caption",
    ("youtube", "short"): "youtube_short",
    ("email", "email"): "email",
    ("landing_page", "page"): "landing_page",
    ("meta_ads", "ad"): "meta_ad",
    ("google_ads", "ad"): "google_rsa",
    ("google_ads", "rsa"): "google_rsa",
    ("tiktok_ads", "ad"): "tiktok_ad",
}
_PLATFORM_ALIASES = {
    "twitter": "x",
    "ig": "instagram",
    "fb": "facebook",
    "yt": "youtube",
    "landing": "landing_page",
    "google": "google_ads",
    "rsa": "google_ads",
    "facebook_ads": "meta_ads",
    "instagram_ads": "meta_ads",
    "newsletter": "email",
}
AD_PLATFORMS = ("meta_ads", "google_ads", "tiktok_ads")


def get_format(key: str) -> FormatSpec:
    """The spec of a format key (``x_post``, ``google_rsa``, ``press_release``, ...)."""
    try:
        return SPECS[key]
    except KeyError:
        raise InputError(
            f"Unknown copy format {key!r}.", field="format", fix=f"Use one of: {', '.join(SPECS)}."
        ) from None


def resolve_format(platform: str, fmt: str) -> FormatSpec:
    """The spec for a slot's platform and format (``x``/``thread`` → ``x_thread``)."""
    name = platform.strip().lower().replace("-", "_")
    name = _PLATFORM_ALIASES.get(name, name)
    kind = fmt.strip().lower()
    if name == "ads":
        raise InputError(
            "An 'ads' slot does not say which ad network.",
            field="platform",
            fix=f"Use one of {', '.join(AD_PLATFORMS)} (write_campaign_copy expands 'ads').",
        )
    if name in AD_PLATFORMS:
        kind = "ad"
    key = _SLOT_FORMATS.get((name, kind))
    if key is None and kind in SPECS:
        key = kind
    if key is None:
        known = sorted({f"{p}/{f}" for p, f in _SLOT_FORMATS})
        raise InputError(
            f"No copy format for {platform}/{fmt}.",
            field="format",
            fix=f"Use one of: {', '.join(known)}.",
        )
    return SPECS[key]
