"""Coding conventions a user can choose: dictionaries that override the packaged
one, stacked CAMEO codes, a role for former office holders, leading role words,
names that stand for several actors; and shared roles over compound states."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from detente.actors import ActorEntry, ActorLexicon, ActorsConfig, Grammar, SectorWord, run
from detente.actors.codes import stack_code, stacked
from detente.model import Actor, Analysis, ParsedDocument

Parse = Callable[..., ParsedDocument]


def _codes(parse: Parse, lexicon: ActorLexicon, text: str) -> list[tuple[str, str]]:
    parsed = parse(text, published=dt.date(2025, 4, 30))
    (out,) = run([Analysis(parsed=parsed)], config=ActorsConfig(), resources=lexicon)
    return [(m.text, m.actor.code) for m in out.actors]


# -- codes.py: pure rules ----------------------------------------------------------
def test_stack_code_appends_each_role_once() -> None:
    assert stack_code("ARM", ["MIL", "VET"]) == "ARMMILVET"
    assert stack_code("USAGOV", ["GOV"]) == "USAGOV"  # "White House officials"
    assert stack_code("USAGOV", ["ELI"]) == "USAGOVELI"
    assert stack_code("ARM", ["GOVMED"]) == "ARMGOVMED"


def test_stacked_actor_and_its_stem() -> None:
    state = Actor("Armenia", "ARM", "ARM", None, "Q399", "state")
    words = [SectorWord("veterans", "VET", False), SectorWord("media", "MED", False)]
    actor, stem = stacked(state, words, former=False, former_sector=None, is_body=False)
    assert (actor.code, actor.sector, actor.wikidata, stem) == ("ARMVETMED", "MED", None, "ARMVET")
    officials = [SectorWord("officials", None, False)]
    assert stacked(state, officials, former=False, former_sector=None, is_body=False)[0].code == "ARMGOV"
    body = Actor("White House", "USAGOV", "USA", "GOV", None, "organisation")
    assert stacked(body, officials, former=False, former_sector=None, is_body=True)[0].code == "USAGOV"
    assert stacked(body, officials, former=True, former_sector="ELI", is_body=True)[0].code == "USAGOVELI"
    assert stacked(state, words, former=True, former_sector=None, is_body=False)[0].code == "ARM"


# -- lexicon: override ------------------------------------------------------------
def _kuwait() -> ActorEntry:
    return ActorEntry("Kuwait", "KUW", "KUW", None, ("Kuwait",))


def test_added_entries_join_by_default_and_win_with_override(lexicon: ActorLexicon) -> None:
    joined = lexicon.extended([_kuwait()])
    assert {e.code for e in joined.entries_for("Kuwait")} == {"KWT", "KUW"}
    won = lexicon.extended([_kuwait()], override=True)
    assert [e.code for e in won.entries_for("Kuwait")] == ["KUW"]
    assert won.lookup("Kuwait") == Actor("Kuwait", "KUW", "KUW", None, None, "state")
    assert won.lookup("KWT") is not None  # the packaged entry keeps its code
    assert won.places is lexicon.places


def test_an_added_sector_word_overrides_a_packaged_name(lexicon: ActorLexicon) -> None:
    assert lexicon.entries_for("MSF")
    word = SectorWord("msf", "NGO", False, before=True)
    won = lexicon.extended([], override=True, grammar=Grammar(sector_words=(word,)))
    assert not won.entries_for("MSF")
    assert any(w.text == "msf" for w in won.grammar.sector_words)
    assert any(w.text == "police" for w in won.grammar.sector_words)  # merged, not replaced


def test_replace_sectors_swaps_the_role_vocabulary(lexicon: ActorLexicon) -> None:
    word = SectorWord("wardens", "AGR", False)
    only = lexicon.extended([], grammar=Grammar(sector_words=(word,)), replace_sectors=True)
    assert only.grammar.sector_words == (word,)
    assert only.grammar.former == lexicon.grammar.former  # the rest of the grammar stays


# -- the matcher, on spaCy parses -------------------------------------------------
def test_two_roles_share_compound_states(parse: Parse, lexicon: ActorLexicon) -> None:
    got = _codes(parse, lexicon, "Lawmakers and officials in Armenia and Georgia welcomed the deal.")
    assert {code for _, code in got} == {"ARMLEG", "GEOLEG", "ARMGOV", "GEOGOV"}


def test_former_officials_keep_only_a_country_by_default(parse: Parse, lexicon: ActorLexicon) -> None:
    assert _codes(parse, lexicon, "Former Armenian officials criticised the plan.") == [
        ("Armenian officials", "ARM")
    ]


def test_former_sector_makes_elites(parse: Parse, lexicon: ActorLexicon) -> None:
    eli = lexicon.extended([], grammar=Grammar(former_sector="ELI"))
    assert _codes(parse, eli, "Former Armenian officials criticised the plan.") == [
        ("Armenian officials", "ARMELI")
    ]
    got = _codes(parse, eli, "Former President Joe Biden spoke in Paris.")
    assert got[0] == ("President Joe Biden", "USAELI")


@pytest.mark.parametrize(
    ("stack", "expected"),
    [(False, "ARMVET"), (True, "ARMMILVET")],
)
def test_head_role_or_stacked_roles(parse: Parse, lexicon: ActorLexicon, stack: bool, expected: str) -> None:
    grammar = Grammar(sector_words=(SectorWord("veterans", "VET", False),), stack_codes=stack)
    lex = lexicon.extended([], grammar=grammar)
    got = _codes(parse, lex, "Armenian coast guard veterans protested on Monday.")
    assert got == [("Armenian coast guard veterans", expected)]


def test_stacked_second_head_keeps_the_shared_modifier(parse: Parse, lexicon: ActorLexicon) -> None:
    grammar = Grammar(sector_words=(SectorWord("veterans", "VET", False),), stack_codes=True)
    lex = lexicon.extended([], grammar=grammar)
    got = _codes(parse, lex, "The Georgian veterans media and government criticised the plan.")
    assert [code for _, code in got] == ["GEOVETMED", "GEOVETGOV"]


def test_a_leading_role_word_goes_before_the_state(parse: Parse, lexicon: ActorLexicon) -> None:
    word = SectorWord("caritas", "NGO", False, before=True)
    lex = lexicon.extended([], override=True, grammar=Grammar(sector_words=(word,)))
    got = _codes(parse, lex, "Caritas Armenia distributed food on Monday.")
    assert got == [("Caritas Armenia", "NGOARM")]


def test_a_joint_name_is_a_mention_of_each_actor(parse: Parse, lexicon: ActorLexicon) -> None:
    joint = [ActorEntry("Benelux", c, c, None, ("Benelux",), joint=True) for c in ("BEL", "NLD", "LUX")]
    got = _codes(parse, lexicon.extended(joint), "Benelux welcomed the decision by Germany.")
    assert got == [("Benelux", "BEL"), ("Benelux", "NLD"), ("Benelux", "LUX"), ("Germany", "DEU")]
    single = [ActorEntry("Benelux", c, c, None, ("Benelux",)) for c in ("BEL", "NLD")]
    got = _codes(parse, lexicon.extended(single), "Benelux welcomed the decision by Germany.")
    assert [code for _, code in got].count("BEL") + [code for _, code in got].count("NLD") == 1


def test_underscores_join_words_of_pretokenised_text(parse: Parse, lexicon: ActorLexicon) -> None:
    assert _codes(parse, lexicon, "Saudi_Arabia condemned the attack.") == [("Saudi_Arabia", "SAU")]
