"""Schema checks: a bad dictionary fails with E201 and the file:line of the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.actors import ActorsConfig, load
from detente.errors import InputError, ReferenceDataError


def _write(tmp_path: Path, body: str) -> str:
    path = tmp_path / "extra.v1.yaml"
    path.write_text(body, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        (
            "_source: t\ncountries:\n  - iso3: ARN\n    name: Arnor\n    names: [Arnor]\n"
            "  - iso3: arnor\n    name: X\n    names: [X]\n",
            6,
            "ISO 3166-1",
        ),
        (
            "_source: t\norganisations:\n  - name: Fellowship\n    code: IGOFEL\n    sector: FOO\n"
            "    patterns: [Fellowship]\n",
            3,
            "unknown sector",
        ),
        (
            "_source: t\npeople:\n  - name: Aragorn\n    country: ARN\n    variants: [Aragorn]\n"
            "    roles:\n      - {office: King, sector: GOV, start: 2020-01-01, end: 2019-01-01}\n",
            7,
            "before start",
        ),
        (
            "_source: t\ncountries:\n  - iso3: ARN\n    name: Arnor\n    names: [Arnor]\n    colour: blue\n",
            3,
            "unknown key 'colour'",
        ),
        (
            "_source: t\ncountries:\n  - iso3: ARN\n    name: Arnor\n    name: Arnor2\n    names: [Arnor]\n",
            5,
            "duplicate key",
        ),
        ("countries: []\n", 1, "missing required key '_source'"),
        ("_source: t\ncountries:\n  - iso3: ARN\n    names: [Arnor\n", 5, "not valid YAML"),
        (
            "_source: t\ncountries:\n  - iso3: XIR\n    name: Iran2\n    names: [Iran]\n",
            3,
            "already names IRN",
        ),
        ("_source: t\nstandalone: [hobbits]\n", 1, "in no sector list"),
        (
            "_source: t\npeople:\n  - name: Aragorn\n    country: ARN\n    variants: []\n    roles: []\n",
            3,
            "missing required key",
        ),
    ],
)
def test_bad_extra_file_reports_file_and_line(tmp_path: Path, body: str, line: int, words: str) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(ReferenceDataError) as info:
        load(ActorsConfig(extra_files=(path,)))
    message = str(info.value)
    assert info.value.code == "E201"
    assert f"{path}:{line}:" in message, message
    assert words in message


def test_good_extra_file_adds_actors(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "_source: test\ncountries:\n  - iso3: ARN\n    name: Arnor\n    names: [Arnor]\n"
        "    demonyms: [Arnorian]\n    capitals: [Fornost]\n"
        "actors:\n  - {name: Gondor, code: GON, country: GON, patterns: [Gondor]}\n",
    )
    lex = load(ActorsConfig(extra_files=(path,)))
    assert lex.lookup("Arnorian").code == "ARN"  # type: ignore[union-attr]
    assert lex.lookup("Fornost").country == "ARN"  # type: ignore[union-attr]
    assert lex.lookup("Gondor").code == "GON"  # type: ignore[union-attr]


def test_missing_extra_file(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load(ActorsConfig(extra_files=(str(tmp_path / "nope.yaml"),)))
