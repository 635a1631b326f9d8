"""Length and count checks of every field of a piece, per kind of format.

Fields a platform spec knows go through ``validate_text`` / ``validate_items``
(X weighted length, Google's double-width counting, TikTok ad rules, ...);
the rest are checked against the format's house limits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from agency.creation.copy.formats import FormatSpec
from agency.creation.copy.models import CopyPiece
from agency.distribution.formatting import Violation, validate_items, validate_text

MAX_WORDS_PER_SECOND = 3.0


@dataclass
class FieldFindings:
    """Errors and warnings (as sentences with their fix) and measured lengths."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    lengths: dict[str, int] = field(default_factory=dict)

    def add(self, violations: Sequence[Violation], label: str) -> None:
        for v in violations:
            line = f"{label}: {v.message} {v.fix}"
            (self.errors if v.severity == "error" else self.warnings).append(line)

    def platform(self, label: str, text: str, platform: str, fld: str) -> None:
        result = validate_text(platform, text, field=fld)
        self.lengths[label] = result.weighted_length
        self.add(result.violations, label)

    def house(self, label: str, text: str | None, limit: int | None) -> None:
        value = (text or "").strip()
        self.lengths[label] = len(value)
        if not value:
            self.errors.append(f"{label} is empty. Write it.")
        elif limit is not None and len(value) > limit:
            over = len(value) - limit
            self.errors.append(
                f"{label} is {len(value)} characters; the limit is {limit} (house rule). "
                f"Cut at least {over} characters."
            )

    def count(self, label: str, n: int, spec: FormatSpec, key: str) -> None:
        rule = spec.items[key]
        if n < rule.min_items:
            self.errors.append(f"{label}: {n} given; at least {rule.min_items} needed. Add more.")
        elif n > rule.max_items:
            self.errors.append(f"{label}: {n} given; at most {rule.max_items}. Remove some.")


def check_fields(piece: CopyPiece, spec: FormatSpec) -> FieldFindings:
    """Every length and count rule of ``spec`` applied to ``piece``."""
    found = FieldFindings()
    kind, on = spec.kind, spec.validate_on
    house = spec.house
    if kind in ("post", "carousel", "video_script", "youtube") and on:
        found.platform("text", piece.text, on, spec.text_field)
    if kind in ("post", "carousel", "video_script", "blurb") and "text" in house:
        found.house("text", piece.text, house["text"])
    if kind == "thread":
        posts = piece.posts or []
        found.count("posts", len(posts), spec, "posts")
        for n, post in enumerate(posts, start=1):
            found.platform(f"post {n}", post, on or "x", "post")
    elif kind == "email":
        found.platform("subject", piece.subject or "", "email", "subject")
        found.platform("preheader", piece.preheader or "", "email", "preheader")
        found.house("plain_text", piece.plain_text, house.get("plain_text"))
        paragraphs = (piece.body_markdown or "").count("\n\n") - (1 if piece.title else 0)
        found.count("paragraphs", paragraphs, spec, "paragraphs")
    elif kind == "landing":
        for key in ("hero_headline", "subhead", "cta"):
            found.house(key, getattr(piece, key), house.get(key))
        _sections(found, piece, spec)
    elif kind == "meta_ad":
        for key in ("primary_text", "headline", "description"):
            found.platform(key, getattr(piece, key) or "", on or "meta_ads", key)
    elif kind == "google_rsa":
        for key, fld in (("headlines", "rsa_headline"), ("descriptions", "rsa_description")):
            items = getattr(piece, key) or []
            found.add(validate_items(on or "google_ads", items, field=fld), key)
            found.lengths[key] = max((len(i) for i in items), default=0)
    elif kind == "tiktok_ad":
        found.platform("text", piece.text, on or "tiktok_ads", "ad_text")
    elif kind in ("article", "outline"):
        found.house("title", piece.title, house.get("title"))
        _sections(found, piece, spec)
    elif kind == "press_release":
        found.house("title", piece.title, house.get("title"))
    elif kind == "faq":
        items = piece.faq or []
        found.count("faq", len(items), spec, "faq")
        for n, qa in enumerate(items, start=1):
            found.house(f"question {n}", qa.question, 200)
            found.house(f"answer {n}", qa.answer, spec.items["faq"].max_chars)
    elif kind == "quotes":
        quotes = piece.quotes or []
        found.count("quotes", len(quotes), spec, "quotes")
        for n, quote in enumerate(quotes, start=1):
            found.house(f"quote {n}", quote, spec.items["quotes"].max_chars)
    elif kind == "youtube":
        found.platform("title", piece.title or "", "youtube", "title")
    elif kind == "blurb":
        found.house("title", piece.title, house.get("title"))
    if kind == "carousel":
        slides = piece.slides or []
        found.count("slides", len(slides), spec, "slides")
        for n, slide in enumerate(slides, start=1):
            found.house(
                f"slide {n}", f"{slide.heading} {slide.body}", spec.items["slides"].max_chars
            )
    if kind == "video_script":
        _beats(found, piece, spec)
    return found


def _sections(found: FieldFindings, piece: CopyPiece, spec: FormatSpec) -> None:
    sections = piece.sections or []
    rule = spec.items["sections"]
    found.count("sections", len(sections), spec, "sections")
    for n, section in enumerate(sections, start=1):
        found.house(f"section {n} heading", section.heading, 90)
        found.house(f"section {n} body", section.body, rule.max_chars)


def _beats(found: FieldFindings, piece: CopyPiece, spec: FormatSpec) -> None:
    beats = piece.beats or []
    found.count("beats", len(beats), spec, "beats")
    total = beats[-1].end_s if beats else 0.0
    found.lengths["duration_s"] = round(total)
    low, high = spec.house.get("duration_min", 0), spec.house.get("duration_max", 600)
    if beats and not low <= total <= high:
        found.errors.append(
            f"the script runs {total:g} s; it must run {low}-{high} s. Adjust beat durations."
        )
    for n, beat in enumerate(beats, start=1):
        seconds = beat.end_s - beat.start_s
        words = len(beat.voiceover.split())
        if words > MAX_WORDS_PER_SECOND * seconds + 1:
            found.errors.append(
                f"beat {n}: {words} words in {seconds:g} s is too fast to say "
                f"(at most {MAX_WORDS_PER_SECOND:g} words a second). Cut words or lengthen it."
            )
    if beats and beats[0].end_s > 3.0:
        found.warnings.append("beat 1 (the hook) lasts over 3 s; viewers decide sooner.")
