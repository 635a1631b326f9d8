"""What the copy engine writes from: a CopyBrief (facts, proof, voice, rules) and a target.

Proof points are the only source of claims: a number or superlative in a piece
must appear in one of them (or in the brief's own facts), and the piece cites
their ids. Knowledge-base passages become proof points with ``from_passage``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import Field, field_validator, model_validator

from agency.core import Artifact
from agency.intelligence.voice import VoiceProfile


class ProofPoint(Artifact):
    """A citable fact: an id (passage id or URL), its text and where it comes from."""

    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    source: str = ""

    @classmethod
    def from_passage(cls, hit: Any) -> ProofPoint:
        """A proof point from a knowledge-base ``PassageHit`` (passage_id, text, source)."""
        return cls(id=str(hit.passage_id), text=str(hit.text), source=str(hit.source))


class CopyBrief(Artifact):
    """The facts and rules every piece of a campaign is written from."""

    brand: str = Field(min_length=1)
    product: str = Field(min_length=1)
    proposition: str = Field(min_length=1, description="The one benefit to lead with.")
    audience: str = ""
    pillars: list[str] = Field(default_factory=list)
    proof_points: list[ProofPoint] = Field(default_factory=list)
    territory: str = ""
    tone: str = ""
    cta: str = Field(min_length=1)
    link: str | None = None
    hashtags: list[str] = Field(default_factory=list)
    banned_words: list[str] = Field(default_factory=list)
    offer: str = ""
    location: str = Field(default="", description="Dateline city for press releases.")
    about: str = Field(default="", description="Boilerplate about the brand.")
    voice_profile: VoiceProfile | None = None
    voice_threshold: float = Field(default=0.5, ge=0, le=1)

    @field_validator("hashtags")
    @classmethod
    def _tags(cls, value: list[str]) -> list[str]:
        tags = ["#" + t.strip().lstrip("#").replace(" ", "") for t in value if t.strip("# ")]
        return list(dict.fromkeys(tags))

    def evidence(self) -> dict[str, str]:
        """Texts a claim may come from, by id: proof points, then the brief's own facts."""
        found = {p.id: p.text for p in self.proof_points}
        found["brief"] = " ".join(
            [
                self.brand,
                self.product,
                self.proposition,
                self.offer,
                self.cta,
                self.about,
                self.location,
                *self.pillars,
            ]
        )
        return found

    @model_validator(mode="after")
    def _no_banned_core(self) -> CopyBrief:
        core = {"brand": self.brand, "product": self.product,
                "proposition": self.proposition, "cta": self.cta}  # fmt: skip
        for word in self.banned_words:
            for name, value in core.items():
                if word.strip() and re.search(
                    rf"(?<!\w){re.escape(word.strip())}(?!\w)", value, re.I
                ):
                    raise ValueError(f"{name} uses the banned word {word!r}; no copy could pass")
        return self


class CopyTarget(Artifact):
    """Where a piece goes: the slot id, platform and format (a calendar Slot, or ad hoc)."""

    slot: str | None = None
    platform: str
    format: str
    title: str = ""
    phase: str = ""
    territory: str = ""
    notes: str = ""
    date: dt.date | None = None

    @classmethod
    def from_slot(cls, slot: Any) -> CopyTarget:
        """A target from a calendar ``Slot`` (id, platform, format, title, phase, ...)."""
        return cls(
            slot=slot.id,
            platform=slot.platform,
            format=slot.format,
            title=slot.title,
            phase=slot.phase,
            territory=slot.territory,
            notes=slot.notes,
            date=slot.date,
        )
