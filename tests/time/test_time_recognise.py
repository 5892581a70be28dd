"""Recognition on parsed sentences (needs the spaCy model through the ``parse`` fixture)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from detente import time
from detente.model import Analysis, ParsedDocument, TimeMention

WED = dt.date(2025, 4, 30)


@pytest.fixture(scope="module")
def find(parse: Callable[..., ParsedDocument]) -> Callable[..., tuple[TimeMention, ...]]:
    config = time.TimeConfig()
    resources = time.load(config)

    def _find(text: str, published: dt.date | None = WED) -> tuple[TimeMention, ...]:
        (out,) = time.run([Analysis(parse(text, published=published))], config=config, resources=resources)
        return out.times

    return _find


def _by_text(mentions: tuple[TimeMention, ...]) -> dict[str, TimeMention]:
    return {m.text: m for m in mentions}


def test_past_tense_monday_regression(find: Callable[..., tuple[TimeMention, ...]]) -> None:
    (monday,) = find("The two foreign ministers held talks in the capital on Monday.")
    assert monday.text == "Monday"  # TimeML extent: the preposition stays outside
    assert monday.value == "2025-04-28"
    assert monday.date == "2025-04-28" and monday.precision == "day"


def test_future_tense_monday_looks_ahead(find: Callable[..., tuple[TimeMention, ...]]) -> None:
    (monday,) = find("The delegations will meet again on Monday.")
    assert monday.value == "2025-05-05"


def test_scheduled_infinitive_looks_ahead(find: Callable[..., tuple[TimeMention, ...]]) -> None:
    (friday,) = find("The envoy is expected to arrive in the port city on Friday.")
    assert friday.value == "2025-05-02"


def test_mixed_expressions_are_found_and_normalised(
    find: Callable[..., tuple[TimeMention, ...]],
) -> None:
    text = (
        "Relations between the neighbours soured in early 2023. "
        "Their navies held joint exercises in December 2024. "
        "The border has been tense for decades, and talks recently resumed. "
        "Officials now expect a deal soon."
    )
    found = _by_text(find(text))
    assert found["early 2023"].value == "2023" and found["early 2023"].modifier == "EARLY"
    assert found["December 2024"].value == "2024-12"
    assert found["decades"].type == "DURATION" and found["decades"].value == "PXDE"
    assert found["recently"].value == "PAST_REF"
    assert found["now"].value == "PRESENT_REF"
    assert found["soon"].value == "FUTURE_REF"
    starts = [m.start for m in find(text)]
    assert starts == sorted(starts)


def test_offsets_and_sentence_indices(find: Callable[..., tuple[TimeMention, ...]]) -> None:
    text = "Nothing happened. Two ministers spoke by phone yesterday."
    (mention,) = find(text)
    assert text[mention.start : mention.end] == mention.text == "yesterday"
    assert mention.sent == 1 and mention.value == "2025-04-29"


def test_event_anchored_expression_has_no_value(
    find: Callable[..., tuple[TimeMention, ...]],
) -> None:
    (days,) = find("Two days after the explosion, police detained three suspects.")
    assert days.text == "Two days"
    assert (days.type, days.value) == ("DURATION", "P2D")  # TimeML's value; the date is unknown
    assert days.date is None
    assert days.anchor == "after the explosion"


def test_numbers_and_verbs_are_not_dates(find: Callable[..., tuple[TimeMention, ...]]) -> None:
    text = "About 1500 troops may march to the border as prices fall."
    assert find(text) == ()


def test_adjectives_are_not_sets(find: Callable[..., tuple[TimeMention, ...]]) -> None:
    found = _by_text(find("The company raised its quarterly dividend and reports results daily."))
    assert "quarterly" not in found
    assert found["daily"].type == "SET"


def test_no_publication_date(find: Callable[..., tuple[TimeMention, ...]]) -> None:
    found = _by_text(find("They met on 3 March 2024 and again yesterday.", published=None))
    assert found["3 March 2024"].value == "2024-03-03"
    assert found["yesterday"].value is None


def test_durations_and_ages(find: Callable[..., tuple[TimeMention, ...]]) -> None:
    found = _by_text(find("A 45-year-old man said the past two years were hard."))
    assert found["the past two years"].value == "P2Y"
    assert not any("old" in t for t in found)


def test_period_ended_and_its_last_day_are_two_expressions(
    find: Callable[..., tuple[TimeMention, ...]],
) -> None:
    found = _by_text(find("Net income rose 5% for the quarter ended March 31, the company said."))
    assert found["the quarter"].value == "2025-Q1"
    assert found["March 31"].value == "2025-03-31"


def test_fractions_are_not_durations(find: Callable[..., tuple[TimeMention, ...]]) -> None:
    assert not find("Nearly three-quarters of the troops stayed behind.")


def test_possessive_weekday_is_a_day_past(find: Callable[..., tuple[TimeMention, ...]]) -> None:
    found = _by_text(find("The bonds were priced at a premium over Friday's closing price."))
    assert found["Friday"].value == "2025-04-25"


def test_current_as_a_time_adjective(find: Callable[..., tuple[TimeMention, ...]]) -> None:
    found = _by_text(find("Builders delayed the project because of current market conditions."))
    assert found["current"].value == "PRESENT_REF"
    assert not find("The country ran a deficit on its current account.")
