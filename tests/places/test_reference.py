"""Schema checks of the authored place files: errors must name file and line."""

from __future__ import annotations

import pytest

from detente.errors import ReferenceDataError
from detente.places import reference

GOOD = """\
version: 1
places:
  - {name: Inland Sea, lat: 10.0, lon: 20.0, country: null, feature: sea, source: "test"}
  - name: Test Corridor
    aliases: [Test Route]
    lat: -5
    lon: 170
    country: AZE
    feature: corridor
    source: "test"
"""


def test_packaged_files_pass_their_schema() -> None:
    places, countries, states = reference.load_all()
    names = {p.name for p in places}
    assert {"Caspian Sea", "Strait of Hormuz", "Nagorno-Karabakh", "Zangezur corridor"} <= names
    assert all(p.source for p in places)
    assert {c.iso3 for c in countries} >= {"USA", "AZE", "GEO", "IRN"}
    assert len(states) == 51


def test_good_file_parses_with_aliases() -> None:
    places = reference.parse_places(GOOD, path="x.yaml")
    assert [p.name for p in places] == ["Inland Sea", "Test Corridor"]
    assert places[1].aliases == ("Test Route",)
    assert places[1].country == "AZE"
    assert places[0].country is None


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ("lat: -5", "lat: -95", 6, "out of range"),
        ("feature: corridor", "feature: volcano", 9, "unknown feature"),
        ("country: AZE", "country: AZ", 8, "ISO3"),
        ('    source: "test"\n', "", 4, "missing field 'source'"),
        ("feature: sea,", "feature: sea, colour: blue,", 3, "unknown field"),
    ],
)
def test_schema_errors_report_file_and_line(old: str, new: str, line: int, words: str) -> None:
    text = GOOD.replace(old, new)
    with pytest.raises(ReferenceDataError) as err:
        reference.parse_places(text, path="x.yaml")
    assert f"x.yaml:{line}:" in str(err.value)
    assert words in str(err.value)
    assert err.value.code == "E201"


def test_invalid_yaml_reports_line() -> None:
    with pytest.raises(ReferenceDataError, match=r"x\.yaml:3: not valid YAML"):
        reference.parse_places("version: 1\nplaces:\n  - {name: a]\n  - {name: b}\n", path="x.yaml")


def test_country_and_state_files_check_codes() -> None:
    with pytest.raises(ReferenceDataError, match=r"c\.yaml:3:.*ISO3"):
        reference.parse_countries(
            "version: 1\ncountries:\n  AZ: {centroid: [40, 47], names: [X]}\n", path="c.yaml"
        )
    with pytest.raises(ReferenceDataError, match=r"s\.yaml:3:.*lat, lon"):
        reference.parse_states("version: 1\nstates:\n  TX: {point: [31], abbr: []}\n", path="s.yaml")
