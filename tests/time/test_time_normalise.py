"""Normalisation as a pure function: fixed publication dates, no spaCy."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.time import normalise

WED = dt.date(2025, 4, 30)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "tense", "value", "date", "precision"),
    [
        ("28 April 2025", None, "2025-04-28", "2025-04-28", "day"),
        ("April 28, 2025", None, "2025-04-28", "2025-04-28", "day"),
        ("Monday, April 28, 2025", None, "2025-04-28", "2025-04-28", "day"),
        ("2025-04-28", None, "2025-04-28", "2025-04-28", "day"),
        ("28/04/2025", None, "2025-04-28", "2025-04-28", "day"),
        ("Aug. 7, 1998", None, "1998-08-07", "1998-08-07", "day"),
        ("December 2024", None, "2024-12", "2024-12", "month"),
        ("in 2023", None, "2023", "2023", "year"),
        ("fiscal 1989", None, "1989", "1989", "year"),
        ("yesterday", None, "2025-04-29", "2025-04-29", "day"),
        ("today", None, "2025-04-30", "2025-04-30", "day"),
        ("tomorrow", None, "2025-05-01", "2025-05-01", "day"),
        ("last week", None, "2025-W17", "2025-04-21", "week"),
        ("this week", None, "2025-W18", "2025-04-28", "week"),
        ("this month", None, "2025-04", "2025-04", "month"),
        ("last month", None, "2025-03", "2025-03", "month"),
        ("next year", None, "2026", "2026", "year"),
        ("last year", None, "2024", "2024", "year"),
        ("two days ago", None, "2025-04-28", "2025-04-28", "day"),
        ("three months ago", None, "2025-01", "2025-01", "month"),
        ("a year ago", None, "2024", "2024", "year"),
        ("in three weeks", "future", "2025-W21", "2025-05-19", "week"),
        ("last summer", None, "2024-SU", "2024-06", "season"),
        ("this winter", None, "2024-WI", "2024-12", "season"),
        ("the winter of 2022", None, "2022-WI", "2022-12", "season"),
        ("the third quarter of 2024", None, "2024-Q3", "2024-07", "quarter"),
        ("Q1 2025", None, "2025-Q1", "2025-01", "quarter"),
        ("the first half of 2024", None, "2024-H1", "2024", "year"),
        ("the 1990s", None, "199", "1990", "decade"),
        ("the eighties", None, "198", "1980", "decade"),
        ("Christmas 2023", None, "2023-12-25", "2023-12-25", "day"),
        ("July last year", None, "2024-07", "2024-07", "month"),
    ],
)
def test_calendar_values(text: str, tense: str | None, value: str, date: str, precision: str) -> None:
    result = normalise(text, dct=WED, tense=tense)
    assert result is not None
    assert (result.value, result.date, result.precision) == (value, date, precision)


def test_on_monday_in_past_report_published_wednesday_is_two_days_before() -> None:
    result = normalise("on Monday", dct=WED, tense="past")
    assert result is not None and result.value == "2025-04-28"


def test_weekday_of_publication_day_is_that_day_in_past_tense() -> None:
    # Measured on TempEval-3: "exploded Friday" in a Friday report is that Friday.
    result = normalise("Wednesday", dct=WED, tense="past")
    assert result is not None and result.value == "2025-04-30"


def test_weekday_strict_rule_moves_publication_weekday_back_a_week() -> None:
    result = normalise("Wednesday", dct=WED, tense="past", weekday_rule="tense_strict")
    assert result is not None and result.value == "2025-04-23"


@pytest.mark.parametrize(
    ("text", "tense", "value"),
    [
        ("Monday", "future", "2025-05-05"),
        ("Friday", "future", "2025-05-02"),
        ("Friday", "past", "2025-04-25"),
        ("last Monday", None, "2025-04-28"),
        ("next Monday", None, "2025-05-05"),
        ("this Friday", None, "2025-05-02"),
    ],
)
def test_weekdays_follow_tense_and_relation(text: str, tense: str | None, value: str) -> None:
    result = normalise(text, dct=WED, tense=tense)
    assert result is not None and result.value == value


@pytest.mark.parametrize(
    ("text", "tense", "value"),
    [
        ("August", "past", "2024-08"),  # past tense: last August
        ("June", "past", "2025-06"),  # ... but a month just ahead is this year's
        ("June", "future", "2025-06"),
        ("March", "past", "2025-03"),
        ("March", "future", "2026-03"),
        ("Nov. 10", "past", "2024-11-10"),
        ("May 20", "past", "2025-05-20"),  # a deadline just ahead, reported in past tense
        ("Oct. 1", None, "2025-10-01"),
        ("last April", None, "2024-04"),  # April is the publication month
        ("next March", None, "2026-03"),
    ],
)
def test_months_without_year_read_the_tense(text: str, tense: str | None, value: str) -> None:
    result = normalise(text, dct=WED, tense=tense)
    assert result is not None and result.value == value


@pytest.mark.parametrize(
    ("text", "value", "modifier"),
    [
        ("early 2023", "2023", "EARLY"),
        ("mid-2023", "2023", "MID"),
        ("late 2023", "2023", "LATE"),
        ("the end of 2023", "2023", "END"),
        ("the beginning of March 2024", "2024-03", "START"),
        ("mid-1990s", "199", "MID"),
        ("more than two years", "P2Y", "MORE_THAN"),
        ("nearly three weeks", "P3W", "LESS_THAN"),
    ],
)
def test_modifiers(text: str, value: str, modifier: str) -> None:
    result = normalise(text, dct=WED)
    assert result is not None
    assert (result.value, result.modifier) == (value, modifier)


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("the past two years", "DURATION", "P2Y"),
        ("for decades", "DURATION", "PXDE"),
        ("several months", "DURATION", "PXM"),
        ("the first nine months", "DURATION", "P9M"),
        ("two-year", "DURATION", "P2Y"),
        ("24 hours", "DURATION", "PT24H"),
        ("in three weeks", "DURATION", "P3W"),  # without a future verb: a span of time
        ("recently", "DATE", "PAST_REF"),
        ("recent years", "DURATION", "PXY"),  # TimeML: "in recent years" is a stretch of years
        ("now", "DATE", "PRESENT_REF"),
        ("currently", "DATE", "PRESENT_REF"),
        ("soon", "DATE", "FUTURE_REF"),
        ("the near future", "DATE", "FUTURE_REF"),
        ("daily", "SET", "P1D"),
        ("every Monday", "SET", "XXXX-WXX-1"),
        ("twice a year", "SET", "P1Y"),
        ("3 p.m.", "TIME", "2025-04-30T15:00"),
        ("10:30 a.m. yesterday", "TIME", "2025-04-29T10:30"),
        ("Friday morning", "TIME", "2025-04-25TMO"),
        ("tonight", "TIME", "2025-04-30TNI"),
    ],
)
def test_durations_refs_sets_times(text: str, kind: str, value: str) -> None:
    result = normalise(text, dct=WED)
    assert result is not None
    assert (result.type, result.value) == (kind, value)
    if kind in ("DURATION", "SET") or value.endswith("_REF"):
        assert result.date is None and result.precision is None


def test_relative_to_event_keeps_anchor_not_publication_date() -> None:
    result = normalise("days after the explosion", dct=WED)
    assert result is not None
    assert (result.type, result.value) == ("DURATION", "PXD")
    assert result.date is None
    assert result.anchor == "after the explosion"


def test_narrative_relative_expression_counts_from_the_story() -> None:
    told = normalise("the next day", dct=WED, narrative="2025-04-28")
    assert told is not None and told.value == "2025-04-29" and told.story == "story"
    # with no date named before it, the story's day is the publication day
    untold = normalise("the next day", dct=WED)
    assert untold is not None and untold.value == "2025-05-01"


def test_without_publication_date_absolute_dates_still_resolve() -> None:
    absolute = normalise("28 April 2025", dct=None)
    relative = normalise("yesterday", dct=None)
    weekday = normalise("on Monday", dct=None, tense="past")
    assert absolute is not None and absolute.value == "2025-04-28"
    assert relative is not None and relative.value is None and relative.date is None
    assert weekday is not None and weekday.value == "XXXX-WXX-1" and weekday.date is None


def test_ambiguous_numeric_date_follows_configured_order() -> None:
    us = normalise("04/05/2025", dct=WED)
    eu = normalise("04/05/2025", dct=WED, numeric_order="dmy")
    assert us is not None and us.value == "2025-04-05"
    assert eu is not None and eu.value == "2025-05-04"


@pytest.mark.parametrize("text", ["the", "banana", "this", "", "May I"])
def test_non_time_words_give_none(text: str) -> None:
    assert normalise(text, dct=WED) is None


def test_invalid_calendar_date_is_rejected() -> None:
    assert normalise("2025-02-30", dct=WED) is None
