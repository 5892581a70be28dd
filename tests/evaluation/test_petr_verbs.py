"""PETRARCH-format verb dictionary: reading, conversion to detente patterns, and
coding with the converted patterns.  Every dictionary line here is made up."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from detente.errors import ReferenceDataError
from detente.evaluation import petr_verbs, petrarch
from detente.evaluation.petr_verbs import (
    code_table_additions,
    parse_verbs,
    read_pattern,
    regular_forms,
    split_code,
    to_patterns,
)
from detente.model import Analysis, Document

VERBS = """\
<!-- A MADE-UP VERB LIST
     for the tests -->
&COINS_
+CROWNS
+GOLD_DUCATS

&NOPE  # negative auxiliaries, as a tokenizer splits them
+DID N'T
+WILL NOT

&MONEYWORDS
+&COINS
+FLORINS

--- SALUTE  [041] ---
SALUTE   # plain
+HAIL_UPON [042]
- * &COINS [071]
- &NOPE * [111]
- * FRIENDSHIP_PACT WITH + [057]
- + WAS_ * BY $ [043]
- SAID * [---]
- RECENTLY_* [046]

--- TOUR  [042:043] ---
TOUR {TOURED}

--- GREET [---] ---
GREET
- * WARMLY [050]
- * ODDLY [+++]

--- SPEAK [010] ---
SPEAK

--- SPOKE [060] ---
SPOKE

--- PRAISE  [051] ---
PRAISE
- * &MONEYWORDS [072]

