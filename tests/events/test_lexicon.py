"""The pattern lexicon: schema check with file:line, coverage, extension files."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente import events
from detente.errors import InputError, ReferenceDataError
from detente.events.lexicon import build_lexicon


@pytest.fixture(scope="module")
def lexicon() -> events.EventLexicon:
    return events.load(events.EventsConfig())


def test_every_root_has_several_patterns(lexicon: events.EventLexicon) -> None:
    per_root: dict[str, int] = {}
    for index in (lexicon.verbs, lexicon.nouns):
        for patterns in index.values():
            for p in patterns:
                per_root[p.code[:2]] = per_root.get(p.code[:2], 0) + 1
    for root in [f"{n:02d}" for n in range(1, 21)]:
        assert per_root.get(root, 0) >= 2, root


def test_patterns_are_ordered_most_specific_first(lexicon: events.EventLexicon) -> None:
    sign = lexicon.verbs["expel"]
    assert sign[0].objects and not sign[-1].objects
    assert sign[-1].code == "166"


def test_lexicon_is_immutable(lexicon: events.EventLexicon) -> None:
    with pytest.raises(TypeError):
        lexicon.verbs["new"] = ()  # type: ignore[index]


def _lex(body: str) -> events.EventLexicon:
    codes = events.load(events.EventsConfig()).codes
    return build_lexicon([("mine.yaml", '_source: "test"\n' + body)], codes=codes)


@pytest.mark.parametrize(
    ("body", "line", "problem"),
    [
        ('verbs:\n  - {verb: attack, code: "190"}\n  - {verb: hug, code: "999"}\n', 4, "code"),
        ("verbs:\n  - {verb: attack, code: 190}\n", 3, "code"),
        ('verbs:\n  - {verb: attack, code: "190", colour: red}\n', 3, "unknown key"),
        ('verbs:\n  - {verb: attack, code: "190", target: [nowhere]}\n', 3, "unknown slot"),
        ('verbs:\n  - {verb: attack, code: "190", symmetric: "yes"}\n', 3, "true or false"),
        ('nouns:\n\n  - {noun: big attack, code: "190"}\n', 4, "bad trigger"),
        ('verbs:\n  - {code: "190"}\n', 3, "missing 'verb'"),
        ("verbs: [unclosed\n", 3, "invalid YAML"),
    ],
)
def test_bad_entries_report_file_and_line(body: str, line: int, problem: str) -> None:
    with pytest.raises(ReferenceDataError) as err:
        _lex(body)
    assert f"mine.yaml:{line}:" in str(err.value)
    assert problem in str(err.value)


def test_missing_source_note_is_an_error() -> None:
    codes = events.load(events.EventsConfig()).codes
    with pytest.raises(ReferenceDataError, match="_source"):
        build_lexicon([("x.yaml", 'verbs:\n  - {verb: attack, code: "190"}\n')], codes=codes)


def test_extra_verb_file_adds_patterns(tmp_path: Path) -> None:
    extra = tmp_path / "extra.v1.yaml"
    extra.write_text(
        '_source: "test"\nverbs:\n  - {verb: snub, code: "110", target: [dobj]}\n',
        encoding="utf-8",
    )
    lex = events.load(events.EventsConfig(extra_verb_files=(str(extra),)))
    assert lex.verbs["snub"][0].code == "110"
    assert lex.verbs["snub"][0].origin.endswith("extra.v1.yaml:3")


def test_missing_extra_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        events.load(events.EventsConfig(extra_verb_files=(str(tmp_path / "nope.yaml"),)))
