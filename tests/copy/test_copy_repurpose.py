"""The repurposer: one long text becomes 15 distinct formats, each passing the gate."""

from __future__ import annotations

import pytest

from agency.core import InputError
from agency.creation.copy import REPURPOSE_FORMATS, CopyBrief, check_piece, repurpose
from agency.providers import TemplateTextProvider


def test_fifteen_distinct_valid_formats(brief: CopyBrief, blog_post: str) -> None:
    pieces = repurpose(blog_post, brief, provider=TemplateTextProvider(), slot="slot00000003")
    assert len(REPURPOSE_FORMATS) == 15 and len(pieces) == 15
    assert len({(p.platform, p.format) for p in pieces}) == 15
    evidence = {"source": blog_post}
    for piece in pieces:
        assert piece.slot == "slot00000003"
        assert check_piece(piece, brief=brief, evidence=evidence) == [], piece.format
        assert piece.check is not None and piece.check.valid
    by_format = {p.format: p for p in pieces}
    thread = by_format["thread"].posts or []
    assert 3 <= len(thread) <= 10
    assert any("cold brew never meets hot water" in post.lower() for post in thread)
    video = by_format["short"]
    assert video.beats and video.beats[0].start_s == 0 and video.beats[-1].end_s >= 15
    release = by_format["press_release"]
    assert release.dateline and release.dateline.startswith("DULUTH, MN")
    assert release.boilerplate and release.boilerplate.startswith("About Northbound")
    faq = by_format["faq"].faq or []
    assert any(q.question == "How should you drink it?" for q in faq)
    quotes = by_format["quote_cards"].quotes or []
    assert quotes and all(len(q) <= 150 for q in quotes)
    assert by_format["outline"].sections and by_format["carousel"].slides


def test_source_numbers_are_citable_as_source(brief: CopyBrief, blog_post: str) -> None:
    pieces = repurpose(blog_post, brief, provider=TemplateTextProvider(), formats=["faq"])
    assert "source" in pieces[0].citations


def test_short_text_is_an_input_error(brief: CopyBrief) -> None:
    with pytest.raises(InputError) as err:
        repurpose("Too short to repurpose.", brief, provider=TemplateTextProvider())
    assert err.value.field == "long_text"
