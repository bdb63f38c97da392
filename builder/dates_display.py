"""Dates as readers see them: Gregorian (Babel month names) with the Hijri date beside it.

``gregorian("2015-11-20", "ar")`` -> ``"20 نوفمبر 2015"``;
``hijri("2015-11-20", "ar")`` -> ``"8 صفر 1437 هـ"``;
``full("2015-11-20", "en")`` -> ``"20 November 2015 (8 Safar 1437 AH)"``.
A year-unknown date ``--11-28`` shows day and month only (``"28 نوفمبر"``), never a year.
Dates are parsed by :func:`builder.model.parse_date`.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date
from hijridate import Gregorian

from .model import parse_date
from .ui import strings

#: A leap year, so that ``--02-29`` can be shown.
_ANY_YEAR = 2000


@lru_cache(maxsize=65536)
def gregorian(iso: str | None, lang: str) -> str:
    """``gregorian("2015-11-20", "en")`` -> ``"20 November 2015"``; invalid input unchanged."""
    parts = parse_date(iso)
    if parts is None:
        return iso or ""
    day = dt.date(parts.year or _ANY_YEAR, parts.month, parts.day or 1)
    if parts.year is None:
        return format_date(day, "d MMMM", locale=lang)
    if parts.day is None:
        return format_date(day, "LLLL y", locale=lang)
    return format_date(day, "d MMMM y", locale=lang)


@lru_cache(maxsize=65536)
def hijri(iso: str | None, lang: str) -> str | None:
    """``hijri("2015-11-20", "ar")`` -> ``"8 صفر 1437 هـ"``; None without a full date."""
    parts = parse_date(iso)
    if parts is None or parts.year is None or parts.day is None:
        return None
    try:
        h = Gregorian(parts.year, parts.month, parts.day).to_hijri()
    except (OverflowError, ValueError):  # hijridate covers 1343-1500 AH only
        return None
    return f"{h.day} {h.month_name(lang)} {h.year} {strings(lang)['hijri_era']}"


@lru_cache(maxsize=65536)
def full(iso: str | None, lang: str) -> str:
    """Gregorian with Hijri in brackets: ``full("2015-11-20", "ar")`` ->
    ``"20 نوفمبر 2015 (8 صفر 1437 هـ)"``."""
    text = gregorian(iso, lang)
    h = hijri(iso, lang)
    return f"{text} ({h})" if h else text


def month_name(month: int, lang: str) -> str:
    """``month_name(11, "ar")`` -> ``"نوفمبر"``."""
    return format_date(dt.date(_ANY_YEAR, month, 1), "LLLL", locale=lang)