--- SAID [023] ---
SAID
"""

ACTORS = """\
ZORBAVIA [ZRB]
+ZORBAVIAN
FREEDONIA [FRE]
KLAUSMANN [ZRB]  # a person known only by the state
OSTRIA [OST]
"""

AGENTS = """\
PRESIDENT [~GOV]
"""


@pytest.fixture(scope="module")
def dictionary() -> petr_verbs.PetrVerbDictionary:
    return parse_verbs(VERBS, path="made-up-verbs.txt")


def test_synsets_blocks_and_verbs(dictionary: petr_verbs.PetrVerbDictionary) -> None:
    assert dictionary.synsets["&COINS"] == ("CROWNS", "GOLD DUCATS")  # trailing "_" dropped
    assert dictionary.synsets["&MONEYWORDS"] == ("CROWNS", "GOLD DUCATS", "FLORINS")  # nested
    heads = [(b.head, b.code) for b in dictionary.blocks]
    assert heads == [
        ("SALUTE", "041"),
        ("TOUR", "042:043"),
        ("GREET", "---"),
        ("SPEAK", "010"),
        ("SPOKE", "060"),
        ("PRAISE", "051"),
        ("SAID", "023"),
    ]
    salute = dictionary.blocks[0]
    assert [(v.words, v.main, v.code) for v in salute.verbs] == [
        (("SALUTE",), 0, None),
        (("HAIL", "UPON"), 0, "042"),
    ]
    assert dictionary.blocks[1].verbs[0].forms == ("TOURED",)
    pats = {p.code: p for p in salute.patterns}
    assert pats["043"].before == ("+", "WAS_") and pats["043"].after == ("BY", "$")
    assert pats["057"].after == ("FRIENDSHIP_PACT", "WITH", "+")  # "_" keeps words adjacent
    assert pats["043"].line == 21


def test_codes_pairs_and_null_codes() -> None:
    assert split_code("042:043") == ("042", "043")
    assert split_code("031:031") == ("031", "031")
    assert split_code("064") == ("064", None)
    assert split_code("174K") == ("174K", None)
    assert split_code("025?") == ("025", None)
    for null in ("---", "+++", "def", "###"):
        assert split_code(null) is None


def test_regular_forms_as_a_word_order_coder_makes_them() -> None:
    assert regular_forms("DECIDE") == ("decide", "decides", "decided", "deciding")
    assert regular_forms("ALLY") == ("ally", "allies", "allied", "allying")
    assert regular_forms("PUSH") == ("push", "pushes", "pushed", "pushing")
    assert regular_forms("VISIT") == ("visit", "visits", "visited", "visiting")


def test_pattern_readings(dictionary: petr_verbs.PetrVerbDictionary) -> None:
    pats = {p.code: p for p in dictionary.blocks[0].patterns}
    money = read_pattern(pats["071"], dictionary.synsets)
    assert isinstance(money, list)
    assert [r.after for r in money] == [("crowns",), ("gold ducats",)]
    negated = read_pattern(pats["111"], dictionary.synsets)
    assert isinstance(negated, list)
    assert [r.before for r in negated] == [("did n't",), ("will not",)]
    passive = read_pattern(pats["043"], dictionary.synsets)
    assert isinstance(passive, list)
    # "+ WAS *": the written subject of a passive is detente's object slot
    assert passive[0].target == ("dobj",) and passive[0].source == ("prep:by", "object:prep:by")
    pact = read_pattern(pats["057"], dictionary.synsets)
    assert isinstance(pact, list)
    assert pact[0].after == ("friendship pact", "with") and pact[0].target[:2] == (
        "prep:with",
        "object:prep:with",
    )


def test_conversion_to_detente_patterns(dictionary: petr_verbs.PetrVerbDictionary) -> None:
    conv = to_patterns(dictionary, path="made-up-verbs.txt")
    # null codes: GREET's plain verb and its "+++" pattern, SAID * [---] once per verb
    # of SALUTE's block
    assert conv.skipped == {"null_code": 4}
    by_lemma: dict[str, list[Any]] = {}
    for p in conv.patterns:
        by_lemma.setdefault(p.lemma, []).append(p)
    assert {p.code for p in by_lemma["salute"]} == {"041", "071", "111", "057", "043", "046"}
    (recent,) = [p for p in by_lemma["salute"] if p.code == "046"]
    assert recent.before == ("recently *",)  # "_" before "*": next to the verb
    hail = [p for p in by_lemma["hail"] if not p.before and not p.after]
    assert [(p.particle, p.code) for p in hail] == [("upon", "042")]
    (tour,) = by_lemma["tour"]
    assert tour.code == "042" and tour.reverse == "043" and not tour.symmetric
    assert {"tour", "tours", "toured", "touring"} <= set(tour.forms)
    assert [p.code for p in by_lemma["greet"]] == ["050"]
    assert by_lemma["spoke"][0].forms[0] == "spoke"  # a listed form is its own entry
    assert "spoke" not in by_lemma["speak"][0].forms  # regular forms only
    assert all(p.origin.startswith("made-up-verbs.txt:") for p in conv.patterns)


def test_unreadable_lines_name_file_and_line() -> None:
    with pytest.raises(ReferenceDataError, match=r"v\.txt:3: .*one '\*'"):
        parse_verbs("--- WAVE [041] ---\nWAVE\n- NO STAR HERE [010]\n", path="v.txt")
    with pytest.raises(ReferenceDataError, match=r"v\.txt:1: line outside"):
        parse_verbs("WAVE\n", path="v.txt")


def test_code_table_gets_only_unknown_roots() -> None:
    known = {"04": object(), "041": object(), "17": object()}
    extra = code_table_additions(["041", "223", "1717", "903", "0412"], known)
    assert set(extra) == {"223", "903"}  # 1717 and 0412 fall back to roots detente has
    assert extra["223"].quad_class == 4 and extra["223"].plover is None and extra["223"].goldstein == 0.0


# --- coding with the converted dictionary (spaCy) -------------------------------------


@pytest.fixture(scope="module")
def coder(pipeline: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("petr_verbs")
    (folder / petrarch.ACTORS).write_text(ACTORS, encoding="utf-8")
    (folder / petrarch.AGENTS).write_text(AGENTS, encoding="utf-8")
    (folder / petrarch.VERBS).write_text(VERBS, encoding="utf-8")
    made, conversion = petrarch.petrarch_coder(folder, pipeline)
    assert conversion is not None and conversion.patterns
    return made


@pytest.fixture(scope="module")
def codes(coder: Any) -> Callable[[str], set[tuple[str | None, str | None, str]]]:
    def _codes(text: str) -> set[tuple[str | None, str | None, str]]:
        (result,) = list(coder.analyse([Document(id="t", text=text)]))
        assert isinstance(result, Analysis)
        return set(petrarch.predicted_codes(result.events))  # type: ignore[arg-type]

    return _codes


def test_plain_verb_and_pattern_after_the_verb(codes: Callable[[str], set[Any]]) -> None:
    assert codes("Zorbavia saluted Freedonia on Monday.") == {("ZRB", "FRE", "041")}
    assert codes("Zorbavia saluted Freedonia with a gift of gold ducats.") == {("ZRB", "FRE", "071")}
    # the synset member's words must be adjacent: "gold" and "ducats" apart do not match
    assert codes("Zorbavia saluted Freedonia with gold and silver ducats.") == {("ZRB", "FRE", "041")}


def test_words_before_the_verb_select_the_pattern(codes: Callable[[str], set[Any]]) -> None:
    assert codes("Zorbavia didn't salute Freedonia.") == {("ZRB", "FRE", "111")}
    assert codes("Zorbavia will not salute Freedonia.") == {("ZRB", "FRE", "111")}


def test_words_joined_to_the_verb_must_touch_it(codes: Callable[[str], set[Any]]) -> None:
    assert codes("Zorbavia recently saluted Freedonia.") == {("ZRB", "FRE", "046")}
    assert codes("Zorbavia recently did salute Freedonia.") == {("ZRB", "FRE", "041")}


def test_phrase_includes_a_purpose_infinitive_but_not_another_clause(
    codes: Callable[[str], set[Any]],
) -> None:
    assert codes("Zorbavia saluted the envoys on Monday to honour Freedonia.") == {("ZRB", "FRE", "041")}
    assert codes("Zorbavia saluted the envoys after Ostria honoured Freedonia.") == {("ZRB", None, "041")}


def test_passive_pattern_takes_its_actors_from_the_marked_places(codes: Callable[[str], set[Any]]) -> None:
    assert codes("Freedonia was saluted by Zorbavia.") == {("ZRB", "FRE", "043")}


def test_paired_code_gives_the_hosts_side_and_title_gives_the_role(codes: Callable[[str], set[Any]]) -> None:
    # "Zorbavia President Klausmann": the name is known only by its state, the title
    # in front of it says he is its government
    assert codes("Zorbavia President Klausmann toured Freedonia last week.") == {
        ("ZRBGOV", "FRE", "042"),
        ("FRE", "ZRBGOV", "043"),
    }


def test_target_is_the_first_actor_of_the_verb_phrase(codes: Callable[[str], set[Any]]) -> None:
    assert codes("Zorbavia praised the new trade deal with Freedonia.") == {("ZRB", "FRE", "051")}


def test_surface_form_entries_and_null_verbs(codes: Callable[[str], set[Any]]) -> None:
    # "spoke" is SPEAK's lemma but not one of its forms: its own entry codes it
    assert codes("Zorbavia spoke to Freedonia.") == {("ZRB", "FRE", "060")}
    assert codes("Zorbavia speaks to Freedonia.") == {("ZRB", "FRE", "010")}
    assert codes("Zorbavia greeted Freedonia.") == set()  # [---]: the verb alone codes nothing
    assert codes("Zorbavia greeted Freedonia warmly.") == {("ZRB", "FRE", "050")}


def test_reported_speech_does_not_hide_the_reported_event(codes: Callable[[str], set[Any]]) -> None:
    # WEIS 023 is not a CAMEO appeal: both verbs are coded, as PETRARCH codes them
    got = codes("Ostria said Zorbavia saluted Freedonia.")
    assert ("ZRB", "FRE", "041") in got
    assert any(s == "OST" and c == "023" for s, _, c in got)


def test_only_the_dictionaries_actors_are_known(codes: Callable[[str], set[Any]]) -> None:
    # the records test a coder given its dictionaries: a state detente knows but the
    # dictionary does not (France, Berlin) is no actor here
    assert codes("France saluted Freedonia on Monday.") == set()
    assert codes("Zorbavia saluted France on Monday.") == {("ZRB", None, "041")}
    assert codes("Zorbavia saluted the mayor of Berlin.") == {("ZRB", None, "041")}


# --- general coding fixes found on the way (detente's own lexicon) ---------------------


def test_doer_of_a_complement_of_a_passive_is_its_subject(analyse: Callable[..., Analysis]) -> None:
    # "X was reported to have seized Y": X seized, although "reported" has no agent
    events = analyse("Iran was reported to have seized a British tanker.").events
    assert [(e.source and e.source.actor.country, e.target and e.target.actor.country) for e in events] == [
        ("IRN", "GBR")
    ]
