"""The copy artifacts: one CopyPiece per slot and format, with its check and provenance.

A piece always has ``platform``, ``format``, ``slot`` and ``text`` (its main
rendering); the structured fields of its kind (email, landing page, ads, thread,
carousel, video script, press release, ...) sit next to it, unset elsewhere.
"""

from __future__ import annotations

from pydantic import Field

from agency.core import Artifact


class Section(Artifact):
    """A heading and its copy (landing page, article, outline, press release body)."""

    heading: str
    body: str


class Slide(Artifact):
    """One carousel slide."""

    heading: str
    body: str = ""


class Beat(Artifact):
    """One beat of a short-video script, with its timing in seconds."""

    start_s: float = Field(ge=0)
    end_s: float = Field(gt=0)
    visual: str
    voiceover: str
    on_screen: str = ""


class QA(Artifact):
    """A question and its answer (FAQ)."""

    question: str
    answer: str


class Provenance(Artifact):
    """Who wrote a piece, from what prompt, after how many attempts."""

    provider: str
    model: str
    prompt_hash: str
    seed: int | None = None
    request_id: str | None = None
    attempts: int = 1
    repaired: bool = False


class CheckReport(Artifact):
    """What the gate found: ``valid`` means no violations."""

    valid: bool
    violations: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    lengths: dict[str, int] = Field(default_factory=dict)


class VoiceResult(Artifact):
    """The brand-voice score of a piece's prose."""

    score: float
    threshold: float
    reasons: list[str] = Field(default_factory=list)


class CopyPiece(Artifact):
    """Copy for one slot in its platform's format (see module doc for the fields)."""

    id: str
    platform: str
    format: str
    slot: str | None = None
    text: str
    angle: str | None = None
    title: str | None = None
    # email
    subject: str | None = None
    preheader: str | None = None
    body_markdown: str | None = None
    body_html: str | None = None
    plain_text: str | None = None
    # landing page, article, outline, press release
    hero_headline: str | None = None
    subhead: str | None = None
    sections: list[Section] | None = None
    cta: str | None = None
    dateline: str | None = None
    boilerplate: str | None = None
    # ads
    primary_text: str | None = None
    headline: str | None = None
    description: str | None = None
    headlines: list[str] | None = None
    descriptions: list[str] | None = None
    # multi-part social formats
    posts: list[str] | None = None
    slides: list[Slide] | None = None
    beats: list[Beat] | None = None
    faq: list[QA] | None = None
    quotes: list[str] | None = None
    hashtags: list[str] = Field(default_factory=list)
    link: str | None = None
    citations: list[str] = Field(default_factory=list)
    check: CheckReport | None = None
    voice: VoiceResult | None = None
    provenance: Provenance | None = None


class Variant(Artifact):
    """A hook with its headline, written from one angle."""

    angle: str
    hook: str
    headline: str
    citations: list[str] = Field(default_factory=list)
    provider: str = ""
