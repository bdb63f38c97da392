"""The types every module shares: the archive's one date type and the kind <-> type map."""

from __future__ import annotations

import datetime as dt

import pytest

from builder.model import (
    ENTITY_TYPES,
    KIND_TYPES,
    TAG_KINDS,
    DateParts,
    parse_date,
)


@pytest.mark.parametrize("text,expected", [
    ("2015-11-20", DateParts(2015, 11, 20)),
    ("2015-11", DateParts(2015, 11, None)),
    ("--11-28", DateParts(None, 11, 28)),
    ("--02-29", DateParts(None, 2, 29)),  # a year-unknown 29 February is a date
    ("2016-02-29", DateParts(2016, 2, 29)),
])
def test_parse_date(text: str, expected: DateParts) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", [
    None, "", "2015-02-30", "2015-02-29", "--13-01", "2015-13", "2015-11-20T10:00",
    "20151120", "2015-W47-5", "2015-11-20\n", " 2015-11-20", "20 نوفمبر 2015", "٢٠١٥-١١-٢٠",
])
def test_not_a_date(text: str | None) -> None:
    assert parse_date(text) is None


def test_full_dates_have_a_calendar_day() -> None:
    assert parse_date("2015-11-20").day_date() == dt.date(2015, 11, 20)
    assert parse_date("2015-11-20").full
    for partial in ("2015-11", "--11-28"):
        assert not parse_date(partial).full
        assert parse_date(partial).day_date() is None


def test_kinds_and_types_are_one_map() -> None:
    assert TAG_KINDS == {"person": "people", "place": "places",
                         "organization": "organizations"}
    assert ENTITY_TYPES == ("person", "place", "organization")
    assert {KIND_TYPES[kind] for kind in TAG_KINDS.values()} == set(ENTITY_TYPES)
    assert all(TAG_KINDS[KIND_TYPES[kind]] == kind for kind in KIND_TYPES)
