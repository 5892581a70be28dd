"""Refusals said with a negated verb, de-escalation codes, restated demands, the
content of a demand, and talks travelled to.  Sentences are written for these tests.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from detente.errors import ReferenceDataError
from detente.events.codes import parse_code_table
from detente.events.lexicon import parse_lexicon
from detente.model import Analysis, Event

Analyse = Callable[..., Analysis]
Coded = tuple[str | None, str | None, str]


def coded(analyse: Analyse, text: str) -> list[Event]:
    return list(analyse(text).events)


def triples(evs: list[Event]) -> set[Coded]:
    return {
        (e.source.actor.country if e.source else None, e.target.actor.country if e.target else None, e.cameo)
        for e in evs
    }


# --- refusals: "will not accept", "did not allow", "never complied" -------------------


def test_negated_accept_is_a_rejection_not_a_negated_concession(analyse: Analyse) -> None:
    (e,) = coded(analyse, "Jordan said it will not accept any more Syrian refugees.")
    assert e.plover == "REJECT" and e.cameo == "120"
    assert e.source is not None and e.source.actor.country == "JOR"
    assert not e.negated and e.future  # the refusal is the event; "will" keeps its flag


def test_negated_accept_of_conditions_is_a_refusal_to_yield(analyse: Analyse) -> None:
    evs = coded(analyse, "Turkey did not accept the European Union's conditions.")
    assert [(e.cameo, e.negated) for e in evs] == [("124", False)]


def test_negated_allow_and_comply(analyse: Analyse) -> None:
    evs = coded(analyse, "Iraq did not allow United Nations inspectors into the site.")
    assert [(e.plover, e.source and e.source.actor.country) for e in evs] == [("REJECT", "IRQ")]
    evs = coded(analyse, "Serbia has never complied with the ruling.")
    assert [(e.cameo, e.negated) for e in evs] == [("128", False)]


def test_plain_accept_and_accepting_a_claim(analyse: Analyse) -> None:
    # the affirmative verb keeps its own code; a negated "accept that ..." is an
    # opinion about a claim, not the refusal of anything
    assert triples(coded(analyse, "Iran accepted Russia's proposal.")) == {("IRN", "RUS", "080")}
    assert coded(analyse, "Russia does not accept that NATO is a defensive alliance.") == []


def test_refusal_key_is_validated() -> None:
    codes = parse_code_table(
        "code,name,quad_class,goldstein,plover,plover_mode\n12,Reject,3,-4.0,REJECT,\n120,Reject,3,-4.0,REJECT,\n",
        path="c.csv",
    )
    good = '_source: "t"\nverbs:\n  - {verb: accept, negated: true, code: "120"}\n'
    (p,), _, _ = parse_lexicon(good, path="t.yaml", codes=codes)
    assert p.negated and p.specificity == 3
    bad = '_source: "t"\nverbs:\n  - {verb: accept, negated: "yes", code: "120"}\n'
    with pytest.raises(ReferenceDataError, match=r"t\.yaml:3"):
        parse_lexicon(bad, path="t.yaml", codes=codes)


# --- de-escalation and withdrawals --------------------------------------------------


def test_lifting_a_blockade_is_military_de_escalation(analyse: Analyse) -> None:
    assert triples(coded(analyse, "Israel eased the blockade of Gaza on Monday.")) == {("ISR", "PSE", "0872")}
    # an administrative ban stays a concession (081)
    assert triples(coded(analyse, "Azerbaijan lifted the ban on Armenian imports.")) == {
        ("AZE", "ARM", "081")
    }


def test_withdrawing_monitors_or_aid_workers_is_a_sanction(analyse: Analyse) -> None:
    evs = coded(analyse, "The OSCE withdrew its observers from Georgia on Tuesday.")
    assert [(e.cameo, e.plover, e.target and e.target.actor.country) for e in evs] == [
        ("1662", "SANCTION", "GEO")
    ]
    assert {e.cameo for e in coded(analyse, "The Red Cross withdrew its aid workers from Syria.")} == {"1663"}
    # troops still retreat
    assert {e.cameo for e in coded(analyse, "Russia withdrew its troops from Georgia.")} == {"0874"}
    # announced, it is a threat (CAMEO 13), as other announced sanctions are
    evs = coded(analyse, "The United Nations said it will withdraw its inspectors from Iraq.")
    assert [(e.plover, e.target and e.target.actor.country) for e in evs] == [("THREATEN", "IRQ")]


# --- restated demands and the content of a demand ------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The European Union repeated its demand that Serbia recognize Kosovo.",
            ("SRB", "100"),
        ),
        (
            "The ILO reiterated its demand on Monday that Israel ease restrictions on Palestinian workers.",
            ("ISR", "100"),
        ),
        ("Iran issued a demand that the United States lift sanctions.", ("USA", "100")),
        ("Armenia reiterated its appeal to the United Nations for humanitarian aid.", (None, "020")),
    ],
)
def test_restated_demand_is_the_event_and_its_content_is_not(
    analyse: Analyse, text: str, expected: tuple[str | None, str]
) -> None:
    evs = coded(analyse, text)
    assert len(evs) == 1, [(e.cameo, e.trigger.text) for e in evs]
    (e,) = evs
    assert e.plover == "REQUEST" and e.cameo == expected[1]
    if expected[0] is not None:
        assert e.target is not None and e.target.actor.country == expected[0]


def test_restated_ultimatum_and_phone_call_keep_their_codes(analyse: Analyse) -> None:
    assert {e.cameo for e in coded(analyse, "Baku issued an ultimatum to Yerevan.")} == {"139"}


def test_what_a_demand_asks_back_is_not_a_fact(analyse: Analyse) -> None:
    evs = coded(
        analyse,
        "Algerian farmers began a hunger strike to demand the return of land seized by the army in 1975.",
    )
    assert {e.plover for e in evs} == {"PROTEST"}


def test_relative_clause_on_an_object_stays_a_fact(analyse: Analyse) -> None:
    evs = coded(analyse, "Israel condemned Hezbollah, which attacked an Israeli patrol on Sunday.")
    assert any(e.plover == "ASSAULT" for e in evs)


# --- "returned to Geneva for talks" -----------------------------------------------------


def test_travellers_for_talks_hold_them(analyse: Analyse) -> None:
    evs = coded(
        analyse, "U.S. and Iranian negotiators returned to Vienna on Monday for talks on the nuclear deal."
    )
    assert triples(evs) == {("USA", "IRN", "040"), ("IRN", "USA", "040")}
    evs = coded(analyse, "Armenia and Azerbaijan sat down for negotiations in Washington.")
    assert {(e.source and e.source.actor.country, e.plover) for e in evs} == {
        ("ARM", "CONSULT"),
        ("AZE", "CONSULT"),
    }
    # travel for something that is no event gives nothing
    assert coded(analyse, "Refugees arrived in Greece for medical treatment.") == []


# --- more coverage: embassies, strikes, removed sanctions, commitments, persons ----------


def test_opening_an_embassy_is_diplomatic_cooperation(analyse: Analyse) -> None:
    assert triples(coded(analyse, "Israel opened an embassy in Abu Dhabi on Monday.")) == {
        ("ISR", "ARE", "050")
    }


def test_going_on_strike_and_removing_sanctions(analyse: Analyse) -> None:
    assert {e.cameo for e in coded(analyse, "Serbian dock workers went on strike on Monday.")} == {"143"}
    assert triples(coded(analyse, "Washington removed the sanctions on Belarus.")) == {("USA", "BLR", "085")}
    # the sanctions are what would be removed, not a sanction imposed today
    assert coded(analyse, "US officials said removing the sanctions on Burma is out of the question.") == []


def test_committed_to_a_gerund(analyse: Analyse) -> None:
    assert triples(coded(analyse, "Turkey is committed to withdrawing its troops from Syria.")) == {
        ("TUR", "SYR", "030")
    }
    assert triples(coded(analyse, "Russia has committed to releasing the Ukrainian prisoners.")) == {
        ("RUS", "UKR", "030")
    }


def test_a_private_person_is_not_his_state(analyse: Analyse) -> None:
    evs = coded(
        analyse, "An Iranian court ordered former president Mahmoud Ahmadinejad to appear for questioning."
    )
    assert [
        (e.source and e.source.actor.code, e.target and e.target.actor.country, e.plover) for e in evs
    ] == [("IRNJUD", "IRN", "REQUEST")]
    # a state organ and its own country still are one actor
    assert coded(analyse, "The Iranian government ordered Iran to stop.") == []


def test_hosting_needs_a_guest(analyse: Analyse) -> None:
    assert triples(coded(analyse, "Aliyev hosted Pashinyan in Baku.")) == {("AZE", "ARM", "043")}
    # a host of a lunch or a conference names no partner: no dyadic event
    assert coded(analyse, "Azerbaijan hosted the climate summit in November.") == []
