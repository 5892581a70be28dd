"""FIPS 10-4 reference table: known codes, schema errors with file:line."""

from __future__ import annotations

import pycountry
import pytest

from detente.errors import ReferenceDataError
from detente.export_data import fips_for, load_fips_table, parse_fips_table

HEADER = "# source: test\niso3,fips,name\n"


@pytest.mark.parametrize(
    ("iso3", "fips"),
    [
        ("AZE", "AJ"),
        ("IRN", "IR"),
        ("ARM", "AM"),
        ("RUS", "RS"),
        ("UKR", "UP"),
        ("DEU", "GM"),
        ("CHN", "CH"),
        ("PHL", "RP"),
        ("SAU", "SA"),
        ("USA", "US"),
        ("GBR", "UK"),
        ("ISR", "IS"),
        ("PSE", "WE"),
        ("XKX", "KV"),
        ("ESP", "SP"),
        ("JPN", "JA"),
        ("KOR", "KS"),
        ("PRK", "KN"),
        ("AUT", "AU"),
        ("AUS", "AS"),
        ("TUR", "TU"),
        ("CHE", "SZ"),
        ("SWE", "SW"),
    ],
)
def test_known_codes(iso3: str, fips: str) -> None:
    assert fips_for(iso3) == fips


def test_lookup_is_case_insensitive_and_unknown_is_none() -> None:
    assert fips_for("aze") == "AJ"
    assert fips_for("ZZZ") is None
    assert fips_for("") is None


def test_table_covers_every_sovereign_state() -> None:
    table = load_fips_table()
    # Every ISO 3166-1 entry has a row except the four left out on purpose (several FIPS codes or none).
    assert len(table) >= 240
    missing = [c.alpha_3 for c in pycountry.countries if c.alpha_3 not in table]
    assert set(missing) <= {"ALA", "BES", "SJM", "UMI"}


def test_fips_codes_are_unique() -> None:
    table = load_fips_table()
    values = list(table.values())
    assert len(values) == len(set(values))


def test_table_is_immutable_and_loaded_once() -> None:
    table = load_fips_table()
    assert load_fips_table() is table
    with pytest.raises(TypeError):
        table["AZE"] = "XX"  # type: ignore[index]


@pytest.mark.parametrize(
    ("body", "line", "problem"),
    [
        ("AZE,AJ,Azerbaijan\nAZE,AJ,Azerbaijan\n", 4, "duplicate iso3"),
        ("AZE,AJX,Azerbaijan\n", 3, "fips 'AJX'"),
        ("QQQ,QQ,Nowhere\n", 3, "not an ISO 3166-1"),
        ("AZ,AJ,Azerbaijan\n", 3, "three capital letters"),
        ("AZE,AJ\n", 3, "expected 3 fields"),
        ("AZE,AJ,\n", 3, "name is empty"),
    ],
)
def test_schema_errors_name_file_and_line(body: str, line: int, problem: str) -> None:
    with pytest.raises(ReferenceDataError) as info:
        parse_fips_table(HEADER + body, path="fips.csv")
    message = str(info.value)
    assert f"fips.csv:{line}:" in message
    assert problem in message
    assert info.value.code == "E201"


def test_missing_or_wrong_header_is_an_error() -> None:
    with pytest.raises(ReferenceDataError, match=r"fips\.csv:1: header"):
        parse_fips_table("iso,fips,name\nAZE,AJ,Azerbaijan\n", path="fips.csv")
    with pytest.raises(ReferenceDataError, match="missing header"):
        parse_fips_table("# only a comment\n", path="fips.csv")
