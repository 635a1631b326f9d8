"""Which days of a window are off limits: public holidays and blackout dates."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

import holidays as holidays_lib

from agency.core import InputError
from agency.strategy.calendar.models import SkippedDay

HolidaySource = str | Sequence[date] | None


def holiday_dates(source: HolidaySource, first: date, last: date) -> dict[date, str]:
    """Holidays between ``first`` and ``last`` (inclusive), with their names.

    ``source`` is a country code ("US", "GB"), a country and subdivision
    ("US-CA", "DE-BY"), an explicit list of dates, or None for none.
    """
    if source is None:
        return {}
    if isinstance(source, str):
        country, _, subdiv = source.strip().upper().replace("/", "-").partition("-")
        years = list(range(first.year, last.year + 1))
        try:
            table = holidays_lib.country_holidays(country, subdiv=subdiv or None, years=years)
        except NotImplementedError as exc:
            raise InputError(
                f"No holiday calendar for {source!r}: {exc}.",
                field="holidays",
                fix="Use an ISO 3166 country code such as 'US' or 'GB', optionally with a "
                "subdivision ('US-CA'), or pass a list of dates.",
            ) from exc
        return {d: str(name) for d, name in sorted(table.items()) if first <= d <= last}
    return {d: "holiday" for d in _dates(source, "holidays") if first <= d <= last}


def skipped_days(
    first: date, last: date, *, holidays: HolidaySource, blackout_dates: Iterable[date]
) -> list[SkippedDay]:
    """Every date in the window that gets no slots, with the reason."""
    reasons: dict[date, list[str]] = {}
    for day, name in holiday_dates(holidays, first, last).items():
        reasons.setdefault(day, []).append(f"holiday: {name}")
    for day in _dates(blackout_dates, "blackout_dates"):
        if first <= day <= last:
            reasons.setdefault(day, []).append("blackout")
    return [SkippedDay(date=d, reason="; ".join(r)) for d, r in sorted(reasons.items())]


def _dates(values: Iterable[object], field: str) -> list[date]:
    out = []
    for value in values:
        if isinstance(value, datetime):
            out.append(value.date())
            continue
        if isinstance(value, date):
            out.append(value)
            continue
        try:
            out.append(date.fromisoformat(str(value)))
        except ValueError as exc:
            raise InputError(
                f"{value!r} in {field} is not a date.",
                field=field,
                fix="Pass dates or ISO strings like '2026-12-25'.",
            ) from exc
    return out
