"""The events shown as the drivers of a turning point."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from detente.errors import InputError
from detente.timeline import TurningPoint, drivers
from detente.timeline.drivers import period_start, shift_period


def point(period: dt.date, before: float, after: float) -> TurningPoint:
    return TurningPoint(
        period_label=f"{period.year}-{period.month:02d}", period=period, direction="rupture",
        before_mean=before, after_mean=after, magnitude=abs(after - before), score=5.0,
        position=3, before_periods=3, after_periods=3,
    )  # fmt: skip


def events() -> pd.DataFrame:
    rows = [
        ("e1", "2023-01-27", "180", -9.0, 3, False, "day"),  # embassy attack, in the window
        ("e2", "2023-01-28", "111", -2.0, 40, False, "day"),  # criticism, widely reported
        ("e3", "2023-02-10", "161", -4.0, 2, False, "day"),
        ("e4", "2023-02-11", "161", -4.0, 9, False, "day"),  # same weight, more mentions
        ("e5", "2023-02-20", "040", 1.0, 50, False, "day"),  # cooperation: wrong direction
        ("e6", "2023-03-05", "195", -10.0, 1, True, "day"),  # hypothetical
        ("e7", "2023-06-01", "190", -10.0, 1, False, "day"),  # outside the window
        ("e8", "2023-01-01", "190", -10.0, 1, False, "year"),  # a "2023" event has no month
        ("e9", None, "190", -10.0, 1, False, None),  # undated
    ]
    frame = pd.DataFrame(
        rows,
        columns=["id", "date_start", "cameo", "goldstein", "num_mentions", "hypothetical", "date_precision"],
    )
    frame["date_start"] = pd.to_datetime(frame["date_start"]).dt.date
    frame["cameo_root"] = frame["cameo"].str[:2]
    frame["quad_class"] = [4, 3, 4, 4, 1, 4, 4, 4, 4]
    frame["source_code"], frame["target_code"], frame["evidence"] = "AZEGOV", "IRNGOV", "..."
    return frame


def test_rupture_drivers_are_conflict_events_ranked_by_weight_then_coverage() -> None:
    found = drivers(point(dt.date(2023, 2, 1), 0.2, -0.5), events(), by="month")
    assert list(found["id"]) == ["e1", "e4", "e3", "e2"]
    assert list(found["period_label"]) == ["2023-01", "2023-02", "2023-02", "2023-01"]
    assert {"cameo", "goldstein", "evidence", "num_mentions", "source_code"} <= set(found.columns)


def test_thaw_drivers_are_cooperation_events_and_limit_applies() -> None:
    found = drivers(point(dt.date(2023, 2, 1), -0.5, 0.2), events(), by="month")
    assert list(found["id"]) == ["e5"]
    assert drivers(point(dt.date(2023, 2, 1), 0.2, -0.5), events(), by="month", limit=2)["id"].tolist() == [
        "e1",
        "e4",
    ]


def test_window_and_yearly_periods() -> None:
    narrow = drivers(point(dt.date(2023, 2, 1), 0.2, -0.5), events(), by="month", window=0)
    assert list(narrow["id"]) == ["e4", "e3"]
    yearly = drivers(point(dt.date(2023, 1, 1), 0.2, -0.5), events(), by="year", window=0, limit=10)
    assert list(yearly["id"]) == ["e8", "e7", "e1", "e4", "e3", "e2"]  # e6 stays out: hypothetical


def test_missing_num_mentions_counts_as_one_and_bad_input_is_reported() -> None:
    frame = events().drop(columns="num_mentions")
    found = drivers(point(dt.date(2023, 2, 1), 0.2, -0.5), frame, by="month")
    assert set(found["num_mentions"]) == {1}
    assert list(found["id"])[:3] == ["e1", "e3", "e4"]  # equal weight and coverage: by date
    with pytest.raises(InputError, match="goldstein"):
        drivers(point(dt.date(2023, 2, 1), 0.2, -0.5), frame.drop(columns="goldstein"), by="month")
    with pytest.raises(InputError):
        drivers(point(dt.date(2023, 2, 1), 0.2, -0.5), frame, by="decade")


@pytest.mark.parametrize(
    ("day", "by", "start", "before", "after"),
    [
        (dt.date(2024, 2, 29), "week", dt.date(2024, 2, 26), dt.date(2024, 2, 19), dt.date(2024, 3, 4)),
        (dt.date(2024, 1, 15), "month", dt.date(2024, 1, 1), dt.date(2023, 12, 1), dt.date(2024, 2, 1)),
        (dt.date(2024, 11, 5), "quarter", dt.date(2024, 10, 1), dt.date(2024, 7, 1), dt.date(2025, 1, 1)),
        (dt.date(2024, 6, 5), "year", dt.date(2024, 1, 1), dt.date(2023, 1, 1), dt.date(2025, 1, 1)),
        (dt.date(2024, 3, 1), "day", dt.date(2024, 3, 1), dt.date(2024, 2, 29), dt.date(2024, 3, 2)),
    ],
)
def test_period_arithmetic(day: dt.date, by: str, start: dt.date, before: dt.date, after: dt.date) -> None:
    assert period_start(day, by) == start
    assert shift_period(start, by, -1) == before
    assert shift_period(start, by, 1) == after
