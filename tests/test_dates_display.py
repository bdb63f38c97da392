"""Dates as shown to readers: Gregorian with Babel month names, Hijri via hijridate."""

import pytest

from builder import dates_display as d


@pytest.mark.parametrize("iso,lang,expected", [
    ("2015-11-20", "ar", "20 نوفمبر 2015 (8 صفر 1437 هـ)"),
    ("2015-11-20", "en", "20 November 2015 (8 Safar 1437 AH)"),
    ("2015-09-30", "en", "30 September 2015 (17 Dhu al-Hijjah 1436 AH)"),  # Umm al-Qura
    ("--11-28", "ar", "28 نوفمبر"),
    ("--02-29", "en", "29 February"),
    ("2015-11", "en", "November 2015"),
    ("1900-01-01", "en", "1 January 1900"),  # outside hijridate's range: no Hijri
    ("2015-02-30", "en", "2015-02-30"),  # not a date: shown as written
    ("", "en", ""),
    (None, "ar", ""),
])
def test_full(iso, lang, expected) -> None:
    assert d.full(iso, lang) == expected


def test_hijri_only_for_full_dates() -> None:
    assert d.hijri("--11-28", "ar") is None
    assert d.hijri("2015-11", "ar") is None
    assert d.hijri("2015-11-20", "ar") == "8 صفر 1437 هـ"


def test_month_name() -> None:
    assert d.month_name(11, "ar") == "نوفمبر"
    assert d.month_name(1, "en") == "January"
