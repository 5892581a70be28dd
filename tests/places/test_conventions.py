"""Which point a country or province resolves to, and lists read as lists (no spaCy).

detente resolves names to GeoNames places, so a country's or a listed province's point
is GeoNames' own point for that feature (``geonames_points.v1.yaml``); the Factbook
centroids of ``countries.v1.yaml`` fill in only where that file has no entry.
"""

from __future__ import annotations

import pytest

from detente.errors import ReferenceDataError
from detente.places import reference
from detente.places.gazetteer import Gazetteer
from detente.places.resolve import distance_km

from .test_ambiguity import alone, resolved


def _points() -> reference.GeonamesPoints:
    return reference.parse_geonames_points(reference.read_text(reference.GEONAMES_FILE))


def test_the_geonames_points_file_passes_its_schema(gazetteer: Gazetteer) -> None:
    points = _points()
    assert len(points.countries) >= 190
    # Every listed country is one the gazetteer knows (no typo'd ISO3 code).
    assert set(points.countries) <= set(gazetteer.countries)
    assert ("CAN", "Ontario") in points.admin1


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("version: 1\ncountries:\n  FRA: [46, 2]\n  XX: [1, 2]\nadmin1: {}\n", 4),
        ("version: 1\ncountries:\n  FRA: [46, 2]\n  DEU: [95, 10]\nadmin1: {}\n", 4),
        ("version: 1\ncountries:\n  FRA: [46, 2]\nadmin1:\n  CAN:\n    Yukon: [63]\n", 6),
    ],
)
def test_a_bad_point_is_reported_with_its_line(text: str, line: int) -> None:
    with pytest.raises(ReferenceDataError, match=rf"g\.yaml:{line}"):
        reference.parse_geonames_points(text, path="g.yaml")


def test_a_country_takes_the_geonames_point(gazetteer: Gazetteer) -> None:
    points = _points()
    for iso3 in ("CAN", "AUS", "JPN", "IND"):
        entry = gazetteer.country(iso3)
        assert entry is not None
        assert (entry.place.lat, entry.place.lon) == points.countries[iso3]


def test_a_country_without_a_geonames_point_keeps_its_factbook_centroid(gazetteer: Gazetteer) -> None:
    assert "PSE" not in _points().countries
    (factbook,) = [c for c in reference.load_all()[1] if c.iso3 == "PSE"]
    m = alone(gazetteer, "Palestine")
    assert m.place is not None and (m.place.lat, m.place.lon) == factbook.centroid


def test_a_listed_province_takes_its_geonames_point(gaz_or_skip: Gazetteer) -> None:
    m = alone(gaz_or_skip, "Ontario")
    assert m.place is not None and m.place.feature == "admin1" and m.place.country == "CAN"
    assert (m.place.lat, m.place.lon) == _points().admin1[("CAN", "Ontario")]


def test_an_unlisted_province_keeps_the_middle_of_its_towns(gaz_or_skip: Gazetteer) -> None:
    m = alone(gaz_or_skip, "Yukon")
    assert m.place is not None and m.place.feature == "admin1"
    assert distance_km((m.place.lat, m.place.lon), (63.0, -135.0)) < 300


def test_countries_in_a_comma_list_are_countries(gazetteer: Gazetteer) -> None:
    # "China, Japan" is not the village of China in Japan when the list goes on.
    words = ["Cases", "were", "seen", "in", "Peru", ",", "China", ",", "Japan", "and", "Chile"]
    ms = resolved(gazetteer, words, [(4, 5), (6, 7), (8, 9), (10, 11)])
    assert [m.place.country if m.place else None for m in ms] == ["PER", "CHN", "JPN", "CHL"]
    assert all(m.place is not None and m.place.feature == "country" for m in ms)


def test_states_in_a_comma_list_are_states(gaz_or_skip: Gazetteer) -> None:
    words = ["Storms", "hit", "Oregon", ",", "Montana", "and", "Idaho"]
    ms = resolved(gaz_or_skip, words, [(2, 3), (4, 5), (6, 7)])
    assert [m.place.feature if m.place else None for m in ms] == ["admin1"] * 3
    assert ms[0].place is not None and ms[0].place.lon is not None and ms[0].place.lon < -115


def test_a_town_named_after_a_country_keeps_its_state_qualifier(gazetteer: Gazetteer) -> None:
    ms = resolved(gazetteer, ["Lebanon", ",", "Pa.", ",", "police", "said"], [(0, 1)])
    assert ms[0].place is not None and ms[0].place.country == "USA" and ms[0].place.feature == "city"


def test_a_province_beats_a_namesake_town_abroad_when_its_country_is_named(
    gaz_or_skip: Gazetteer,
) -> None:
    # Ontario, New York is next to Buffalo, but a story that names Canada means the province.
    words = ["Ontario", "border", "near", "Buffalo", "New", "York", "Canada"]
    ms = resolved(gaz_or_skip, words, [(0, 1), (3, 4), (4, 6), (6, 7)])
    assert ms[0].place is not None and ms[0].place.country == "CAN" and ms[0].place.feature == "admin1"


def test_a_local_town_named_like_a_foreign_province_stays_a_town(gaz_or_skip: Gazetteer) -> None:
    # Medina is also a Saudi province; a story about Ohio that names no Saudi place means the town.
    words = ["Medina", "and", "Akron", "Ohio"]
    ms = resolved(gaz_or_skip, words, [(0, 1), (2, 3), (3, 4)])
    assert ms[0].place is not None and ms[0].place.country == "USA" and ms[0].place.feature == "city"


def test_a_state_said_to_be_a_state_is_the_state(gaz_or_skip: Gazetteer) -> None:
    for words, spans in (
        (["a", "dairy", "farm", "in", "Washington", "state"], [(4, 5)]),
        (["officials", "in", "the", "state", "of", "Washington"], [(5, 6)]),
        (["cases", "in", "Utah", ",", "Washington", "and", "Wyoming"], [(2, 3), (4, 5), (6, 7)]),
    ):
        (m,) = [x for x in resolved(gaz_or_skip, words, spans) if x.text == "Washington"]
        assert m.place is not None and m.place.feature == "admin1", words
        assert m.place.lon is not None and m.place.lon < -115
    # Bare, or beside a foreign capital, it is still the capital city.
    ms = resolved(gaz_or_skip, ["talks", "between", "Washington", "and", "Moscow"], [(2, 3), (4, 5)])
    assert ms[0].place is not None and ms[0].place.feature == "city"
