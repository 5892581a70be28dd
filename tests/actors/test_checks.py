"""Cross-file checks: ISO codes, unique ids, one holder per single-seat office."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from detente.actors import ActorsConfig, load, packaged_files
from detente.actors.checks import known_iso3, multi_seat
from detente.errors import ReferenceDataError


def _write(tmp_path: Path, body: str, name: str = "mine.v1.yaml") -> str:
    path = tmp_path / name
    path.write_text("_source: test\n" + body, encoding="utf-8")
    return str(path)


def _error(*paths: str) -> str:
    with pytest.raises(ReferenceDataError) as info:
        load(ActorsConfig(extra_files=paths))
    assert info.value.code == "E201"
    return str(info.value)


def test_overlapping_terms_of_one_office_are_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "people:\n"
        "  - name: Rostam Testpour\n    country: IRN\n    variants: [Rostam Testpour]\n    roles:\n"
        "      - {office: Chief of the Test Council, sector: GOV, start: 2030-01-01, end: 2031-12-31}\n"
        "  - name: Sohrab Testzadeh\n    country: IRN\n    variants: [Sohrab Testzadeh]\n    roles:\n"
        "      - {office: Chief of the Test Council, sector: GOV, start: 2031-06-01, end: null}\n",
    )
    message = _error(path)
    assert f"{path}:12:" in message  # the later term's line
    assert "Sohrab Testzadeh and Rostam Testpour" in message
    assert f"{path}:7)" in message  # ... naming the earlier one
    assert "'chief of the test council' of IRN on 2031-06-01" in message


def test_hand_over_day_and_multi_seat_offices_are_allowed(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "people:\n"
        "  - name: Rostam Testpour\n    country: IRN\n    variants: [Rostam Testpour]\n    roles:\n"
        "      - {office: Chief of the Test Council, sector: GOV, start: 2030-01-01, end: 2031-06-01}\n"
        "      - {office: Member of Parliament, sector: LEG, start: 2032-01-01, end: null}\n"
        "  - name: Sohrab Testzadeh\n    country: IRN\n    variants: [Sohrab Testzadeh]\n    roles:\n"
        "      - {office: Chief of the Test Council, sector: GOV, start: 2031-06-01, end: null}\n"
        "      - {office: Member of Parliament, sector: LEG, start: 2032-01-01, end: null}\n",
    )
    lex = load(ActorsConfig(extra_files=(path,)))
    assert lex.lookup("Sohrab Testzadeh", on=dt.date(2031, 7, 1)).code == "IRNGOV"  # type: ignore[union-attr]


def test_unknown_country_code_is_refused(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "people:\n  - name: Nobody Atall\n    country: XQZ\n    variants: [Nobody Atall]\n    roles:\n"
        "      - {office: President, sector: GOV, start: 2020-01-01, end: null}\n",
    )
    message = _error(path)
    assert f"{path}:7:" in message
    assert "'XQZ' is not an ISO 3166-1 alpha-3 code" in message


def test_a_user_file_may_define_its_own_state(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "countries:\n  - {iso3: ARN, name: Arnor, names: [Arnor]}\n"
        "people:\n  - name: Aragorn Elessar\n    country: ARN\n    variants: [Aragorn]\n    roles:\n"
        "      - {office: King, sector: GOV, start: 2020-01-01, end: null}\n",
    )
    assert load(ActorsConfig(extra_files=(path,))).lookup("Aragorn").code == "ARNGOV"  # type: ignore[union-attr]


def test_the_same_person_twice_is_refused(tmp_path: Path) -> None:
    body = (
        "people:\n  - name: Rostam Testpour\n    country: IRN\n    variants: [Rostam Testpour]\n    roles:\n"
        "      - {office: Test Envoy, sector: GOV, start: 2030-01-01, end: null}\n"
    )
    first, second = _write(tmp_path, body, "a.v1.yaml"), _write(tmp_path, body, "b.v1.yaml")
    message = _error(first, second)
    assert f"{second}:3:" in message
    assert f"person 'Rostam Testpour' is already defined at {first}:3" in message


def test_codes_and_seats() -> None:
    codes = known_iso3()
    assert {"IRN", "AZE", "XKX", "TWN", "PSE", "ESH"} <= codes
    assert "ARN" not in codes
    assert multi_seat("Member of Parliament") and multi_seat("Vice President")
    assert not multi_seat("President") and not multi_seat("Minister of Justice")
    assert not multi_seat("Chief Justice") and not multi_seat("Secretary of State")


def test_every_packaged_file_is_loaded() -> None:
    names = packaged_files()
    assert list(names) == sorted(names)
    assert {"countries.v1.yaml", "sectors.v1.yaml", "organisations.v1.yaml", "office_holders.v1.yaml"} <= set(
        names
    )
    assert all(n.endswith(".v1.yaml") for n in names)
