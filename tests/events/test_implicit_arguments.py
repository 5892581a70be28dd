"""Arguments the text leaves implicit, and purpose clauses that are no second event.

Home targets (a domestic affair falls on the source's own state), agentless arrests,
attacks whose subject is the attack itself, stated readiness as intent, and the
demand a protest is held for.  Sentences are written for these tests.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from detente import events
from detente.model import Analysis, Event, ParsedDocument

from .helpers import with_actors

Parse = Callable[..., ParsedDocument]
Code = Callable[..., list[Event]]
Triple = tuple[str | None, str | None, str]


@pytest.fixture(scope="module")
def lexicon() -> events.EventLexicon:
    return events.load(events.EventsConfig())


@pytest.fixture
def code(parse: Parse, lexicon: events.EventLexicon) -> Code:
    def _code(text: str, *marks: tuple[str, str]) -> list[Event]:
        (out,) = events.run(
            [with_actors(parse(text), *marks)], config=events.EventsConfig(), resources=lexicon
        )
        assert isinstance(out, Analysis)
        return list(out.events)

    return _code


def roots(evs: list[Event]) -> set[Triple]:
    return {
        (e.source.actor.code if e.source else None, e.target.actor.code if e.target else None, e.cameo_root)
        for e in evs
    }


# --- home targets -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mark", "expected"),
    [
        # a refusal, a protest, an act of coercion in a sentence naming one country
        (
            "The Kenyan vice-president declined to resign on Tuesday despite mounting pressure.",
            ("Kenyan vice-president", "KENGOV"),
            ("KENGOV", "KENCVL", "12"),
        ),
        (
            "Hundreds of Zimbabwean teachers marched through the streets on Monday over unpaid wages.",
            ("Zimbabwean teachers", "ZWEEDU"),
            ("ZWEEDU", "ZWEGOV", "14"),
        ),
        (
            "Bolivian authorities declared a state of emergency after days of road blockades.",
            ("Bolivian authorities", "BOLGOV"),
            ("BOLGOV", "BOLCVL", "17"),
        ),
        # the police use force at home
        (
            "Kenyan police opened fire on stone-throwing demonstrators on Wednesday.",
            ("Kenyan police", "KENCOP"),
            ("KENCOP", "KENCVL", "19"),
        ),
    ],
)
def test_a_domestic_act_falls_on_the_source_state(
    code: Code, text: str, mark: tuple[str, str], expected: Triple
) -> None:
    assert expected in roots(code(text, mark))


def test_no_home_target_when_another_country_is_named(code: Code) -> None:
    got = roots(
        code(
            "Kenya's vice-president declined to resign on Tuesday, Ugandan media reported.",
            ("Kenya's vice-president", "KENGOV"),
            ("Ugandan media", "UGAMED"),
        )
    )
    assert ("KENGOV", None, "12") in got


def test_an_army_firing_at_an_unnamed_target_is_not_domestic(code: Code) -> None:
    got = roots(code("Nigerian troops opened fire near the town on Sunday.", ("Nigerian troops", "NGAMIL")))
    assert got == {("NGAMIL", None, "19")}


def test_a_show_of_force_is_not_aimed_at_home(code: Code) -> None:
    got = roots(code("The Iranian navy began large-scale drills on Saturday.", ("Iranian navy", "IRNMIL")))
    assert all(t is None for _, t, _ in got)


# --- a protest's purpose ----------------------------------------------------------


def test_the_demand_a_protest_is_held_for_is_the_protest(code: Code) -> None:
    got = roots(
        code(
            "Thousands of Kenyan students staged protests to demand lower fees from the government.",
            ("Kenyan students", "KENEDU"),
            ("government", "KENGOV"),
        )
    )
    assert {r for _, _, r in got} == {"14"}


def test_a_demand_on_its_own_stays_a_demand(code: Code) -> None:
    got = roots(
        code(
            "Kenyan students demanded lower tuition fees from the government on Monday.",
            ("Kenyan students", "KENEDU"),
            ("government", "KENGOV"),
        )
    )
    assert ("KENEDU", "KENGOV", "10") in got


# --- stated readiness -------------------------------------------------------------


def test_readiness_to_cooperate_is_an_intent(code: Code) -> None:
    evs = code(
        "Armenia said it is ready to withdraw its troops from the disputed villages.",
        ("Armenia", "ARM"),
        ("troops", "ARMMIL"),
    )
    assert [(e.cameo, e.plover, e.hypothetical, e.future) for e in evs] == [("035", "AGREE", False, True)]


def test_readiness_to_attack_is_a_threat(code: Code) -> None:
    evs = code("Officials said Russia is prepared to attack Ukraine.", ("Russia", "RUS"), ("Ukraine", "UKR"))
    assert [(e.cameo[:2], e.plover) for e in evs] == [("13", "THREATEN")]


def test_would_be_willing_stays_hypothetical(code: Code) -> None:
    evs = code(
        "Serbia would be willing to release the Albanian prisoners under a wider deal.",
        ("Serbia", "SRB"),
        ("Albanian", "ALB"),
    )
    assert evs and all(e.hypothetical for e in evs)


# --- attacks whose subject is the attack ----------------------------------------------


def test_an_attack_noun_as_subject_leaves_the_source_unknown(code: Code) -> None:
    got = roots(
        code("A roadside bombing killed three Afghan soldiers on Monday.", ("Afghan soldiers", "AFGMIL"))
    )
    assert got == {(None, "AFGMIL", "19")}


def test_an_accident_as_subject_is_no_attack(code: Code) -> None:
    assert (
        code("An explosion at a chemical plant killed three Chinese workers.", ("Chinese workers", "CHNLAB"))
        == []
    )


# --- agentless arrests ------------------------------------------------------------------


def test_arrests_reported_by_the_police_are_made_by_them(code: Code) -> None:
    evs = code("About 40 people were arrested in the old city on Sunday, police said.", ("police", "INDCOP"))
    assert roots(evs) == {("INDCOP", "CVL", "17")}
    assert evs[0].cameo == "173" and evs[0].target is not None and evs[0].target.text == "About 40 people"


def test_an_agentless_arrest_without_any_actor_is_still_coded(code: Code) -> None:
    evs = code("Five activists of the party were detained today as they tried to enter the town.")
    assert [(e.source, e.target.actor.code if e.target else None, e.cameo) for e in evs] == [
        (None, "CVL", "173")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Large quantities of weapons were seized in the raid.",  # no arrest verb
        "The former minister was charged with corruption on Friday.",  # charging needs a named party
        "Hundreds of arrests were made overnight.",  # the subject is no one held
    ],
)
def test_no_agentless_arrest(code: Code, text: str) -> None:
    assert code(text) == []


# --- firing -------------------------------------------------------------------------------


def test_firing_on_people_is_force_and_firing_a_minister_is_not(code: Code) -> None:
    assert ("COP", None, "19") in roots(
        code("Police fired on a crowd of protesters in the capital.", ("Police", "COP"))
    )
    fired = code(
        "The Ukrainian government fired its defence minister on Friday.", ("Ukrainian government", "UKRGOV")
    )
    assert all(e.cameo_root != "19" for e in fired)


def test_cross_border_firing_names_its_source(code: Code) -> None:
    got = roots(
        code(
            "Three villagers were wounded in cross-border firing by Pakistani troops.",
            ("Pakistani troops", "PAKMIL"),
        )
    )
    assert ("PAKMIL", None, "19") in got


def test_a_place_of_the_source_state_gives_way_to_the_home_target(code: Code) -> None:
    # the town is an actor of the source's own country: not a self-event, a domestic one
    got = roots(
        code(
            "The Peruvian government declared a state of emergency in Puno after weeks of unrest.",
            ("Peruvian government", "PERGOV"),
            ("Puno", "PER"),
        )
    )
    assert ("PERGOV", "PERCVL", "17") in got


# --- lexicon entries added with these rules -----------------------------------------------


def test_suspending_an_aid_program_is_cutting_aid(code: Code) -> None:
    got = code(
        "Japan suspended part of its economic aid program for Myanmar after the coup.",
        ("Japan", "JPN"),
        ("Myanmar", "MMR"),
    )
    assert [(e.cameo, e.plover) for e in got] == [("162", "SANCTION")]
    assert roots(got) == {("JPN", "MMR", "16")}


def test_allowing_a_party_to_take_part_is_yielding_to_it(code: Code) -> None:
    got = code(
        "The Egyptian government allowed the Muslim Brotherhood to hold a rally in Cairo.",
        ("Egyptian government", "EGYGOV"),
        ("Muslim Brotherhood", "EGYOPP"),
    )
    assert [(e.cameo, e.plover) for e in got] == [("080", "CONCEDE")]
    # "allowed" with no such complement is no event
    assert (
        code("Kenya allowed Somali refugees to stay.", ("Kenya", "KEN"), ("Somali refugees", "SOMREF")) == []
    )


def test_relaxing_a_curfew_is_a_concession_to_the_home_population(code: Code) -> None:
    got = roots(
        code(
            "Sri Lankan authorities relaxed the curfew in Colombo on Thursday.",
            ("Sri Lankan authorities", "LKAGOV"),
            ("Colombo", "LKA"),
        )
    )
    assert got == {("LKAGOV", "LKACVL", "08")}
