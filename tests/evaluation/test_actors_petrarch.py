"""PETRARCH's conventions at evaluation time, on made-up dictionaries written here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from detente import actors
from detente.actors import ActorLexicon, ActorsConfig, run
from detente.evaluation import actors_petrarch, petrarch
from detente.evaluation.petr_dict import parse_actors, parse_agents
from detente.model import Analysis, ParsedDocument

ACTORS = """\
RURITANIA_  [RUR]
+RURITANIAN
FREEDONIA [FRE]
+KUWAIT
THE_RU [RURGOV]
THE_TWIN_CITIES [RUR/FRE]
GRAND DUKE OTTO
\t[RURGOV 19900101-19991231]
\t[RURELI >19991231]
"""

AGENTS = """\
HARBOUR_MASTER [~GOV]
GOOSE_WARDEN {GOOSE_WARDENS GEESE_WARDENS} [~AGRGSW]
RELIEF_BODY [NGO~]
POLICE {} [~COP]
"""


@pytest.fixture(scope="module")
def lexicon() -> ActorLexicon:
    return actors.load(ActorsConfig())


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("petr")
    (path / petrarch.ACTORS).write_text(ACTORS, encoding="utf-8")
    (path / petrarch.AGENTS).write_text(AGENTS, encoding="utf-8")
    return path


def test_dictionary_entries_conventions() -> None:
    entries = actors_petrarch.dictionary_entries(actors, parse_actors(ACTORS))
    ru = next(e for e in entries if e.code == "RURGOV" and e.start is None)
    assert "the RU" in ru.patterns  # PETRARCH matches case-blind: short words also in capitals
    assert ru.form == "seat"  # a state + agent code names a seat of that state's power
    twins = [e for e in entries if e.name == "The Twin Cities"]
    assert {e.code for e in twins} == {"RUR", "FRE"} and all(e.joint for e in twins)
    otto = [e for e in entries if e.name == "Grand Duke Otto"]
    assert not any(e.joint for e in otto)  # different periods are not a group


def test_agent_grammar_keeps_every_code_and_detente_flags(lexicon: ActorLexicon) -> None:
    grammar = actors_petrarch.agent_grammar(actors, parse_agents(AGENTS), base=lexicon.grammar)
    words = {w.text: w for w in grammar.sector_words}
    assert words["geese wardens"].sector == "AGRGSW"  # not a detente role: kept as PETRARCH codes it
    assert words["relief body"].before and not words["harbour master"].before
    assert words["police"].standalone  # detente's flag for a word it knows
    assert grammar.stack_codes and grammar.former_sector == "ELI"


@pytest.fixture(scope="module")
def petr_lexicon(folder: Path, lexicon: ActorLexicon) -> ActorLexicon:
    return actors_petrarch.petrarch_lexicon(folder, lexicon)


def test_petrarch_lexicon_overrides_and_replaces_roles(petr_lexicon: ActorLexicon) -> None:
    assert [e.code for e in petr_lexicon.entries_for("Kuwait")] == ["FRE"]
    texts = {w.text for w in petr_lexicon.grammar.sector_words}
    assert "harbour master" in texts and "foreign ministry" not in texts


def _codes(parse: Callable[..., ParsedDocument], lexicon: ActorLexicon, text: str) -> list[str]:
    parsed = parse(text, published=dt.date(2005, 3, 1))
    (out,) = run([Analysis(parsed=parsed)], config=ActorsConfig(), resources=lexicon)
    return [m.actor.code for m in out.actors]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ruritania's geese wardens protested against Freedonia.", ["RURAGRGSW", "FRE"]),
        ("Former Ruritanian harbour masters met the Twin Cities.", ["RURELI", "RUR", "FRE"]),
        ("A relief body Ruritania team landed in Freedonia.", ["NGORUR", "FRE"]),
        ("Grand Duke Otto criticised the RU.", ["RURELI", "RURGOV"]),
    ],
)
def test_codes_compose_as_petrarch_does(
    parse: Callable[..., ParsedDocument], petr_lexicon: ActorLexicon, text: str, expected: list[str]
) -> None:
    assert _codes(parse, petr_lexicon, text) == expected


def test_score_counts_a_record_once_every_code_is_found() -> None:
    rec = petrarch.UnitRecord("A-1", "AGENT", None, "x", (("RURGOV", "---COP", "010"),))
    assert actors_petrarch.expected_codes(rec) == {"RURGOV", "COP"}
    result = actors_petrarch.score([rec], {"A-1": ["RURGOV", "COP", "FRE"]})
    assert result.metrics["pass_rate"] == 1.0
    assert actors_petrarch.score([rec], {"A-1": ["RURGOV"]}).metrics["pass_rate"] == 0.0
