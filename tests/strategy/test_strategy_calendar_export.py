"""Calendar export: ICS parses back one event per slot with TZID; CSV has header and rows."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

from icalendar import Calendar

from agency.strategy.calendar import CSV_COLUMNS, CalendarPlan, build_calendar, to_csv, to_ics

NOW = datetime(2026, 10, 1, tzinfo=UTC)


def sample() -> CalendarPlan:
    return build_calendar(
        start=date(2026, 10, 20),
        days=21,
        timezone="America/New_York",
        channels=["instagram", "linkedin", "email", "x"],
        territories=["Morning ritual", "Cold truth"],
        holidays="US",
        now=NOW,
    )


def test_ics_round_trip_one_event_per_slot() -> None:
    plan = sample()
    cal = Calendar.from_ical(to_ics(plan))
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(plan.slots) > 20
    assert [str(t["TZID"]) for t in cal.walk("VTIMEZONE")] == ["America/New_York"]
    by_uid = {str(e["UID"]): e for e in events}
    assert len(by_uid) == len(events)
    for slot in plan.slots:
        event = by_uid[f"{slot.id}@v3.agency"]
        start = event.decoded("DTSTART")
        assert event["DTSTART"].params["TZID"] == "America/New_York"
        assert start == slot.publish_at
        assert start.strftime("%H:%M") == slot.publish_at.strftime("%H:%M")
        assert str(event["SUMMARY"]) == slot.title
        cats = [str(c) for c in event["CATEGORIES"].cats]
        assert cats == [slot.platform, slot.format, slot.phase, slot.territory]
        assert slot.territory in str(event["DESCRIPTION"])
        assert event.decoded("DTEND") > start


def test_ics_is_stable_for_the_same_plan() -> None:
    assert to_ics(sample()) == to_ics(sample())


def test_csv_has_header_and_one_row_per_slot() -> None:
    plan = sample()
    rows = list(csv.reader(io.StringIO(to_csv(plan))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == len(plan.slots) + 1
    records = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert [r["id"] for r in records] == [s.id for s in plan.slots]
    first = records[0]
    assert datetime.fromisoformat(first["publish_at"]) == plan.slots[0].publish_at
    assert first["timezone"] == "America/New_York"
    assert {r["platform"] for r in records} == {"instagram", "linkedin", "email", "x"}


def test_plan_json_round_trip() -> None:
    plan = sample()
    again = CalendarPlan.model_validate_json(plan.model_dump_json())
    assert [s.publish_at for s in again.slots] == [s.publish_at for s in plan.slots]
    assert to_csv(again) == to_csv(plan)
