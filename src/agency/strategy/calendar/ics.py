"""Export a calendar as iCalendar (RFC 5545): one VEVENT per Slot, local times with TZID."""

from __future__ import annotations

from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from agency.strategy.calendar.models import CalendarPlan, Slot

PRODID = "-//V3 agency//Campaign calendar//EN"
UID_DOMAIN = "v3.agency"


def to_ics(plan: CalendarPlan, *, name: str = "Campaign calendar") -> bytes:
    """The plan as an .ics file's bytes, with the VTIMEZONE its events refer to."""
    tz = ZoneInfo(plan.timezone)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", plan.timezone)
    for slot in plan.slots:
        cal.add_component(_event(slot, plan, tz))
    if plan.slots:
        cal.add_missing_timezones(
            first_date=plan.start - timedelta(days=1), last_date=plan.end + timedelta(days=2)
        )
    return cal.to_ical()


def _event(slot: Slot, plan: CalendarPlan, tz: ZoneInfo) -> Event:
    start = slot.publish_at.astimezone(tz)
    event = Event()
    event.add("uid", f"{slot.id}@{UID_DOMAIN}")
    event.add("dtstamp", plan.generated_at.astimezone(UTC))
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=slot.duration_minutes))
    event.add("summary", slot.title)
    event.add("description", _description(slot))
    event.add("categories", [slot.platform, slot.format, slot.phase, slot.territory])
    event.add("transp", "TRANSPARENT")
    return event


def _description(slot: Slot) -> str:
    return "\n".join(
        [
            f"Platform: {slot.platform}",
            f"Format: {slot.format}",
            f"Phase: {slot.phase}",
            f"Territory: {slot.territory}",
            f"Slot id: {slot.id}",
            *([slot.notes] if slot.notes else []),
        ]
    )
