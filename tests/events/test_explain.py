"""``events.explain``: every candidate trigger with what the coder did with it."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from detente import events
from detente.events.assemble import REASONS
from detente.model import ParsedDocument

from .helpers import with_actors

Parse = Callable[..., ParsedDocument]


@pytest.fixture(scope="module")
def lexicon() -> events.EventLexicon:
    return events.load(events.EventsConfig())


def _explain(
    parse: Parse,
    lexicon: events.EventLexicon,
    text: str,
    *marks: tuple[str, str],
    config: events.EventsConfig | None = None,
) -> dict[str, events.Explanation]:
    analysis = with_actors(parse(text), *marks)
    out = events.explain(analysis, config=config or events.EventsConfig(), resources=lexicon)
    return {x.trigger.text: x for x in out}


def test_emitted_and_absorbed(parse: Parse, lexicon: events.EventLexicon) -> None:
    got = _explain(
        parse,
        lexicon,
        "Baku accused Tehran of attacking its embassy.",
        ("Baku", "AZEGOV"),
        ("Tehran", "IRNGOV"),
    )
    assert (
        got["accused"].reason == "emitted" and got["accused"].events == 1 and got["accused"].cameo == "1123"
    )
    assert got["attacking"].reason == "attitude_content" and "accused" in got["attacking"].detail
    assert got["accused"].pattern and got["accused"].pattern.startswith(
        "detente/events/data/cameo_verbs.v1.yaml:"
    )


def test_no_actor_and_no_actor_sentence(parse: Parse, lexicon: events.EventLexicon) -> None:
    got = _explain(
        parse, lexicon, "Gunmen attacked the convoy. Iran praised Israel.", ("Iran", "IRN"), ("Israel", "ISR")
    )
    assert got["attacked"].reason == "no_actors_in_sentence"
    assert got["praised"].reason == "emitted"
    got = _explain(parse, lexicon, "Gunmen attacked the convoy near Baku.", ("Baku", "AZE"))
    assert got["attacked"].reason == "no_actor" and "subj" in got["attacked"].detail


def test_self_event_partner_and_threshold(parse: Parse, lexicon: events.EventLexicon) -> None:
    assert _explain(parse, lexicon, "Iran praised Iran.", ("Iran", "IRN"), ("Iran", "IRN", 1))[
        "praised"
    ].reason in ("self_event", "no_target")
    assert (
        _explain(parse, lexicon, "Aliyev met reporters.", ("Aliyev", "AZEGOV"))["met"].reason == "no_partner"
    )
    strict = events.EventsConfig(min_confidence=0.95)
    x = _explain(
        parse, lexicon, "Israel attacked Hamas.", ("Israel", "ISR"), ("Hamas", "PSEREB"), config=strict
    )
    assert x["attacked"].reason == "below_min_confidence" and "<" in x["attacked"].detail


def test_pattern_constraints_are_named(parse: Parse, lexicon: events.EventLexicon) -> None:
    got = _explain(parse, lexicon, "Iran signed the guest book in Baku.", ("Iran", "IRN"), ("Baku", "AZE"))
    assert got["signed"].reason == "no_pattern" and "agreement" in got["signed"].detail


def test_json_lines_and_text_form(parse: Parse, lexicon: events.EventLexicon) -> None:
    got = _explain(parse, lexicon, "Israel attacked Hamas.", ("Israel", "ISR"), ("Hamas", "PSEREB"))
    record = got["attacked"].to_dict()
    assert json.loads(json.dumps(record))["outcome"] == "emitted"
    assert set(record) >= {"doc_id", "sentence", "trigger", "reason", "message", "detail", "cameo", "pattern"}
    assert "[emitted]" in got["attacked"].line()
    assert all(x.reason in REASONS for x in got.values())
