"""Build a campaign content calendar from cadence defaults, phases and territories."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from agency.core import InputError, utcnow
from agency.strategy.calendar.cadence import (
    Cadence,
    Format,
    normalize_platform,
    resolve_cadence,
)
from agency.strategy.calendar.days import HolidaySource, skipped_days
from agency.strategy.calendar.models import CalendarPlan, PhaseWindow, SkippedDay, Slot
from agency.strategy.calendar.phases import DEFAULT_PHASES, PhaseSpec, phase_day_counts
from agency.strategy.calendar.scheduler import (
    assign_formats,
    pick_times,
    rotate,
    slot_id,
    spread_days,
)

MAX_DAYS = 366
_LAST_CALL = time(20, 0)  # after this local time, today is no longer scheduled


def build_calendar(
    *,
    start: date,
    days: int = 30,
    timezone: str,
    channels: Sequence[str],
    territories: Sequence[str],
    holidays: HolidaySource = None,
    blackout_dates: Iterable[date] = (),
    cadence_overrides: Mapping[str, Mapping[str, Any] | Cadence] | None = None,
    phases: Sequence[PhaseSpec] = DEFAULT_PHASES,
    now: datetime | None = None,
) -> CalendarPlan:
    """Plan ``days`` days of Slots from ``start`` for ``channels``, in ``timezone``.

    Holidays (a country code such as "US" or "US-CA", or a list of dates) and
    blackout dates get no slots; each platform keeps its own cadence, spacing
    and best times; territories rotate across each platform's slots.
    """
    tz = _zone(timezone)
    now = (now or utcnow()).astimezone(tz)
    if not 1 <= days <= MAX_DAYS:
        raise InputError(
            f"days must be between 1 and {MAX_DAYS}, got {days}.",
            field="days",
            fix="Plan 30 days, or any length up to a year.",
        )
    if start < now.date():
        raise InputError(
            f"The calendar would start on {start}, which is already past in {timezone}.",
            field="start",
            fix=f"Start on {now.date()} or later.",
        )
    names = _platforms(channels)
    names_territories = _territories(territories)
    overrides = {
        normalize_platform(k, field="cadence_overrides"): v
        for k, v in (cadence_overrides or {}).items()
    }
    unused = sorted(set(overrides) - set(names))
    if unused:
        raise InputError(
            f"cadence_overrides names {', '.join(unused)}, not among the channels.",
            field="cadence_overrides",
            fix="Add the platform to `channels` or remove its override.",
        )
    cadences = [resolve_cadence(n, overrides.get(n)) for n in names]
    end = start + timedelta(days=days - 1)
    skipped = skipped_days(start, end, holidays=holidays, blackout_dates=blackout_dates)
    if start == now.date() and now.time() >= _LAST_CALL and start not in {s.date for s in skipped}:
        skipped = sorted(
            [*skipped, SkippedDay(date=start, reason="too late today")], key=lambda s: s.date
        )
    closed = {s.date for s in skipped}
    windows = _windows(start, days, phases)

    slots: list[Slot] = []
    taken: set[datetime] = set()
    for index, cadence in enumerate(cadences):
        planned: list[tuple[datetime, PhaseSpec]] = []
        for window, spec in windows:
            open_days = [window.start + timedelta(days=i) for i in range(window.days)]
            open_days = [d for d in open_days if d not in closed]
            count = round(cadence.posts_per_week * spec.cadence * len(open_days) / 7)
            for day, n in zip(open_days, spread_days(open_days, count, cadence), strict=True):
                times = pick_times(day, n, cadence, tz, taken=taken, not_before=now)
                taken.update(t.astimezone(UTC) for t in times)
                planned.extend((t, spec) for t in times)
        planned.sort(key=lambda item: item[0])
        formats = assign_formats(len(planned), cadence.formats)
        rotation = rotate(names_territories, len(planned), offset=index)
        for (when, spec), fmt, territory in zip(planned, formats, rotation, strict=True):
            slots.append(_slot(cadence, when, spec, fmt, territory))
    slots.sort(key=lambda s: (s.publish_at, s.platform))
    return CalendarPlan(
        start=start,
        end=end,
        days=days,
        timezone=timezone,
        platforms=names,
        territories=names_territories,
        phases=[w for w, _ in windows],
        skipped=skipped,
        cadences=cadences,
        slots=slots,
        generated_at=now.astimezone(UTC),
    )


def _slot(cadence: Cadence, when: datetime, spec: PhaseSpec, fmt: Format, territory: str) -> Slot:
    label = {
        "x": "X",
        "ads": "Ads",
        "youtube": "YouTube",
        "tiktok": "TikTok",
        "linkedin": "LinkedIn",
    }.get(cadence.platform, cadence.platform.title())
    what = label if fmt in {"email", "ad"} else f"{label} {fmt}"
    return Slot(
        id=slot_id(cadence.platform, when.isoformat()),
        date=when.date(),
        publish_at=when,
        platform=cadence.platform,
        format=fmt,
        phase=spec.name,
        territory=territory,
        title=f"{spec.name.title()} · {what} · {territory}",
        notes=f"{spec.intent} Timing default: {cadence.source}.".strip(),
        duration_minutes=cadence.duration_minutes,
    )


def _zone(timezone: str) -> ZoneInfo:
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InputError(
            f"Unknown time zone {timezone!r}.",
            field="timezone",
            fix="Use an IANA time zone name such as 'America/New_York' or 'Europe/Paris'.",
        ) from exc


def _platforms(channels: Sequence[str]) -> list[str]:
    if isinstance(channels, str) or not channels:
        raise InputError(
            "No channels to plan for.",
            field="channels",
            fix="Pass a list such as ['instagram', 'linkedin', 'email'].",
        )
    names: list[str] = []
    for channel in channels:
        name = normalize_platform(channel)
        if name not in names:
            names.append(name)
    return names


def _territories(territories: Sequence[str]) -> list[str]:
    cleaned = [t.strip() for t in territories if isinstance(t, str) and t.strip()]
    if isinstance(territories, str) or not cleaned or len(cleaned) != len(territories):
        raise InputError(
            "Territories must be a non-empty list of names.",
            field="territories",
            fix="Pass the brief's creative territories, e.g. ['Morning ritual', 'Cold truth'].",
        )
    return cleaned


def _windows(
    start: date, days: int, phases: Sequence[PhaseSpec]
) -> list[tuple[PhaseWindow, PhaseSpec]]:
    out = []
    cursor = start
    for spec, length in zip(phases, phase_day_counts(days, phases), strict=True):
        end = cursor + timedelta(days=length - 1)
        window = PhaseWindow(name=spec.name, start=cursor, end=end, days=length, intent=spec.intent)
        out.append((window, spec))
        cursor = end + timedelta(days=1)
    return out
