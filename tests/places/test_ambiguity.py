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


def test_a_county_is_placed_among_the_storys_towns(gazetteer: Gazetteer) -> None:
    ms = resolved(gazetteer, ["Laurel", "County", "London", "Kentucky"], [(0, 2), (2, 3), (3, 4)])
    county, london = ms[0], ms[1]
    assert county.place is not None and county.place.feature == "admin2" and county.place.country == "USA"
    assert london.place is not None and london.place.country == "USA"
    # The county's own point is unknown: it sits at its town, not at the state centre.
    assert county.place.lat == pytest.approx(london.place.lat, abs=1e-3)
    assert county.place.lon == pytest.approx(london.place.lon, abs=1e-3)


def test_a_province_without_a_known_point_falls_back_to_its_country(gazetteer: Gazetteer) -> None:
    m = alone(gazetteer, "Anhui")
    assert m.place is not None and m.place.country == "CHN" and m.place.feature == "admin1"
    china = gazetteer.country("CHN")
    assert china is not None and (m.place.lat, m.place.lon) == (china.place.lat, china.place.lon)


def test_a_state_abbreviation_is_the_state(gazetteer: Gazetteer) -> None:
    m = alone(gazetteer, "Kan.")
    assert m.place is not None and m.place.name == "Kansas"


@pytest.mark.parametrize("name", ["Zzyzxville", "Qwertabad"])
def test_unknown_names_stay_unresolved(gazetteer: Gazetteer, name: str) -> None:
    m = alone(gazetteer, name)
    assert m.place is None and m.score < 0.5
