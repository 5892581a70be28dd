"""Ambiguous names resolved by the document, on hand-built documents (no spaCy)."""

from __future__ import annotations

import pytest

from detente.model import PlaceMention
from detente.places.gazetteer import Gazetteer
from detente.places.resolve import Weights, distance_km, resolve

from .test_resolve import found, parsed_of


def resolved(gaz: Gazetteer, words: list[str], spans: list[tuple[int, int]]) -> list[PlaceMention]:
    parsed = parsed_of(words)
    return list(resolve(parsed, [found(parsed, i, j) for i, j in spans], gaz, weights=Weights()))


def alone(gaz: Gazetteer, name: str) -> PlaceMention:
    words = name.split()
    (m,) = resolved(gaz, words, [(0, len(words))])
    return m


@pytest.mark.parametrize(
    ("name", "country", "feature"),
    [
        ("Paris", "FRA", "city"),
        ("Alexandria", "EGY", "city"),
        ("Tripoli", "LBY", "city"),
        ("Jordan", "JOR", "country"),
        ("Georgia", "GEO", "country"),
    ],
)
def test_a_lone_ambiguous_name_takes_its_best_known_meaning(
    gazetteer: Gazetteer, name: str, country: str, feature: str
) -> None:
    m = alone(gazetteer, name)
    assert m.place is not None
    assert (m.place.country, m.place.feature) == (country, feature)


@pytest.mark.parametrize("name", ["Djibouti", "Kuwait", "Mexico", "Panama", "Singapore", "Luxembourg"])
def test_a_country_name_is_the_country_not_its_capital(gazetteer: Gazetteer, name: str) -> None:
    m = alone(gazetteer, name)
    assert m.place is not None and m.place.feature == "country"


@pytest.mark.parametrize(
    ("words", "spans", "country", "state"),
    [
        # Alexandria, Virginia: the document is in northern Virginia.
        (["Alexandria", "and", "Arlington", "Virginia"], [(0, 1), (2, 3), (3, 4)], "USA", "VA"),
        # Tripoli, Lebanon: the other places are Lebanese.
        (["Tripoli", "and", "Beirut", "Lebanon"], [(0, 1), (2, 3), (3, 4)], "LBN", None),
        # Paris among Tennessee towns.
        (["Paris", "near", "Jackson", "Tennessee"], [(0, 1), (2, 3), (3, 4)], "USA", "TN"),
    ],
)
def test_the_document_moves_an_ambiguous_name(
    gazetteer: Gazetteer, words: list[str], spans: list[tuple[int, int]], country: str, state: str | None
) -> None:
    first = resolved(gazetteer, words, spans)[0]
    assert first.place is not None and first.place.country == country
    if state is not None:
        (entry,) = [c.entry for c in gazetteer.lookup(words[0]) if c.entry.place == first.place]
        assert entry.admin1 == state


def test_the_nearest_namesake_wins_among_small_towns(gazetteer: Gazetteer) -> None:
    # Two small Ohio towns next to each other: Dublin is the Ohio one, not Ireland's.
    ms = resolved(
        gazetteer, ["Dublin", "Hilliard", "and", "Worthington", "Ohio"], [(0, 1), (1, 2), (3, 4), (4, 5)]
    )
    assert ms[0].place is not None and ms[0].place.country == "USA"
    assert distance_km((ms[0].place.lat, ms[0].place.lon), (40.1, -83.1)) < 50  # type: ignore[arg-type]


def test_a_country_name_stays_a_country_in_international_news(gazetteer: Gazetteer) -> None:
    ms = resolved(gazetteer, ["Palestine", "Gaza", "and", "Ramallah"], [(0, 1), (1, 2), (3, 4)])
    assert ms[0].place is not None and ms[0].place.feature == "country"


def test_a_country_name_can_be_a_town_of_the_storys_state(gazetteer: Gazetteer) -> None:
    # "Palestine" in an east Texas story that names two other Texas towns.
    ms = resolved(gazetteer, ["Palestine", "Tyler", "and", "Athens", "Texas"], [(0, 1), (1, 2), (3, 4)])
    assert ms[0].place is not None
    assert (ms[0].place.country, ms[0].place.feature) == ("USA", "city")


def test_a_county_is_placed_at_its_own_towns(gaz_or_skip: Gazetteer) -> None:
    ms = resolved(gaz_or_skip, ["Laurel", "County", "London", "Kentucky"], [(0, 2), (2, 3), (3, 4)])
    county, london = ms[0], ms[1]
    assert county.place is not None and county.place.feature == "admin2" and county.place.country == "USA"
    assert london.place is not None and london.place.country == "USA"
    # London is the county seat: the county's point (the middle of its towns) is near it.
    assert distance_km((county.place.lat, county.place.lon), (london.place.lat, london.place.lon)) < 40


def test_a_province_has_its_own_point(gaz_or_skip: Gazetteer) -> None:
    m = alone(gaz_or_skip, "Anhui")
    assert m.place is not None and m.place.country == "CHN" and m.place.feature == "admin1"
    china = gaz_or_skip.country("CHN")
    assert china is not None and (m.place.lat, m.place.lon) != (china.place.lat, china.place.lon)
    assert distance_km((m.place.lat, m.place.lon), (31.8, 117.2)) < 300  # Hefei, its capital


def test_a_state_abbreviation_is_the_state(gazetteer: Gazetteer) -> None:
    m = alone(gazetteer, "Kan.")
    assert m.place is not None and m.place.name == "Kansas"


@pytest.mark.parametrize("name", ["Zzyzxville", "Qwertabad"])
def test_unknown_names_stay_unresolved(gazetteer: Gazetteer, name: str) -> None:
    m = alone(gazetteer, name)
    assert m.place is None and m.score < 0.5


def test_a_us_state_name_is_the_state_not_a_namesake_town(gaz_or_skip: Gazetteer) -> None:
    # "California, Pa." exists, but in a list of states "California" is the state.
    ms = resolved(gaz_or_skip, ["Pennsylvania", "and", "California"], [(0, 1), (2, 3)])
    assert ms[1].place is not None and ms[1].place.feature == "admin1"
    assert ms[1].place.lon is not None and ms[1].place.lon < -110
    # A qualifier still names the town.
    ms = resolved(gaz_or_skip, ["California", ",", "Pa."], [(0, 1)])
    assert ms[0].place is not None and ms[0].place.feature == "city"


def test_washington_is_still_the_capital(gaz_or_skip: Gazetteer) -> None:
    m = alone(gaz_or_skip, "Washington")
    assert m.place is not None and m.place.feature == "city"
    assert distance_km((m.place.lat, m.place.lon), (38.9, -77.0)) < 20


def test_a_populous_province_beats_its_capitals_namesake(gaz_or_skip: Gazetteer) -> None:
    m = alone(gaz_or_skip, "Quebec")
    assert m.place is not None and m.place.feature == "admin1" and m.place.country == "CAN"


def test_a_town_and_a_county_next_to_each_other_pick_each_other(gaz_or_skip: Gazetteer) -> None:
    # Paris, Tennessee is the seat of Henry County, Tennessee: named together, they
    # outweigh Paris, France and the larger Henry County of Georgia.
    ms = resolved(gaz_or_skip, ["Paris", "and", "Henry", "County"], [(0, 1), (2, 4)])
    paris, county = ms[0].place, ms[1].place
    assert paris is not None and county is not None
    assert paris.country == "USA" and county.country == "USA"
    assert distance_km((paris.lat, paris.lon), (36.30, -88.33)) < 30
    assert distance_km((county.lat, county.lon), (paris.lat, paris.lon)) < 40
