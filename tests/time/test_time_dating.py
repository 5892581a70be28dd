"""Event dating on hand-built events over parsed sentences."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

import pytest

from detente import time
from detente.model import Analysis, Document, Event, ParsedDocument, Sentence, Span

WED = dt.date(2025, 4, 30)
CONFIG = time.TimeConfig()


def _event(parsed: ParsedDocument, trigger: str, *, occurrence: int = 0) -> Event:
    text = parsed.document.text
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(trigger, start + 1)
    sent = next(s for s in parsed.sentences if s.start <= start < s.end)
    return Event(
        doc_id=parsed.document.id,
        sentence=sent.index,
        evidence=sent.text,
        trigger=Span(trigger, start, start + len(trigger)),
        source=None,
        target=None,
        cameo="040",
        cameo_root="04",
        plover="CONSULT",
        quad_class=1,
        goldstein=1.0,
    )


@pytest.fixture(scope="module")
def dated(
    parse: Callable[..., ParsedDocument],
) -> Callable[..., Event]:
    resources = time.load(CONFIG)

    def _dated(
        text: str,
        trigger: str,
        *,
        published: dt.date | None = WED,
        config: time.TimeConfig = CONFIG,
        **fields: object,
    ) -> Event:
        parsed = parse(text, published=published)
        (analysis,) = time.run([Analysis(parsed)], config=config, resources=resources)
        event = replace(_event(parsed, trigger), **fields)  # type: ignore[arg-type]
        analysis = replace(analysis, events=(event,))
        (out,) = time.date_events([analysis], config=config, resources=None)
        return out.events[0]

    return _dated


def test_monday_in_past_report_dates_the_event(dated: Callable[..., Event]) -> None:
    event = dated("The two presidents held talks in Baku on Monday.", "held")
    assert event.date == "2025-04-28"
    assert event.date_precision == "day"
    assert event.date_text == "on Monday"
    assert event.date_basis == "text"
    assert not event.historical and not event.future


def test_background_year_is_historical(dated: Callable[..., Event]) -> None:
    event = dated("Relations soured in early 2023 after an attack on the embassy.", "soured")
    assert event.date == "2023" and event.date_precision == "year"
    assert event.historical is True
    assert event.date_text == "in early 2023"


def test_month_precision_and_historical_threshold(dated: Callable[..., Event]) -> None:
    text = "The navies held joint drills in the Caspian Sea in December 2024."
    assert dated(text, "held").historical is True
    lenient = time.TimeConfig(historical_days=200)
    event = dated(text, "held", config=lenient)
    assert event.date == "2024-12" and event.historical is False


def test_future_week_sets_future(dated: Callable[..., Event]) -> None:
    event = dated("The ministers will sign the accord next week.", "sign")
    assert event.date == "2025-05-05" and event.date_precision == "week"
    assert event.future is True and event.historical is False


def test_existing_future_flag_is_kept(dated: Callable[..., Event]) -> None:
    event = dated("Iran condemned the strike.", "condemned", future=True)
    assert event.future is True


def test_date_of_saying_bounds_what_was_said(dated: Callable[..., Event]) -> None:
    # Monday dates the saying; what was said happened by then: the best date the text gives
    text = "The minister said on Monday that rebels attacked the convoy."
    attacked = dated(text, "attacked")
    assert attacked.date == "2025-04-28" and attacked.date_basis == "text"
    said = dated(text, "said")
    assert said.date == "2025-04-28" and said.date_basis == "text"


def test_expression_of_another_clause_is_not_used(dated: Callable[..., Event]) -> None:
    text = "The soldiers, who arrived in March 2024, withdrew from the town on Friday."
    event = dated(text, "withdrew")
    assert event.date == "2025-04-25"


def test_no_time_words_fall_back_to_publication(dated: Callable[..., Event]) -> None:
    event = dated("Iran condemned the strike.", "condemned")
    assert event.date == "2025-04-30"
    assert event.date_precision == "day"
    assert event.date_text is None
    assert event.date_basis == "publication"
    assert event.confidence == pytest.approx(0.5)


def test_event_relative_words_without_anchor_date_stay_unknown(dated: Callable[..., Event]) -> None:
    event = dated("Two days after the explosion, police detained three suspects.", "detained")
    assert event.date is None and event.date_basis is None  # never silently the publication date
    assert event.date_text == "Two days"
    assert event.confidence < 0.5


def test_without_publication_date_nothing_is_invented(dated: Callable[..., Event]) -> None:
    event = dated("Iran condemned the strike.", "condemned", published=None)
    assert event.date is None and event.date_basis is None
    dated_event = dated("Iran condemned the strike on 3 March 2024.", "condemned", published=None)
    assert dated_event.date == "2024-03-03" and dated_event.date_basis == "text"


def test_dating_needs_no_spacy_for_documents_without_times() -> None:
    doc = Document(id="d", text="Talks.", published=WED)
    parsed = ParsedDocument(doc, tokens=(), sentences=(Sentence(0, 0, 6, 0, 0, "Talks."),))
    event = _event(parsed, "Talks")
    (out,) = time.date_events([Analysis(parsed, events=(event,))], config=CONFIG)
    assert out.events[0].date == "2025-04-30"
    assert out.events[0].date_basis == "publication"


def test_config_rejects_unknown_weekday_rule() -> None:
    with pytest.raises(ValueError, match="weekday_rule"):
        time.TimeConfig(weekday_rule="sometimes")
