"""Relationship timelines over hand-made events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from builders import analysis, event
from detente.errors import InputError
from detente.relations import period_label
from detente.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "r.duckdb")
    s.write(
        analysis(
            "attack",
            [
                event(None, "AZE", cameo="180", quad=4, goldstein=-9.0, date="2023-01-27"),
                event("AZE", "IRN", cameo="111", quad=3, goldstein=-2.0, date="2023-01-28"),
            ],
        )
    )
    s.write(
        analysis(
            "expel",
            [
                event("AZE", "IRN", cameo="161", quad=4, goldstein=-4.0, date="2023-04-06"),
                event("IRN", "AZE", cameo="161", quad=4, goldstein=-4.0, date="2023-04-11"),
            ],
        )
    )
    s.write(
        analysis(
            "talks",
            [
                event("IRN", "AZE", cameo="040", date="2025-04-28"),
                event("AZE", "IRN", cameo="040", date="2025-04-28"),
                event("IRN", "AZE", cameo="057", goldstein=8.0, date="2025-04-28", hypothetical=True),
                event("AZE", "IRN", cameo="190", quad=4, goldstein=-10.0, date="2023", precision="year"),
            ],
        )
    )
    return s


def test_monthly_timeline_fills_gaps_and_counts_directions(store: Store) -> None:
    frame = store.relations("AZE", "IRN", by="month")
    assert frame["period_label"].iloc[0] == "2023-01" and frame["period_label"].iloc[-1] == "2025-04"
    assert len(frame) == 28  # every month from 2023-01 to 2025-04, silent ones included
    jan = frame.iloc[0]
    assert (jan["events"], jan["ab_events"], jan["ba_events"], jan["q3_verbal_conflict"]) == (1, 1, 0, 1)
    apr23 = frame[frame["period_label"] == "2023-04"].iloc[0]
    assert (apr23["events"], apr23["ab_events"], apr23["ba_events"], apr23["q4_material_conflict"]) == (
        2,
        1,
        1,
        2,
    )
    assert apr23["goldstein_sum"] == -8.0
    apr25 = frame[frame["period_label"] == "2025-04"].iloc[0]
    assert apr25["events"] == 1  # one meeting reported both ways; the hypothetical agreement is not a fact
    assert frame["events"].sum() == 4  # the year-precision event stays out of a monthly view


def test_yearly_timeline_includes_coarse_dates(store: Store) -> None:
    frame = store.relations("Azerbaijan", "Iran", by="year")
    assert list(frame["period_label"]) == ["2023", "2024", "2025"]
    assert list(frame["events"]) == [4, 0, 1]


def test_date_window_and_bad_granularity(store: Store) -> None:
    frame = store.relations("AZE", "IRN", by="quarter", start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31))
    assert list(frame["period_label"]) == ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"]
    with pytest.raises(InputError):
        store.relations("AZE", "IRN", by="fortnight")


def test_top_pairs(store: Store) -> None:
    top = store.top_pairs(limit=5)
    assert top.iloc[0][["country_a", "country_b", "events"]].tolist() == ["AZE", "IRN", 5]


def test_period_labels() -> None:
    day = dt.date(2025, 4, 28)
    assert [period_label(day, b) for b in ("day", "week", "month", "quarter", "year")] == [
        "2025-04-28",
        "2025-W18",
        "2025-04",
        "2025-Q2",
        "2025",
    ]


def test_pair_timelines_equal_one_query_per_pair(store: Store) -> None:
    frames = store.pair_timelines(
        [("IRN", "AZE")], by="month", start=dt.date(2023, 1, 1), end=dt.date(2025, 6, 30)
    )
    one = store.relations("AZE", "IRN", by="month", start=dt.date(2023, 1, 1), end=dt.date(2025, 6, 30))
    both = frames[("AZE", "IRN")]
    assert list(both["period_label"]) == list(one["period_label"])
    for col in ("events", "goldstein_sum", "q4_material_conflict", "ab_events", "ba_events"):
        assert [float(x) for x in both[col]] == [float(x) for x in one[col]], col
    assert store.pair_timelines([], by="month") == {}
