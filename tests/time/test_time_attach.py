"""Which expression dates an event: clause, sentence, narrative, saying, publication.

Parsed with the session's spaCy model; events are built by hand on a trigger word,
so the tests exercise the dater alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

import pytest

from detente import time
from detente.model import Analysis, Event, ParsedDocument, Span
from detente.time.attach import anchor_head, document_time, paragraphs

WED = dt.date(2025, 4, 30)  # a Wednesday
CONFIG = time.TimeConfig()


def _event(parsed: ParsedDocument, trigger: str) -> Event:
    start = parsed.document.text.index(trigger)
    sent = next(s for s in parsed.sentences if s.start <= start < s.end)
    return Event(
        doc_id=parsed.document.id, sentence=sent.index, evidence=sent.text,
        trigger=Span(trigger, start, start + len(trigger)), source=None, target=None,
        cameo="040", cameo_root="04", plover="CONSULT", quad_class=1, goldstein=1.0,
    )  # fmt: skip


@pytest.fixture(scope="module")
def dated(parse: Callable[..., ParsedDocument]) -> Callable[..., list[Event]]:
    """Date the events on ``triggers`` of ``text`` published on ``WED``."""
    resources = time.load(CONFIG)

    def _dated(text: str, *triggers: str, published: dt.date | None = WED, **fields: object) -> list[Event]:
        parsed = parse(text, published=published)
        (analysis,) = time.run([Analysis(parsed)], config=CONFIG, resources=resources)
        events = tuple(replace(_event(parsed, t), **fields) for t in triggers)  # type: ignore[arg-type]
        (out,) = time.date_events([replace(analysis, events=events)], config=CONFIG)
        return list(out.events)

    return _dated


# --- multi-clause sentences -------------------------------------------------------------------


def test_each_clause_keeps_its_own_date(dated: Callable[..., list[Event]]) -> None:
    text = "Iran expelled two diplomats on Monday after Azerbaijan closed its embassy in January 2023."
    expelled, closed = dated(text, "expelled", "closed")
    assert (expelled.date, expelled.date_text) == ("2025-04-28", "on Monday")
    assert (closed.date, closed.date_precision) == ("2023-01", "month")
    assert closed.historical and not expelled.historical


def test_relative_clause_date_does_not_date_the_main_clause(dated: Callable[..., list[Event]]) -> None:
    text = "The envoy, who had arrived in March 2024, met the foreign minister on Friday."
    (met,) = dated(text, "met")
    assert met.date == "2025-04-25"


def test_reported_clause_takes_its_own_date_before_the_saying(dated: Callable[..., list[Event]]) -> None:
    text = "The ministry said on Tuesday that troops had shelled the village on Sunday."
    (shelled,) = dated(text, "shelled")
    assert shelled.date == "2025-04-27" and shelled.date_text == "on Sunday"


def test_future_clause_with_date_is_future(dated: Callable[..., list[Event]]) -> None:
    text = "The two sides held talks on Monday and will meet again next month."
    held, meet = dated(
        text,
        "held",
        "meet",
    )
    assert held.date == "2025-04-28" and not held.future
    assert (meet.date, meet.date_precision, meet.future) == ("2025-05", "month", True)


# --- background recaps and the publication-date fallback --------------------------------------


def test_past_perfect_recap_without_date_has_no_date(dated: Callable[..., list[Event]]) -> None:
    (accused,) = dated("Iran had long accused Baku of hosting Israeli spies.", "accused")
    assert accused.date is None and accused.date_basis is None and accused.date_precision is None


def test_simple_past_without_date_is_news_of_the_day(dated: Callable[..., list[Event]]) -> None:
    (condemned,) = dated("Iran condemned the strike.", "condemned")
    assert (condemned.date, condemned.date_basis) == ("2025-04-30", "publication")


def test_announced_event_without_date_has_no_date(dated: Callable[..., list[Event]]) -> None:
    (meet,) = dated("The foreign ministers will meet to discuss the border.", "meet")
    assert meet.date is None and meet.date_basis is None


def test_hypothetical_event_has_no_date(dated: Callable[..., list[Event]]) -> None:
    (attack,) = dated("Tehran fears Israel could attack from Azerbaijani soil.", "attack", hypothetical=True)
    assert attack.date is None


def test_background_year_in_a_noun_phrase_does_not_date_the_event(dated: Callable[..., list[Event]]) -> None:
    text = "Baku expelled four diplomats on Thursday. The ministry cited the 1961 Vienna Convention. Baku accused Iran of provocations."  # noqa: E501
    (accused,) = dated(text, "accused")
    assert accused.date == "2025-04-24"  # the story's Thursday, not 1961


def test_historical_threshold_is_four_weeks(dated: Callable[..., list[Event]]) -> None:
    old, recent = dated(
        "Azerbaijan ordered the envoys out on April 1. It protested on April 5.", "ordered", "protested"
    )
    assert old.historical is True  # ends 29 days before publication
    assert recent.historical is False  # 25 days


# --- narrative time ---------------------------------------------------------------------------


def test_later_sentence_inherits_the_narrative_time(dated: Callable[..., list[Event]]) -> None:
    text = "The ministers met in Tehran on Monday. Lavrov hosted a dinner for the delegations."
    (hosted,) = dated(text, "hosted")
    assert (hosted.date, hosted.date_basis, hosted.date_text) == ("2025-04-28", "text", "on Monday")


def test_narrative_stops_at_a_new_paragraph(dated: Callable[..., list[Event]]) -> None:
    text = "The ministers met in Tehran on Monday.\n\nIran condemned the strike."
    (condemned,) = dated(text, "condemned")
    assert condemned.date_basis == "publication"


def test_story_relative_words_count_from_the_narrative(dated: Callable[..., list[Event]]) -> None:
    text = "Protesters blocked the road on Friday. The next day police cleared the camp."
    (cleared,) = dated(text, "cleared")
    assert cleared.date == "2025-04-26" and cleared.date_text == "The next day"


def test_forecast_does_not_move_the_narrative(dated: Callable[..., list[Event]]) -> None:
    text = "Officials met on Monday and said talks will resume in June. Both sides signed a memorandum."
    (signed,) = dated(text, "signed")
    assert signed.date == "2025-04-28"


# --- anchored to another event ----------------------------------------------------------------


def test_days_after_an_event_dated_in_the_document(dated: Callable[..., list[Event]]) -> None:
    text = "A car bomb explosion hit the market on 3 March 2025. Two days after the explosion, police detained three suspects."  # noqa: E501
    (detained,) = dated(text, "detained")
    assert (detained.date, detained.date_precision, detained.date_basis) == ("2025-03-05", "day", "text")


def test_days_after_an_undated_event_stay_unknown(dated: Callable[..., list[Event]]) -> None:
    (detained,) = dated("Just days after a deadly explosion, police detained three suspects.", "detained")
    assert detained.date is None and detained.date_basis is None


# --- pure helpers -----------------------------------------------------------------------------


def test_anchor_head_is_the_last_word() -> None:
    assert anchor_head("after a deadly explosion") == "explosion"
    assert anchor_head("after") is None


def test_paragraphs_split_on_blank_lines(parse: Callable[..., ParsedDocument]) -> None:
    parsed = parse("One talk. Two talks.\n\nThree talks.", published=WED)
    assert paragraphs(parsed) == [0, 0, 1]
    assert document_time(parsed, ()).narrative == (None, None, None)
