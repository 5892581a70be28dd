"""Calendar arithmetic behind the TIMEX3 values."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.time import calendar as cal

WED = dt.date(2025, 4, 30)


def test_easter_and_thanksgiving() -> None:
    assert cal.easter(2025) == dt.date(2025, 4, 20)
    assert cal.easter(2024) == dt.date(2024, 3, 31)
    assert cal.thanksgiving(2025) == dt.date(2025, 11, 27)


def test_add_months_clamps_to_month_end() -> None:
    assert cal.add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert cal.add_months(dt.date(2025, 1, 15), -2) == dt.date(2024, 11, 15)


@pytest.mark.parametrize(
    ("unit", "n", "value"),
    [
        ("day", -1, "2025-04-29"),
        ("week", -1, "2025-W17"),
        ("weekend", -1, "2025-W17-WE"),
        ("month", 1, "2025-05"),
        ("quarter", -1, "2025-Q1"),
        ("year", 0, "2025"),
        ("decade", -1, "201"),
        ("century", 0, "20"),
    ],
)
def test_shift(unit: str, n: int, value: str) -> None:
    assert cal.shift(WED, unit, n) == value


@pytest.mark.parametrize(
    ("direction", "weekday", "expected"),
    [
        ("on_or_before", 2, dt.date(2025, 4, 30)),
        ("before", 2, dt.date(2025, 4, 23)),
        ("on_or_after", 0, dt.date(2025, 5, 5)),
        ("after", 2, dt.date(2025, 5, 7)),
        ("nearest", 4, dt.date(2025, 5, 2)),
        ("nearest", 0, dt.date(2025, 4, 28)),
    ],
)
def test_weekday_date(direction: str, weekday: int, expected: dt.date) -> None:
    assert cal.weekday_date(WED, weekday, direction) == expected


@pytest.mark.parametrize(
    ("value", "date", "precision"),
    [
        ("2025-04-28T15:00", "2025-04-28", "day"),
        ("2025-W17", "2025-04-21", "week"),
        ("2025-W17-WE", "2025-04-26", "week"),
        ("2024-SU", "2024-06", "season"),
        ("2025-Q2", "2025-04", "quarter"),
        ("2023", "2023", "year"),
        ("199", "1990", "decade"),
        ("PAST_REF", None, None),
        ("P2Y", None, None),
        ("XXXX-04", None, None),
        (None, None, None),
    ],
)
def test_calendar_date(value: str | None, date: str | None, precision: str | None) -> None:
    assert cal.calendar_date(value) == (date, precision)


def test_bounds_cover_the_whole_period() -> None:
    assert cal.bounds("2024-12", "month") == (dt.date(2024, 12, 1), dt.date(2024, 12, 31))
    assert cal.bounds("2024-06", "season") == (dt.date(2024, 6, 1), dt.date(2024, 8, 31))
    assert cal.bounds("1990", "decade") == (dt.date(1990, 1, 1), dt.date(1999, 12, 31))
    assert cal.bounds("2025-04-21", "week") == (dt.date(2025, 4, 21), dt.date(2025, 4, 27))
