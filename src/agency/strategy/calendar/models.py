"""The content calendar artifact: Slots in the brand's time zone."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import AwareDatetime, Field

from agency.core import Artifact
from agency.strategy.calendar.cadence import Cadence, Format


class Slot(Artifact):
    """One planned piece of content: where, what format, when, in which phase and territory."""

    id: str = Field(min_length=12, max_length=12)
    date: date
    publish_at: AwareDatetime = Field(description="Local time in the brand's time zone.")
    platform: str
    format: Format
    phase: str
    territory: str
    title: str
    notes: str = ""
    duration_minutes: int = 15


class PhaseWindow(Artifact):
    """The dates a phase covers (inclusive)."""

    name: str
    start: date
    end: date
    days: int
    intent: str = ""


class SkippedDay(Artifact):
    """A date with no slots, and why (holiday, blackout, too late today)."""

    date: date
    reason: str


class CalendarPlan(Artifact):
    """A campaign's content calendar."""

    start: date
    end: date
    days: int
    timezone: str
    platforms: list[str]
    territories: list[str]
    phases: list[PhaseWindow]
    skipped: list[SkippedDay]
    cadences: list[Cadence]
    slots: list[Slot]
    generated_at: datetime

    def slots_for(self, platform: str) -> list[Slot]:
        """Slots of one platform, in time order."""
        return [s for s in self.slots if s.platform == platform]
