"""Calendar generator: cadence counts, collisions, holidays, DST, bad input."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from agency.core import InputError
from agency.strategy.calendar import (
    DEFAULT_PHASES,
    PhaseSpec,
    build_calendar,
    default_cadence,
)
from agency.strategy.calendar.scheduler import local_time

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
ALL = ["instagram", "x", "linkedin", "tiktok", "youtube", "facebook", "email", "ads"]
TERRITORIES = ["Morning ritual", "Cold truth", "Slow craft"]


def plan(**kwargs):
    args = {
        "start": date(2026, 12, 1),
        "timezone": "America/New_York",
        "channels": ALL,
        "territories": TERRITORIES,
        "now": NOW,
        **kwargs,
    }
    return build_calendar(**args)


def test_counts_follow_cadence_per_phase() -> None:
    p = plan(holidays=None)
    assert [w.days for w in p.phases] == [6, 5, 19]
    for platform in ALL:
        cad = default_cadence(platform)
        per_phase = Counter(s.phase for s in p.slots_for(platform))
        for window, spec in zip(p.phases, DEFAULT_PHASES, strict=True):
            expected = round(cad.posts_per_week * spec.cadence * window.days / 7)
            assert per_phase[window.name] == expected, (platform, window.name)


def test_flat_phases_give_weekly_rate() -> None:
    flat = [PhaseSpec(name="sustain", share=1.0)]
    p = plan(days=28, phases=flat, channels=["instagram", "linkedin", "email"])
    counts = Counter(s.platform for s in p.slots)
    assert counts == {"instagram": 20, "linkedin": 16, "email": 4}
    weeks = Counter((s.platform, (s.date - p.start).days // 7) for s in p.slots)
    assert all(weeks[("email", w)] == 1 for w in range(4))


def test_no_collisions_and_spacing() -> None:
    p = plan(cadence_overrides={"x": {"posts_per_week": 21}})
    instants = [s.publish_at.astimezone(UTC) for s in p.slots]
    assert len(instants) == len(set(instants))
    assert len({s.id for s in p.slots}) == len(p.slots)
    for platform in ALL:
        cad = default_cadence(platform)
        by_day: dict[date, list[datetime]] = {}
        for s in p.slots_for(platform):
            by_day.setdefault(s.date, []).append(s.publish_at)
        for times in by_day.values():
            assert len(times) <= cad.max_per_day
            times.sort()
            for a, b in itertools.pairwise(times):
                assert b - a >= timedelta(hours=cad.min_spacing_hours)
    assert max(Counter(s.date for s in p.slots_for("x")).values()) == 3


def test_holidays_and_blackouts_get_no_slots() -> None:
    blackout = [date(2026, 12, 8), date(2026, 12, 9)]
    p = plan(holidays="US", blackout_dates=blackout)
    used = {s.date for s in p.slots}
    assert date(2026, 12, 25) not in used
    assert not used & set(blackout)
    reasons = {s.date: s.reason for s in p.skipped}
    assert "Christmas" in reasons[date(2026, 12, 25)]
    assert reasons[date(2026, 12, 8)] == "blackout"
    explicit = plan(holidays=[date(2026, 12, 2)])
    assert date(2026, 12, 2) not in {s.date for s in explicit.slots}
    assert all(p.start <= s.date <= p.end for s in p.slots)


def test_dst_end_keeps_wall_clock_time() -> None:
    p = plan(
        start=date(2026, 10, 26),
        days=14,
        channels=["linkedin"],
        phases=[PhaseSpec(name="sustain", share=1.0)],
        cadence_overrides={"linkedin": {"best_hours": ["10:00"], "posts_per_week": 5}},
        now=datetime(2026, 10, 1, tzinfo=UTC),
    )
    before = [s for s in p.slots if s.date < date(2026, 11, 1)]
    after = [s for s in p.slots if s.date > date(2026, 11, 1)]
    assert before and after
    assert {s.publish_at.strftime("%H:%M") for s in p.slots} == {"10:00"}
    assert {s.publish_at.utcoffset() for s in before} == {timedelta(hours=-4)}
    assert {s.publish_at.utcoffset() for s in after} == {timedelta(hours=-5)}
    assert {s.publish_at.astimezone(UTC).hour for s in before} == {14}
    assert {s.publish_at.astimezone(UTC).hour for s in after} == {15}


def test_spring_forward_gap_is_never_used() -> None:
    tz = ZoneInfo("America/New_York")
    assert local_time(date(2027, 3, 14), "02:30", tz) is None
    assert local_time(date(2027, 3, 15), "02:30", tz) is not None
    p = plan(
        start=date(2027, 3, 14),
        days=1,
        channels=["x"],
        phases=[PhaseSpec(name="launch", share=1.0)],
        cadence_overrides={"x": {"best_hours": ["02:30", "09:00"], "posts_per_week": 7}},
    )
    assert [s.publish_at.strftime("%H:%M") for s in p.slots] == ["09:00"]


def test_territories_rotate_and_formats_mix() -> None:
    p = plan()
    ig = p.slots_for("instagram")
    assert [s.territory for s in ig[:3]] == TERRITORIES
    counts = Counter(s.territory for s in p.slots)
    assert max(counts.values()) - min(counts.values()) <= len(ALL)
    formats = Counter(s.format for s in ig)
    assert formats["reel"] >= formats["carousel"] >= formats["post"] > 0
    assert {s.format for s in p.slots_for("x")} == {"post", "thread"}
    assert {s.format for s in p.slots_for("email")} == {"email"}
    assert all(s.publish_at.tzinfo is not None for s in p.slots)


def test_past_start_and_late_today_handled() -> None:
    with pytest.raises(InputError) as err:
        plan(start=date(2026, 11, 24))
    assert err.value.field == "start"
    late = datetime(2026, 11, 25, 22, 30, tzinfo=UTC)  # 17:30 in New York
    p = plan(start=date(2026, 11, 25), now=late, channels=["x"])
    assert all(s.publish_at > late for s in p.slots)
    assert p.slots[0].date == date(2026, 11, 25)
    night = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # 21:00 in New York
    p = plan(start=date(2026, 11, 25), now=night, channels=["x"])
    assert p.skipped[0].date == date(2026, 11, 25)
    assert p.skipped[0].reason == "too late today"
    assert p.slots[0].date == date(2026, 11, 26)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"channels": ["myspace"]}, "channels"),
        ({"channels": []}, "channels"),
        ({"territories": []}, "territories"),
        ({"territories": ["ok", " "]}, "territories"),
        ({"holidays": "ZZ"}, "holidays"),
        ({"days": 0}, "days"),
        ({"days": 2}, "days"),
        ({"blackout_dates": ["not a date"]}, "blackout_dates"),
        ({"cadence_overrides": {"x": {"best_hours": ["25:00"]}}}, "cadence_overrides.x"),
        ({"cadence_overrides": {"youtube": {}}, "channels": ["x"]}, "cadence_overrides"),
        ({"phases": [PhaseSpec(name="a", share=0.5)]}, "phases"),
    ],
)
def test_bad_input_names_field_and_fix(kwargs: dict, field: str) -> None:
    with pytest.raises(InputError) as err:
        plan(**kwargs)
    assert err.value.field == field
    assert err.value.fix
