"""WCAG 2.x contrast maths against known values."""

from __future__ import annotations

import pytest

from agency.core import InputError
from agency.intelligence.identity import contrast_ratio, grades, parse_hex, relative_luminance


def test_known_wcag_ratios() -> None:
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.005)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.005)
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#123456", "#123456") == pytest.approx(1.0)
    # WebAIM's example: #0000ff on white is 8.59:1
    assert contrast_ratio("#0000ff", "#ffffff") == pytest.approx(8.59, abs=0.005)


def test_luminance_endpoints_and_short_hex() -> None:
    assert relative_luminance("#fff") == pytest.approx(1.0)
    assert relative_luminance("000") == pytest.approx(0.0)
    assert parse_hex("#abc") == (0xAA, 0xBB, 0xCC)
    assert relative_luminance((255, 0, 0)) == pytest.approx(0.2126)


def test_grades_follow_thresholds() -> None:
    grey = contrast_ratio("#777777", "#ffffff")
    assert grades(grey) == ["AA-large"]  # 4.48 < 4.5: fails AA for body text
    assert grades(contrast_ratio("#767676", "#ffffff")) == ["AA", "AA-large", "AAA-large"]
    assert grades(21.0) == ["AA", "AA-large", "AAA", "AAA-large"]
    assert grades(2.9) == []


def test_bad_hex_is_an_input_error() -> None:
    with pytest.raises(InputError) as err:
        parse_hex("blue")
    assert err.value.field == "color"
