"""TIMEX3 values of expressions read against a publication date: the normaliser's table.

Each row: the expression, the publication date, the tense of the governing verb,
the narrative reference (the last date the text named, for story-relative words),
and the expected TIMEX3 type and value.  It holds every example of the time
issue and the common forms of English news.  Pure: no spaCy.
"""

from __future__ import annotations

import datetime as dt

import pytest

from detente.time import normalise

WED = dt.date(2025, 4, 30)  # a Wednesday
MON = dt.date(2025, 4, 28)  # the Monday before it

ROWS: list[tuple[str, dt.date, str | None, str | None, str, str | None]] = [
    # issue examples
    ("early 2023", WED, None, None, "DATE", "2023"),
    ("in December 2024", WED, None, None, "DATE", "2024-12"),
    ("on Monday", WED, "past", None, "DATE", "2025-04-28"),
    ("on Monday", MON, "past", None, "DATE", "2025-04-28"),
    ("on Monday", MON, "future", None, "DATE", "2025-04-28"),
    ("on Monday", WED, "future", None, "DATE", "2025-05-05"),
    ("days after a deadly explosion", WED, "past", None, "DURATION", "PXD"),
    ("yesterday", WED, None, None, "DATE", "2025-04-29"),
    ("last week", WED, None, None, "DATE", "2025-W17"),
    ("this month", WED, None, None, "DATE", "2025-04"),
    ("next year", WED, None, None, "DATE", "2026"),
    ("two days ago", WED, None, None, "DATE", "2025-04-28"),
    ("in three weeks", WED, "future", None, "DATE", "2025-W21"),
    ("in March", WED, "past", None, "DATE", "2025-03"),
    ("in March", WED, "future", None, "DATE", "2026-03"),
    ("in September", WED, "past", None, "DATE", "2024-09"),
    ("in September", WED, "future", None, "DATE", "2025-09"),
    ("mid-2023", WED, None, None, "DATE", "2023"),
    ("late 2023", WED, None, None, "DATE", "2023"),
    ("the 1990s", WED, None, None, "DATE", "199"),
    ("the 2010s", WED, None, None, "DATE", "201"),
    ("the third quarter", WED, "past", None, "DATE", "2024-Q3"),
    ("the first quarter", WED, "past", None, "DATE", "2025-Q1"),
    ("Q1 2025", WED, None, None, "DATE", "2025-Q1"),
    ("the past two years", WED, None, None, "DURATION", "P2Y"),
    ("since 2020", WED, None, None, "DATE", "2020"),
    ("for decades", WED, None, None, "DURATION", "PXDE"),
    ("recently", WED, None, None, "DATE", "PAST_REF"),
    ("now", WED, None, None, "DATE", "PRESENT_REF"),
    ("soon", WED, None, None, "DATE", "FUTURE_REF"),
    ("days after the explosion", WED, None, None, "DURATION", "PXD"),
    # reporting periods named by their last day, and a year's period
    ("the quarter ended March 31", WED, "past", None, "DATE", "2025-Q1"),
    ("the quarter ended July 31", WED, "past", None, "DATE", "2024-Q2"),
    ("the six months ended March 31", WED, "past", None, "DURATION", "P6M"),
    ("the 2024 quarter", WED, "past", None, "DATE", "2024"),
    # absolute dates in common formats
    ("28 April 2025", WED, None, None, "DATE", "2025-04-28"),
    ("April 28, 2025", WED, None, None, "DATE", "2025-04-28"),
    ("April 28 2025", WED, None, None, "DATE", "2025-04-28"),
    ("Monday, April 28, 2025", WED, None, None, "DATE", "2025-04-28"),
    ("the 28th of April 2025", WED, None, None, "DATE", "2025-04-28"),
    ("2025-04-28", WED, None, None, "DATE", "2025-04-28"),
    ("2025/04/28", WED, None, None, "DATE", "2025-04-28"),
    ("28/04/2025", WED, None, None, "DATE", "2025-04-28"),
    ("04/28/2025", WED, None, None, "DATE", "2025-04-28"),
    ("28.04.2025", WED, None, None, "DATE", "2025-04-28"),
    ("Aug. 7, 1998", WED, None, None, "DATE", "1998-08-07"),
    ("Sept. 11, 2001", WED, None, None, "DATE", "2001-09-11"),
    ("January 29, 2023", WED, None, None, "DATE", "2023-01-29"),
    ("March 2022", WED, None, None, "DATE", "2022-03"),
    ("January 2016", WED, None, None, "DATE", "2016-01"),
    ("in 2024", WED, None, None, "DATE", "2024"),
    ("April 6", WED, "past", None, "DATE", "2025-04-06"),
    ("Dec. 25", WED, "past", None, "DATE", "2024-12-25"),
    ("June 3", WED, "future", None, "DATE", "2025-06-03"),
    ("April 2", MON, "future", None, "DATE", "2026-04-02"),
    ("May 20", WED, "past", None, "DATE", "2025-05-20"),  # a deadline just ahead in a past sentence
    # days and weekdays
    ("today", WED, None, None, "DATE", "2025-04-30"),
    ("tomorrow", WED, None, None, "DATE", "2025-05-01"),
    ("tonight", WED, None, None, "TIME", "2025-04-30TNI"),
    ("last night", WED, None, None, "TIME", "2025-04-29TNI"),
    ("yesterday morning", WED, None, None, "TIME", "2025-04-29TMO"),
    ("the day before yesterday", WED, None, None, "DATE", "2025-04-28"),
    ("Friday", WED, "past", None, "DATE", "2025-04-25"),
    ("Friday", WED, "future", None, "DATE", "2025-05-02"),
    ("Wednesday", WED, "past", None, "DATE", "2025-04-30"),
    ("Tuesday", WED, "present", None, "DATE", "2025-04-29"),
    ("Friday", WED, "present", None, "DATE", "2025-05-02"),
    ("last Monday", WED, None, None, "DATE", "2025-04-28"),
    ("next Monday", WED, None, None, "DATE", "2025-05-05"),
    ("Friday morning", WED, "past", None, "TIME", "2025-04-25TMO"),
    ("Sunday night", WED, "past", None, "TIME", "2025-04-27TNI"),
    # weeks, months, years relative to publication
    ("this week", WED, None, None, "DATE", "2025-W18"),
    ("next week", WED, None, None, "DATE", "2025-W19"),
    ("last month", WED, None, None, "DATE", "2025-03"),
    ("next month", WED, None, None, "DATE", "2025-05"),
    ("this year", WED, None, None, "DATE", "2025"),
    ("last year", WED, None, None, "DATE", "2024"),
    ("earlier this year", WED, None, None, "DATE", "2025"),
    ("later this month", WED, None, None, "DATE", "2025-04"),
    ("the weekend", WED, "past", None, "DATE", "2025-W17-WE"),
    ("this weekend", WED, None, None, "DATE", "2025-W18-WE"),
    ("three months ago", WED, None, None, "DATE", "2025-01"),
    ("a year ago", WED, None, None, "DATE", "2024"),
    ("a decade ago", WED, None, None, "DATE", "2015"),
    ("two weeks ago", WED, None, None, "DATE", "2025-W16"),
    ("in two years", WED, "future", None, "DATE", "2027"),
    ("two years from now", WED, None, None, "DATE", "2027"),
    ("last summer", WED, None, None, "DATE", "2024-SU"),
    ("this winter", WED, None, None, "DATE", "2024-WI"),
    ("next spring", WED, None, None, "DATE", "2026-SP"),
    ("the winter of 2022", WED, None, None, "DATE", "2022-WI"),
    ("autumn 2019", WED, None, None, "DATE", "2019-FA"),
    ("last quarter", WED, None, None, "DATE", "2025-Q1"),
    ("the first half of 2024", WED, None, None, "DATE", "2024-H1"),
    ("the second half of next year", WED, None, None, "DATE", "2026-H2"),
    ("the eighties", WED, None, None, "DATE", "198"),
    ("the 20th century", WED, None, None, "DATE", "19"),
    ("Christmas 2023", WED, None, None, "DATE", "2023-12-25"),
    ("Easter 2024", WED, None, None, "DATE", "2024-03-31"),
    ("July last year", WED, None, None, "DATE", "2024-07"),
    ("fiscal 2024", WED, None, None, "DATE", "2024"),
    ("the current fiscal year", WED, None, None, "DATE", "2025"),
    ("next year's first quarter", WED, None, None, "DATE", "2026-Q1"),
    ("the year-ago third quarter", WED, None, None, "DATE", "2024-Q3"),
    ("nineteen ninety-four", WED, None, None, "DATE", "1994"),
    ("the year two thousand", WED, None, None, "DATE", "2000"),
    ("the winter of nineteen ninety-four", WED, None, None, "DATE", "1994-WI"),
    # times of day
    ("10:30 a.m.", WED, None, None, "TIME", "2025-04-30T10:30"),
    ("5 p.m. EST", WED, None, None, "TIME", "2025-04-30T17:00"),
    ("9 a.m. Tuesday", WED, "past", None, "TIME", "2025-04-29T09:00"),
    ("5 p.m. EST, Nov. 6", WED, "past", None, "TIME", "2024-11-06T17:00"),
    ("noon", WED, None, None, "TIME", "2025-04-30T12:00"),
    ("midnight", WED, None, None, "TIME", "2025-04-30T24:00"),
    ("midnight Friday", WED, "past", None, "TIME", "2025-04-25T24:00"),
    ("10 p.m.", WED, None, "2025-04-25", "TIME", "2025-04-25T22:00"),
    # durations and sets
    ("three days", WED, None, None, "DURATION", "P3D"),
    ("two weeks", WED, None, None, "DURATION", "P2W"),
    ("six months", WED, None, None, "DURATION", "P6M"),
    ("more than a decade", WED, None, None, "DURATION", "P1DE"),
    ("2 1/2 years", WED, None, None, "DURATION", "P2Y6M"),
    ("5 1/2 hours", WED, None, None, "DURATION", "PT5H30M"),
    ("a year and a half", WED, None, None, "DURATION", "P1Y6M"),
    ("twenty four hours", WED, None, None, "DURATION", "PT24H"),
    ("48 hours", WED, None, None, "DURATION", "PT48H"),
    ("several years", WED, None, None, "DURATION", "PXY"),
    ("recent months", WED, None, None, "DURATION", "PXM"),
    ("the past year", WED, None, None, "DURATION", "P1Y"),
    ("daily", WED, None, None, "SET", "P1D"),
    ("every week", WED, None, None, "SET", "P1W"),
    ("twice a year", WED, None, None, "SET", "P1Y"),
    ("every Monday", WED, None, None, "SET", "XXXX-WXX-1"),
    # story-relative: against the narrative time (the last date named)
    ("the next day", WED, "past", "2025-04-25", "DATE", "2025-04-26"),
    ("the following day", WED, "past", "2025-04-25", "DATE", "2025-04-26"),
    ("the day before", WED, "past", "2025-04-25", "DATE", "2025-04-24"),
    ("that day", WED, "past", "2025-04-25", "DATE", "2025-04-25"),
    ("the same day", WED, "past", "2025-04-25", "DATE", "2025-04-25"),
    ("earlier that day", WED, "past", "2025-04-25", "DATE", "2025-04-25"),
    ("the next morning", WED, "past", "2025-04-25", "TIME", "2025-04-26TMO"),
    ("the following week", WED, "past", "2025-04-25", "DATE", "2025-W18"),
    ("the following month", WED, "past", "2025-02-10", "DATE", "2025-03"),
    ("that year", WED, "past", "2019-06", "DATE", "2019"),
    ("later that year", WED, "past", "2019-06", "DATE", "2019"),
    ("the following year", WED, "past", "2019-06", "DATE", "2020"),
    ("the previous year", WED, "past", "2019-06", "DATE", "2018"),
    ("the following Monday", WED, "past", "2025-04-09", "DATE", "2025-04-14"),
    ("two days later", WED, "past", "2025-04-25", "DURATION", "P2D"),
    ("a week earlier", WED, "past", "2025-04-25", "DATE", "2025-04-18"),
    ("a year earlier", WED, "past", "2024-Q3", "DATE", "2023-Q3"),
    ("a year earlier", WED, "past", "2024-10-26", "DATE", "2023-10-26"),
    ("a year ago", WED, "past", "2025-Q1", "DATE", "2024-Q1"),
    ("the year-earlier period", WED, "past", "2025-Q1", "DATE", "2024-Q1"),
    ("the next day", WED, "past", "2019", "DATE", None),  # a year is too coarse to count days from
    # session 2: year ends, reporting years, holidays' weeks, parts of days
    ("by year-end", WED, "future", None, "DATE", "2025"),
    ("since year-end", WED, "past", None, "DATE", "2024"),
    ("by year's end", WED, None, None, "DATE", "2025"),
    ("last year-end", WED, None, None, "DATE", "2024"),
    ("the full year", WED, None, None, "DATE", "2025"),
    ("the full year", dt.date(2025, 2, 14), "past", None, "DATE", "2024"),
    ("the week of March 6", WED, "past", None, "DATE", "2025-W10"),
    ("the week of June 9, 2024", WED, None, None, "DATE", "2024-W23"),  # a Sunday
    ("Easter week", dt.date(2025, 4, 14), "past", None, "DATE", "2025-W16"),
    ("Thanksgiving weekend", WED, "past", None, "DATE", "2024-W48-WE"),
    ("Election Day", WED, "future", None, "DATE", "2025-11-04"),
    ("Election Day 2024", WED, None, None, "DATE", "2024-11-05"),
    ("last Oct. 23", WED, None, None, "DATE", "2024-10-23"),
    ("next March 3", WED, None, None, "DATE", "2026-03-03"),
    ("mid-afternoon yesterday", WED, "past", None, "TIME", "2025-04-29TAF"),
    ("by mid afternoon", WED, "past", None, "TIME", "2025-04-30TAF"),
    ("late evening", WED, "past", "2025-04-25", "TIME", "2025-04-25TEV"),
    ("the near term", WED, None, None, "DATE", "FUTURE_REF"),
    ("over the long term", WED, None, None, "DATE", "FUTURE_REF"),
    ("as soon as possible", WED, None, None, "DATE", "FUTURE_REF"),
    ("at a later date", WED, None, None, "DATE", "FUTURE_REF"),
    ("one day", WED, "future", None, "DATE", "FUTURE_REF"),
    ("one day", WED, "past", None, "DURATION", "P1D"),
    ("someday", WED, None, None, "DATE", "FUTURE_REF"),
    ("two more weeks", WED, None, None, "DURATION", "P2W"),
    ("an additional year", WED, None, None, "DURATION", "P1Y"),
    ("a further year", WED, None, None, "DURATION", "P1Y"),
    ("a minute and a half later", WED, "past", None, "DURATION", "PT1M30S"),
    ("the 2024 quarter", WED, "past", "2025-Q1", "DATE", "2024-Q1"),
    ("the 2024 period", WED, "past", "2025-03", "DATE", "2024-03"),
    ("the quarter a year ago", WED, "past", "2025-Q1", "DATE", "2024-Q1"),
    ("the quarter a year earlier", WED, "past", None, "DATE", "2024-Q1"),
    ("the first two quarters of 2026", WED, None, None, "DATE", "2026-H1"),
    ("the last two quarters", WED, None, None, "DURATION", "P2Q"),
    ("the latter half of the '80s", WED, None, None, "DATE", "198"),
    # anchored to another event
    ("three days after the explosion", WED, "past", None, "DURATION", "P3D"),
    ("a week after March 3", WED, "past", None, "DURATION", "P1W"),
    ("weeks before the vote", WED, "past", None, "DURATION", "PXW"),
]


def test_table_is_large() -> None:
    assert len(ROWS) >= 100


MODIFIERS = [
    ("by year-end", "END"),
    ("mid-afternoon yesterday", "MID"),
    ("the latter half of the '80s", "END"),
    ("the first half of the 1990s", "START"),
]


@pytest.mark.parametrize(("text", "modifier"), MODIFIERS)
def test_period_modifier(text: str, modifier: str) -> None:
    result = normalise(text, dct=WED)
    assert result is not None and result.modifier == modifier


@pytest.mark.parametrize(("text", "dct", "tense", "narrative", "kind", "value"), ROWS)
def test_timex3_value(
    text: str, dct: dt.date, tense: str | None, narrative: str | None, kind: str, value: str | None
) -> None:
    result = normalise(text, dct=dct, tense=tense, narrative=narrative)
    assert result is not None
    assert (result.type, result.value) == (kind, value)
