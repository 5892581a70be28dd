"""The coder on real parses, with actor mentions attached by hand (tests/events/helpers.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from detente import events
from detente.model import Analysis, Event, ParsedDocument

from .helpers import with_actors

Parse = Callable[..., ParsedDocument]


@pytest.fixture(scope="module")
def lexicon() -> events.EventLexicon:
    return events.load(events.EventsConfig())


@pytest.fixture
def code(parse: Parse, lexicon: events.EventLexicon) -> Callable[..., list[Event]]:
    def _code(text: str, *marks: tuple[str, str], config: events.EventsConfig | None = None) -> list[Event]:
        analysis = with_actors(parse(text), *marks)
        (out,) = events.run([analysis], config=config or events.EventsConfig(), resources=lexicon)
        assert isinstance(out, Analysis)
        return list(out.events)

    return _code


def pairs(evs: list[Event]) -> set[tuple[str | None, str | None, str]]:
    return {
        (
            e.source.actor.code if e.source else None,
            e.target.actor.code if e.target else None,
            e.cameo,
        )
        for e in evs
    }


def test_active_verb_with_object(code: Callable[..., list[Event]]) -> None:
    evs = code(
        "Russian troops shelled Ukrainian positions.", ("Russian troops", "RUSMIL"), ("Ukrainian", "UKR")
    )
    assert pairs(evs) == {("RUSMIL", "UKR", "194")}
    (e,) = evs
    assert e.cameo_root == "19" and e.quad_class == 4 and e.goldstein == -10.0 and e.plover == "ASSAULT"
    assert e.trigger.text == "shelled"
    assert e.evidence == "Russian troops shelled Ukrainian positions."
    assert not (e.negated or e.future or e.hypothetical)
    assert e.date is None and e.location is None and not e.historical


def test_trigger_offsets_are_document_offsets(code: Callable[..., list[Event]]) -> None:
    text = "Nothing happened. Israel attacked Hamas."
    (e,) = code(text, ("Israel", "ISR"), ("Hamas", "PSEREB"))
    assert text[e.trigger.start : e.trigger.end] == e.trigger.text == "attacked"
    assert e.sentence == 1 and e.evidence == "Israel attacked Hamas."


def test_passive_with_agent(code: Callable[..., list[Event]]) -> None:
    evs = code("Azerbaijan was attacked by Armenia.", ("Azerbaijan", "AZE"), ("Armenia", "ARM"))
    assert pairs(evs) == {("ARM", "AZE", "190")}


def test_prepositional_target(code: Callable[..., list[Event]]) -> None:
    evs = code(
        "The United States imposed sanctions on Iran.", ("The United States", "USAGOV"), ("Iran", "IRN")
    )
    assert pairs(evs) == {("USAGOV", "IRN", "163")}
    assert evs[0].trigger.text == "imposed sanctions"


def test_possessive_nominal_event(code: Callable[..., list[Event]]) -> None:
    evs = code(
        "Iran's expulsion of Azerbaijani diplomats angered Baku.",
        ("Iran", "IRN"),
        ("Azerbaijani", "AZE"),
        ("Baku", "AZEGOV"),
    )
    assert ("IRN", "AZE", "161") in pairs(evs)
    assert all(e.cameo != "161" or e.plover_mode == "expel" for e in evs)


def test_nominal_event_with_target_only(code: Callable[..., list[Event]]) -> None:
    evs = code("Relations soured after an armed attack on Azerbaijan's embassy.", ("Azerbaijan", "AZE"))
    assert pairs(evs) == {(None, "AZE", "190")}
    assert evs[0].confidence < 0.5  # weaker than a full verbal event


def test_compound_subject_gives_one_event_per_actor(code: Callable[..., list[Event]]) -> None:
    evs = code(
        "Britain and France condemned Russia.", ("Britain", "GBR"), ("France", "FRA"), ("Russia", "RUS")
    )
    assert pairs(evs) == {("GBR", "RUS", "111"), ("FRA", "RUS", "111")}


def test_symmetric_talks(code: Callable[..., list[Event]]) -> None:
    text = (
        "Azerbaijani President Ilham Aliyev and Iranian President Masoud Pezeshkian"
        " held talks in Baku on Monday."
    )
    evs = code(
        text,
        ("Azerbaijani President Ilham Aliyev", "AZEGOV"),
        ("Iranian President Masoud Pezeshkian", "IRNGOV"),
        ("Baku", "AZE"),
    )
    assert pairs(evs) == {("AZEGOV", "IRNGOV", "040"), ("IRNGOV", "AZEGOV", "040")}
    assert {e.trigger.text for e in evs} == {"held talks"}
    one_way = code(
        text,
        ("Azerbaijani President Ilham Aliyev", "AZEGOV"),
        ("Iranian President Masoud Pezeshkian", "IRNGOV"),
        config=events.EventsConfig(symmetric_consult=False),
    )
    assert len(one_way) == 1


def test_talks_with_and_locative_is_not_target(code: Callable[..., list[Event]]) -> None:
    evs = code(
        "Aliyev held talks with Pezeshkian in Tehran.",
        ("Aliyev", "AZEGOV"),
        ("Pezeshkian", "IRNGOV"),
        ("Tehran", "IRN"),
    )
    assert pairs(evs) == {("AZEGOV", "IRNGOV", "040")}
    evs = code("Aliyev met reporters in Tehran.", ("Aliyev", "AZEGOV"), ("Tehran", "IRN"))
    assert evs == []


def test_joint_drills_are_material_cooperation_both_ways(code: Callable[..., list[Event]]) -> None:
    evs = code(
        "Iran and Azerbaijan conducted joint naval drills in the Caspian Sea.",
        ("Iran", "IRN"),
        ("Azerbaijan", "AZE"),
    )
    assert pairs(evs) == {("IRN", "AZE", "062"), ("AZE", "IRN", "062")}
    assert all(e.plover == "COOPERATE" and e.quad_class == 2 for e in evs)


def test_drills_by_one_side_are_a_show_of_force(code: Callable[..., list[Event]]) -> None:
    evs = code(
        "Iran held military drills near the border with Azerbaijan.", ("Iran", "IRN"), ("Azerbaijan", "AZE")
    )
    assert pairs(evs) == {("IRN", "AZE", "150")}  # aimed across the border


def test_negation(code: Callable[..., list[Event]]) -> None:
    (e,) = code("Russia did not attack Ukraine.", ("Russia", "RUS"), ("Ukraine", "UKR"))
    assert e.negated and not e.hypothetical
    (e,) = code(
        "There were no talks between Armenia and Azerbaijan.", ("Armenia", "ARM"), ("Azerbaijan", "AZE")
    )[:1]
    assert e.negated


def test_refused_to_is_reject_not_negation(code: Callable[..., list[Event]]) -> None:
    evs = code("Iran refused to release the British sailors.", ("Iran", "IRN"), ("British", "GBR"))
    assert pairs(evs) == {("IRN", "GBR", "124")}
    assert not evs[0].negated and evs[0].plover == "REJECT"


def test_future(code: Callable[..., list[Event]]) -> None:
    # an announced meeting is an intention to meet (CAMEO 036, PLOVER AGREE)
    (e,) = code("Putin will meet Erdogan next week.", ("Putin", "RUSGOV"), ("Erdogan", "TURGOV"))
    assert e.future and e.cameo == "036" and e.plover == "AGREE" and not e.hypothetical
    # a promise of aid is an intention to give it
    (e,) = code("Finland will give Kenya a grant of 20 million euros.", ("Finland", "FIN"), ("Kenya", "KEN"))
    assert e.future and e.cameo_root == "03" and e.plover == "AGREE"
    (e,) = code(
        "Armenian Prime Minister Nikol Pashinyan plans to visit Moscow.",
        ("Armenian Prime Minister Nikol Pashinyan", "ARMGOV"),
        ("Moscow", "RUSGOV"),
    )
    assert e.future and e.cameo == "042"


def test_future_as_cameo_intent_when_asked(code: Callable[..., list[Event]]) -> None:
    cfg = events.EventsConfig(intent_codes=True)
    (e,) = code("Putin will meet Erdogan.", ("Putin", "RUSGOV"), ("Erdogan", "TURGOV"), config=cfg)
    assert e.cameo == "036" and e.plover == "AGREE" and e.future
    (e,) = code(
        "Palestinian leaders said they would boycott Israel.",
        ("Palestinian leaders", "PSEGOV"),
        ("Israel", "ISR"),
        config=cfg,
    )
    assert e.cameo_root == "13" and e.future and not e.hypothetical


def test_hypothetical_fear(code: Callable[..., list[Event]]) -> None:
    evs = code(
        "Iran fears Israel could use Azerbaijani territory to attack it.",
        ("Iran", "IRN"),
        ("Israel", "ISR"),
        ("Azerbaijani", "AZE"),
    )
    attacks = [e for e in evs if e.cameo_root in ("18", "19")]
    assert attacks and all(e.hypothetical for e in attacks)


def test_conditional_is_hypothetical(code: Callable[..., list[Event]]) -> None:
    (e,) = code("If talks fail, Russia may invade Ukraine.", ("Russia", "RUS"), ("Ukraine", "UKR"))
    assert e.hypothetical and e.cameo == "190"


def test_threat_codes_the_threat_not_the_act(code: Callable[..., list[Event]]) -> None:
    evs = code("Iran threatened to strike Israel.", ("Iran", "IRN"), ("Israel", "ISR"))
    assert pairs(evs) == {("IRN", "ISR", "138")}


def test_accuse_of(code: Callable[..., list[Event]]) -> None:
    evs = code("Baku accused Tehran of harbouring militants.", ("Baku", "AZEGOV"), ("Tehran", "IRNGOV"))
    assert pairs(evs) == {("AZEGOV", "IRNGOV", "112")}
    evs = code("Baku accused Tehran of attacking its embassy.", ("Baku", "AZEGOV"), ("Tehran", "IRNGOV"))
    assert pairs(evs) == {("AZEGOV", "IRNGOV", "1123")}  # the alleged attack is not a second event


def test_xcomp_chain_keeps_the_subject(code: Callable[..., list[Event]]) -> None:
    evs = code("Iran decided to expel two Azerbaijani diplomats.", ("Iran", "IRN"), ("Azerbaijani", "AZE"))
    assert pairs(evs) == {("IRN", "AZE", "161")}


def test_reported_speech_pronoun_is_the_speaker(code: Callable[..., list[Event]]) -> None:
    evs = code(
        "Switzerland said it had expelled two Russian diplomats.", ("Switzerland", "CHE"), ("Russian", "RUS")
    )
    assert pairs(evs) == {("CHE", "RUS", "161")}


def test_relative_clause_subject(code: Callable[..., list[Event]]) -> None:
    evs = code(
        "Officials blamed Hezbollah, which attacked Israel on Sunday.",
        ("Hezbollah", "LBNREB"),
        ("Israel", "ISR"),
    )
    assert ("LBNREB", "ISR", "190") in pairs(evs)


def test_reciprocal_expulsion(code: Callable[..., list[Event]]) -> None:
    evs = code("Azerbaijan and Iran expelled each other's diplomats.", ("Azerbaijan", "AZE"), ("Iran", "IRN"))
    assert pairs(evs) == {("AZE", "IRN", "161"), ("IRN", "AZE", "161")}


def test_non_events(code: Callable[..., list[Event]]) -> None:
    assert code("A storm hit Baku.", ("Baku", "AZE")) == []
    assert code("Tensions between Iran and Azerbaijan rose.", ("Iran", "IRN"), ("Azerbaijan", "AZE")) == []
    assert (
        code("Relations between Iran and Azerbaijan are complex.", ("Iran", "IRN"), ("Azerbaijan", "AZE"))
        == []
    )
    assert (
        code(
            "An explosion killed three people.",
        )
        == []
    )


def test_no_self_events_but_internal_conflict_allowed(code: Callable[..., list[Event]]) -> None:
    assert code("Iran praised Iran.", ("Iran", "IRN"), ("Iran", "IRN", 1)) == []
    evs = code(
        "Government forces attacked the rebels.", ("Government forces", "SYRMIL"), ("the rebels", "SYRREB")
    )
    assert pairs(evs) == {("SYRMIL", "SYRREB", "190")}


def test_confidence_ranges_and_filter(code: Callable[..., list[Event]]) -> None:
    text = "Israel attacked Hamas. Relations soured after an attack on Azerbaijan's embassy."
    marks = (("Israel", "ISR"), ("Hamas", "PSEREB"), ("Azerbaijan", "AZE"))
    evs = code(text, *marks)
    assert len(evs) == 2 and all(0.0 < e.confidence <= 1.0 for e in evs)
    strong = code(text, *marks, config=events.EventsConfig(min_confidence=0.6))
    assert [e.trigger.text for e in strong] == ["attacked"]


def test_to_dict_matches_contract_fields(code: Callable[..., list[Event]]) -> None:
    (e,) = code("Israel attacked Hamas.", ("Israel", "ISR"), ("Hamas", "PSEREB"))
    d = e.to_dict()
    assert d["cameo"] == "190" and d["cameo_root"] == "19" and d["source"]["code"] == "ISR"
    assert d["trigger"] == {"text": "attacked", "start": 7, "end": 15}


def test_full_pipeline_with_actors_stage(analyse: Callable[..., Analysis]) -> None:
    result = analyse(
        "Azerbaijani President Ilham Aliyev met Iranian President Masoud Pezeshkian in Baku on Monday."
    )
    if not result.actors:
        pytest.skip("actors stage not available")
    countries = {
        (e.source.actor.country, e.target.actor.country, e.cameo)
        for e in result.events
        if e.source and e.target
    }
    assert ("AZE", "IRN", "040") in countries
    assert all(e.trigger.text == "met" for e in result.events)
