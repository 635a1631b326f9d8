"""Best times to post (study defaults, then the account's own data) and disclosure markers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from agency.core.errors import InputError
from agency.distribution.publishing import (
    Disclosure,
    disclose_text,
    is_synthetic,
    suggest_times,
    to_utc,
)


def test_defaults_follow_the_studies_in_local_time() -> None:
    after = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)  # a Monday
    times = suggest_times("linkedin", timezone="America/New_York", after=after, count=3)
    local = [t.astimezone(ZoneInfo("America/New_York")) for t in times]
    assert [(t.weekday(), t.hour) for t in local] == [(0, 13), (1, 9), (1, 10)]


def test_own_data_replaces_the_defaults() -> None:
    zone = ZoneInfo("Europe/Berlin")
    history = [(datetime(2026, 11, 5 + d % 7, 20, tzinfo=zone), 0.09) for d in range(14)]
    history += [(datetime(2026, 11, 5 + d % 7, 9, tzinfo=zone), 0.01) for d in range(14)]
    times = suggest_times(
        "instagram",
        timezone="Europe/Berlin",
        after=datetime(2026, 11, 23, tzinfo=UTC),
        history=history,
    )
    assert all(t.astimezone(zone).hour == 20 for t in times)


def test_suggestions_skip_the_dst_gap() -> None:
    after = datetime(2026, 3, 28, 12, tzinfo=UTC)
    for time in suggest_times("tiktok", timezone="Europe/Berlin", after=after, count=2):
        assert time > after


def test_to_utc_keeps_aware_times_and_rejects_unknown_zones() -> None:
    aware = datetime(2026, 6, 1, 9, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert to_utc(aware, "UTC") == datetime(2026, 6, 1, 0, tzinfo=UTC)
    with pytest.raises(InputError, match="Unknown time zone") as err:
        to_utc(datetime(2026, 6, 1, 9), "Mars/Olympus")
    assert err.value.field == "timezone"
    # the repeated hour in New York, second occurrence
    assert to_utc(datetime(2026, 11, 1, 1, 30), "America/New_York", fold=1) == datetime(
        2026, 11, 1, 6, 30, tzinfo=UTC
    ) - timedelta(0)


def test_markers_only_where_the_api_has_no_flag() -> None:
    paid_ai = Disclosure(ai_generated=True, paid_partnership=True)
    assert disclose_text("instagram", "New roast", paid_ai) == "#ad New roast\n\nMade with AI."
    assert disclose_text("tiktok", "New roast", paid_ai) == "New roast"
    assert disclose_text("youtube", "New roast", paid_ai) == "#ad New roast"
    sponsored = Disclosure(paid_partnership=True, sponsor_id="123")
    assert disclose_text("facebook", "New roast", sponsored) == "New roast"
    assert disclose_text("x", "#ad already", Disclosure(paid_partnership=True)) == "#ad already"


def test_synthetic_provenance() -> None:
    assert is_synthetic({"stage": "kata"})
    assert is_synthetic({"stage": "creation", "provider": "offline-designer"})
    assert is_synthetic({"extra": {"digital_source_type": "trainedAlgorithmicMedia"}})
    assert not is_synthetic({"stage": "upload"})
    assert not is_synthetic({})
