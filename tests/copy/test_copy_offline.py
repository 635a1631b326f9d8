"""Offline path: every platform and format gets a gate-passing piece in its structure."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from zoneinfo import ZoneInfo

import pytest

from agency.config import Settings
from agency.core import InputError
from agency.creation.copy import (
    SPECS,
    CopyBrief,
    CopyTarget,
    check_piece,
    write_campaign_copy,
    write_copy,
)
from agency.providers import TemplateTextProvider, build_text_provider
from agency.strategy.calendar import Slot

STRUCTURE = {
    "email": ("subject", "preheader", "body_markdown", "body_html", "plain_text", "cta"),
    "landing": ("hero_headline", "subhead", "sections", "cta"),
    "meta_ad": ("primary_text", "headline", "description"),
    "google_rsa": ("headlines", "descriptions"),
    "thread": ("posts",),
    "carousel": ("slides",),
    "video_script": ("beats",),
    "press_release": ("title", "dateline", "boilerplate"),
    "faq": ("faq",),
    "quotes": ("quotes",),
    "article": ("title", "sections"),
}


@pytest.mark.parametrize("key", sorted(SPECS))
def test_every_format_is_valid_offline(key: str, brief: CopyBrief, tmp_path) -> None:
    provider = build_text_provider(Settings(text_provider="template", data_dir=tmp_path))
    target = CopyTarget(slot="slot00000001", platform="any", format=key)
    piece = write_copy(target, brief, provider=provider)
    spec = SPECS[key]
    assert (piece.platform, piece.format, piece.slot) == (spec.platform, spec.format, target.slot)
    assert piece.text.strip()
    assert piece.check is not None and piece.check.valid
    assert check_piece(piece, brief=brief) == []
    for name in STRUCTURE.get(spec.kind, ()):
        assert getattr(piece, name), f"{key} lacks {name}"
    assert piece.provenance is not None and piece.provenance.provider == "copy-template"
    assert "cheap" not in piece.text.lower()


def test_social_post_carries_cta_link_and_cited_claims(brief: CopyBrief) -> None:
    piece = write_copy(
        CopyTarget(platform="x", format="post"), brief, provider=TemplateTextProvider()
    )
    assert brief.link in piece.text and "order a bottle" in piece.text.lower()
    assert piece.check is not None and piece.check.lengths["text"] <= 280
    assert set(piece.citations) <= {"p-roast", "p-steep"} and piece.citations


def test_email_renders_html_and_plain_text(brief: CopyBrief) -> None:
    piece = write_copy(
        CopyTarget(platform="email", format="email"), brief, provider=TemplateTextProvider()
    )
    assert piece.body_html and f'<a href="{brief.link}">' in piece.body_html
    assert piece.plain_text and "<" not in piece.plain_text and brief.link in piece.plain_text
    assert piece.subject and len(piece.subject) <= 60


def test_video_script_timings_add_up(brief: CopyBrief) -> None:
    piece = write_copy(
        CopyTarget(platform="tiktok", format="short"), brief, provider=TemplateTextProvider()
    )
    beats = piece.beats or []
    assert beats[0].start_s == 0
    assert all(a.end_s == b.start_s for a, b in itertools.pairwise(beats))
    assert 15 <= beats[-1].end_s <= 60


def _slot(n: int, platform: str, fmt: str) -> Slot:
    day = dt.date(2026, 12, 1) + dt.timedelta(days=n)
    when = dt.datetime(2026, 12, 1, 9, tzinfo=ZoneInfo("America/Chicago")) + dt.timedelta(days=n)
    return Slot(
        id=f"slot{n:08d}", date=day, publish_at=when, platform=platform, format=fmt,
        phase="launch", territory="Slow craft", title=f"{platform} {fmt}",
    )  # fmt: skip


def test_campaign_copy_for_calendar_slots_expands_ads(brief: CopyBrief) -> None:
    slots = [
        _slot(1, "x", "thread"),
        _slot(2, "instagram", "carousel"),
        _slot(3, "email", "email"),
        _slot(4, "ads", "ad"),
    ]
    pieces = write_campaign_copy(slots, brief, provider=TemplateTextProvider())
    assert [(p.platform, p.slot) for p in pieces] == [
        ("x", "slot00000001"),
        ("instagram", "slot00000002"),
        ("email", "slot00000003"),
        ("meta_ads", "slot00000004"),
        ("google_ads", "slot00000004"),
        ("tiktok_ads", "slot00000004"),
    ]
    stored = [json.loads(p.model_dump_json()) for p in pieces]
    assert all({"platform", "format", "slot", "text"} <= set(s) for s in stored)
    rsa = next(s for s in stored if s["platform"] == "google_ads")
    assert 3 <= len(rsa["headlines"]) <= 15 and 2 <= len(rsa["descriptions"]) <= 4
    assert len({p.id for p in pieces}) == len(pieces)


def test_unknown_format_and_bare_ads_slot_are_input_errors(brief: CopyBrief) -> None:
    with pytest.raises(InputError) as unknown:
        write_copy(CopyTarget(platform="x", format="poem"), brief, provider=TemplateTextProvider())
    assert unknown.value.field == "format"
    with pytest.raises(InputError) as ads:
        write_copy(CopyTarget(platform="ads", format="ad"), brief, provider=TemplateTextProvider())
    assert "meta_ads" in (ads.value.fix or "")
    with pytest.raises(InputError):
        write_campaign_copy([], brief, provider=TemplateTextProvider())


def test_every_calendar_format_has_a_copy_format() -> None:
    from agency.creation.copy import AD_PLATFORMS, resolve_format
    from agency.strategy.calendar import default_cadence, platforms

    for platform in platforms():
        for fmt in default_cadence(platform).formats:
            names = AD_PLATFORMS if platform == "ads" else (platform,)
            for name in names:
                assert resolve_format(name, fmt).platform == name
