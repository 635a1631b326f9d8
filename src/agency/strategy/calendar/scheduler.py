"""Placing posts: which days, which local times, which formats.

Days are spread evenly (the phase's open days cut into equal runs, the
best-weighted weekday chosen in each run); times come from the platform's
ranked best hours, kept ``min_spacing_hours`` apart on a platform and never
equal to another slot's time. Local times are built with zoneinfo, so they
stay on the wall clock across DST changes; times that do not exist (the
spring-forward gap) are never used.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from agency.strategy.calendar.cadence import Cadence, Format

_STEP = timedelta(minutes=15)
_FALLBACK_HOURS = [f"{h:02d}:00" for h in range(8, 22)]


def spread_days(days: Sequence[date], count: int, cadence: Cadence) -> list[int]:
    """How many posts go on each of ``days`` (in order), ``count`` in all, spread evenly."""
    if not days or count <= 0:
        return [0] * len(days)
    count = min(count, len(days) * cadence.max_per_day)
    per_day, extra = divmod(count, len(days))
    counts = [per_day] * len(days)
    if extra:
        edges = [round(i * len(days) / extra) for i in range(extra + 1)]
        for lo, hi in itertools.pairwise(edges):
            run = range(lo, max(hi, lo + 1))
            best = max(run, key=lambda i: (cadence.weekday_weight(days[i].weekday()), -i))
            counts[best] += 1
    return counts


def local_time(day: date, hhmm: str, tz: ZoneInfo) -> datetime | None:
    """``day`` at wall-clock ``hhmm`` in ``tz``, or None when that time does not exist."""
    wall = datetime.combine(day, time.fromisoformat(hhmm), tzinfo=tz)
    if wall.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != wall.replace(tzinfo=None):
        return None
    return wall


def pick_times(
    day: date,
    count: int,
    cadence: Cadence,
    tz: ZoneInfo,
    *,
    taken: set[datetime],
    not_before: datetime | None = None,
) -> list[datetime]:
    """Up to ``count`` free local times on ``day`` for one platform, best first."""
    chosen: list[datetime] = []
    spacing = timedelta(hours=cadence.min_spacing_hours)
    for hhmm in [*cadence.best_hours, *_FALLBACK_HOURS]:
        base = local_time(day, hhmm, tz)
        if base is None:
            continue
        for k in range(4):
            candidate = base + k * _STEP
            if len(chosen) == count:
                return sorted(chosen)
            if candidate.date() != day or candidate.astimezone(UTC) in taken:
                continue
            if not_before is not None and candidate <= not_before:
                continue
            if any(abs(candidate - other) < spacing for other in chosen):
                continue
            chosen.append(candidate)
            break
    return sorted(chosen)


def assign_formats(count: int, weights: Mapping[Format, float]) -> list[Format]:
    """``count`` formats in proportion to ``weights`` (smooth weighted round robin)."""
    names = [n for n, w in weights.items() if w > 0]
    total = sum(weights[n] for n in names)
    current = dict.fromkeys(names, 0.0)
    out = []
    for _ in range(count):
        for n in names:
            current[n] += weights[n]
        pick = max(names, key=lambda n: current[n])
        current[pick] -= total
        out.append(pick)
    return out


def rotate(items: Sequence[str], count: int, *, offset: int = 0) -> list[str]:
    """``count`` items taken round-robin from ``items``, starting at ``offset``."""
    return [items[(offset + i) % len(items)] for i in range(count)]


def slot_id(*parts: object) -> str:
    """A stable 12-character URL-safe id for a slot."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return base64.urlsafe_b64encode(digest)[:12].decode()


def utc_set(times: Iterable[datetime]) -> set[datetime]:
    """Times normalised to UTC, for collision checks across platforms."""
    return {t.astimezone(UTC) for t in times}
