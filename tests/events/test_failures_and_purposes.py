"""No agreement reached, peacekeepers arriving, intrusions into a party's systems,
divided communities, and the target a mobilization is for.  Sentences are written for
these tests.
"""

from __future__ import annotations

from collections.abc import Callable

from detente.model import Analysis, Event

Analyse = Callable[..., Analysis]
Coded = tuple[str | None, str | None, str]


def triples(evs: tuple[Event, ...]) -> set[Coded]:
    return {
        (e.source.actor.country if e.source else None, e.target.actor.country if e.target else None, e.cameo)
        for e in evs
    }


def test_failing_to_reach_an_agreement_is_a_rejection_both_ways(analyse: Analyse) -> None:
    evs = analyse("Kenya and Somalia failed to reach an agreement on their maritime border on Friday.").events
    assert triples(evs) == {("KEN", "SOM", "120"), ("SOM", "KEN", "120")}
    assert all(e.plover == "REJECT" and not e.negated for e in evs)


def test_not_reaching_a_deal_is_a_rejection_and_reaching_one_stays_an_agreement(analyse: Analyse) -> None:
    missed = analyse("Turkey and Armenia did not reach a deal on their border dispute.").events
    assert {e.cameo for e in missed} == {"120"}
    reached = analyse("Turkey and Armenia reached a deal on their border dispute.").events
    assert {e.cameo for e in reached} == {"057"} and not any(e.negated for e in reached)


def test_peacekeepers_arriving_in_a_country_are_peacekeeping(analyse: Analyse) -> None:
    (e,) = analyse("Kenyan peacekeepers have arrived in Somalia, the African Union said.").events
    assert (e.cameo, e.plover) == ("074", "AID")
    assert e.target is not None and e.target.actor.country == "SOM"


def test_a_leader_arriving_is_still_a_visit(analyse: Analyse) -> None:
    (e,) = analyse("The Kenyan president arrived in Somalia on Friday.").events
    assert e.cameo == "042"


def test_hacking_into_computers_targets_their_owners(analyse: Analyse) -> None:
    evs = analyse("Chinese hackers hacked into the email accounts of Indian diplomats.").events
    assert ("CHN", "IND", "170") in triples(evs)


def test_two_communities_of_a_country_do_not_make_it_a_third_party(analyse: Analyse) -> None:
    evs = analyse(
        "The Armenian and Azerbaijani communities of Georgia have agreed to share information "
        "on missing persons."
    ).events
    assert triples(evs) == {("ARM", "AZE", "030"), ("AZE", "ARM", "030")}


def test_a_mobilization_is_aimed_at_whom_the_war_it_is_for_is_against(analyse: Analyse) -> None:
    evs = analyse("Germany mobilized reserve units for a possible war against Russia.").events
    assert ("DEU", "RUS", "154") in triples(evs)
