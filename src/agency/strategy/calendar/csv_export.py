"""Export a calendar as CSV: one row per Slot, for spreadsheets and hand edits."""

from __future__ import annotations

import csv
import io

from agency.strategy.calendar.models import CalendarPlan

CSV_COLUMNS = (
    "id",
    "date",
    "weekday",
    "local_time",
    "publish_at",
    "timezone",
    "platform",
    "format",
    "phase",
    "territory",
    "title",
    "notes",
)


def to_csv(plan: CalendarPlan) -> str:
    """The plan as CSV text with a header row (RFC 4180 quoting, ``\\r\\n`` line ends)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for slot in plan.slots:
        writer.writerow(
            [
                slot.id,
                slot.date.isoformat(),
                slot.publish_at.strftime("%a"),
                slot.publish_at.strftime("%H:%M"),
                slot.publish_at.isoformat(),
                plan.timezone,
                slot.platform,
                slot.format,
                slot.phase,
                slot.territory,
                slot.title,
                slot.notes,
            ]
        )
    return out.getvalue()
