"""Content calendar: Slots per platform and phase, exported as iCalendar and CSV."""

from agency.strategy.calendar.builder import build_calendar
from agency.strategy.calendar.cadence import (
    FORMATS,
    Cadence,
    default_cadence,
    normalize_platform,
    platforms,
)
from agency.strategy.calendar.csv_export import CSV_COLUMNS, to_csv
from agency.strategy.calendar.ics import to_ics
from agency.strategy.calendar.models import CalendarPlan, PhaseWindow, SkippedDay, Slot
from agency.strategy.calendar.phases import DEFAULT_PHASES, PhaseSpec

__all__ = [
    "CSV_COLUMNS",
    "DEFAULT_PHASES",
    "FORMATS",
    "Cadence",
    "CalendarPlan",
    "PhaseSpec",
    "PhaseWindow",
    "SkippedDay",
    "Slot",
    "build_calendar",
    "default_cadence",
    "normalize_platform",
    "platforms",
    "to_csv",
    "to_ics",
]
