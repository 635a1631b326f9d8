"""What the copy engine writes from: a CopyBrief (facts, proof, voice, rules) and a target.

Proof points are the only source of claims: a number or superlative in a piece
must appear in one of them (or in the brief's own facts), and the piece cites
their ids. Knowledge-base passages become proof points with ``from_passage``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field, field_validator

from agency.core import Artifact, InputError
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

    def facts(self) -> dict[str, str]:
        """The brief as ``TextRequest.facts`` (what vendor models and templates ground on)."""
        facts = {
            "brand": self.brand,
            "product": self.product,
            "benefit": self.proposition,
            "audience": self.audience,
            "cta": self.cta,
            "offer": self.offer,
            "link": self.link or "",
            "tone": self.tone,
            "territory": self.territory,
        }
        for index, pillar in enumerate(self.pillars, start=1):
            facts[f"pillar_{index}"] = pillar
        for point in self.proof_points:
            facts[f"proof {point.id}"] = point.text
        return {k: v for k, v in facts.items() if v}


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


def require_link(brief: CopyBrief, where: str) -> str:
    """The brief's link, or an InputError naming the format that needs it."""
    if not brief.link:
        raise InputError(
            f"{where} needs a link and the brief has none.",
            field="link",
            fix="Set the brief's link to the landing page URL.",
        )
    return brief.link
