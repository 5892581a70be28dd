"""Session-2 recognition rules on parsed sentences: dates of plans, deadlines, coordinated days.

Each sentence is written for the test; the publication date is Wednesday 30 April 2025.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from detente import time
from detente.model import Analysis, ParsedDocument, TimeMention

WED = dt.date(2025, 4, 30)
THU = dt.date(2025, 5, 1)


@pytest.fixture(scope="module")
def find(parse: Callable[..., ParsedDocument]) -> Callable[..., dict[str, TimeMention]]:
    config = time.TimeConfig()
    resources = time.load(config)

    def _find(text: str, published: dt.date | None = WED) -> dict[str, TimeMention]:
        (out,) = time.run([Analysis(parse(text, published=published))], config=config, resources=resources)
        return {m.text: m for m in out.times}

    return _find


Finder = Callable[..., dict[str, TimeMention]]


def test_planned_event_on_a_weekday_lies_ahead(find: Finder) -> None:
    found = find("Opposition groups planned a large march through the capital on Saturday.")
    assert found["Saturday"].value == "2025-05-03"


def test_scheduled_news_conference_lies_ahead(find: Finder) -> None:
    found = find("The prosecutor has scheduled a news conference Friday to announce the charges.")
    assert found["Friday"].value == "2025-05-02"


def test_fronted_weekday_dates_the_planning(find: Finder) -> None:
    found = find("On Monday, the government planned to pay the first claims.")
    assert found["Monday"].value == "2025-04-28"


def test_postponed_until_a_weekday_lies_ahead(find: Finder) -> None:
    found = find("Officials postponed until Tuesday any decision on the deportation.", published=THU)
    assert found["Tuesday"].value == "2025-05-06"


def test_past_perfect_deadline_stays_past(find: Finder) -> None:
    found = find("The offer had been due to expire Friday evening.", published=dt.date(2025, 5, 5))
    assert found["Friday evening"].value == "2025-05-02TEV"


def test_effective_date_lies_ahead(find: Finder) -> None:
    found = find(
        "The board created a new office of the chairman, effective Feb. 1.", published=dt.date(2025, 10, 26)
    )
    assert found["Feb. 1"].value == "2026-02-01"


def test_agreement_to_act_looks_ahead(find: Finder) -> None:
    found = find(
        "The lender signed an agreement to acquire the regional bank in January.",
        published=dt.date(2025, 11, 2),
    )
    assert found["January"].value == "2026-01"


def test_could_not_be_reached_is_past(find: Finder) -> None:
    found = find("The minister could not be reached Tuesday for comment.")
    assert found["Tuesday"].value == "2025-04-29"


def test_could_still_looks_ahead(find: Finder) -> None:
    found = find("The ministers could meet as soon as Friday.")
    assert found["Friday"].value == "2025-05-02"


def test_coordinated_bare_day_shares_the_month(find: Finder) -> None:
    found = find("The summit will be held in Geneva on June 24 and 25.")
    assert found["June 24"].value == "2025-06-24"
    assert found["25"].value == "2025-06-25" and found["25"].type == "DATE"


def test_coordinated_number_that_counts_is_not_a_day(find: Finder) -> None:
    found = find("On April 12 and 14 soldiers were wounded.")
    assert "14" not in found


def test_year_end_and_full_year_are_found(find: Finder) -> None:
    found = find(
        "The company expects to complete the sale by year-end and forecast higher profit for the full year."
    )
    assert found["year-end"].value == "2025" and found["year-end"].modifier == "END"
    assert found["the full year"].value == "2025"


def test_daily_rally_is_a_set(find: Finder) -> None:
    found = find("Thousands joined what has become a daily rally outside the embassy.")
    assert found["daily"].type == "SET" and found["daily"].value == "P1D"


def test_quarterly_dividend_is_not_a_time(find: Finder) -> None:
    found = find("The company raised its quarterly dividend to 20 cents a share.")
    assert "quarterly" not in found


def test_period_a_year_ago_follows_the_story_quarter(find: Finder) -> None:
    found = find(
        "Net income rose in the third quarter. For the quarter a year ago, the bank earned $2 million.",
        published=dt.date(2025, 10, 28),
    )
    assert found["the quarter a year ago"].value == "2024-Q3"
