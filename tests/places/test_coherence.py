"""What counts as evidence about where a story is (no spaCy).

- a longer name resolved through a shorter one inside it ("Paris City Hall" through
  "Paris") is the same name, not a second place that confirms it;
- a lone direction or generic word left over from a longer name ("North", "Valley",
  "Hospital") is not a place of its own;
- a dateline does not move a great city abroad to a namesake town at home;
- a town outside the United States knows its province, so a story that names the
  province pulls the town there, as a named US state does.
"""

from __future__ import annotations

import pytest

from detente.places import admin
from detente.places.fallback import inner_names
from detente.places.gazetteer import Gazetteer
from detente.places.resolve import Weights, resolve
from detente.places.sources import province_key

from .test_ambiguity import alone, resolved
from .test_resolve import found, parsed_of


@pytest.mark.parametrize(
    ("text", "never"),
    [
        ("North Ossetian", "North"),
        ("Great Rift Valley", "Valley"),
        ("Central Highlands", "Central"),
        ("St. Joseph's Hospital", "Hospital"),
        ("Mountain View Park", "Park"),
    ],
)
def test_a_lone_generic_word_is_not_an_inner_name(text: str, never: str) -> None:
    assert never not in list(inner_names(text))


def test_the_place_of_an_of_phrase_is_what_follows_of() -> None:
    assert list(inner_names("Battle of Gettysburg")) == ["Gettysburg"]
    assert list(inner_names("Siege of Sarajevo")) == ["Sarajevo"]


def test_runs_after_direction_words_come_before_the_whole_span_runs() -> None:
    names = list(inner_names("South Central Kansas Planning District"))
    assert names.index("Kansas") < len(names)
    assert "South" not in names and "Central" not in names


def test_a_longer_name_of_the_same_place_is_not_its_context(gazetteer: Gazetteer) -> None:
    # A Tennessee story: "Paris City Hall" is found through "Paris", and must not count
    # as a second place of the story that sits next to Paris, France.
    words = ["Paris", "City", "Hall", "said", "Paris", "police", "and", "Henry", "County", "deputies"]
    parsed = parsed_of(words)
    spans = [found(parsed, 0, 3), found(parsed, 4, 5), found(parsed, 7, 9)]
    mentions = resolve(parsed, spans, gazetteer, weights=Weights())
    paris = [m for m in mentions if m.text == "Paris"]
    assert paris and paris[0].place is not None
    assert paris[0].place.country == "USA"
    assert mentions[0].place is not None and mentions[0].place.country == "USA"


def _with_dateline(gaz: Gazetteer, words: list[str], name_at: int) -> str | None:
    parsed = parsed_of(words)
    spans = [found(parsed, 0, 1, origin="dateline"), found(parsed, name_at, name_at + 1)]
    mentions = resolve(parsed, spans, gaz, weights=Weights())
    place = mentions[1].place
    return None if place is None else place.country


def test_a_dateline_does_not_move_a_great_city_abroad(gazetteer: Gazetteer) -> None:
    words = ["SEATTLE", "-", "the", "airline", "flew", "her", "to", "Paris", "by", "mistake"]
    assert _with_dateline(gazetteer, words, 7) == "FRA"


def test_a_dateline_still_moves_a_smaller_namesake(gazetteer: Gazetteer) -> None:
    # Athens, Georgia is a tenth of Athens, Greece: the dateline still decides.
    words = ["ATLANTA", "-", "the", "storm", "reached", "Athens", "by", "noon"]
    assert _with_dateline(gazetteer, words, 5) == "USA"


def test_province_codes_are_named_by_the_towns_both_tables_hold() -> None:
    towns = [
        {"country_code": "CA", "latitude": 43.0, "longitude": -81.2, "state": "Ontario"},
        {"country_code": "CA", "latitude": 45.5, "longitude": -73.6, "state": "Quebec"},
        {"country_code": "CA", "latitude": 44.2, "longitude": -76.5, "state": "Ontario"},
    ]
    cities = [("CA", "08", 43.0, -81.2), ("CA", "08", 44.2, -76.5), ("CA", "10", 45.5, -73.6)]
    assert admin.province_codes(towns, cities) == {("CA", "08"): "Ontario", ("CA", "10"): "Quebec"}


def test_a_town_and_its_named_province_pick_each_other(gaz_or_skip: Gazetteer) -> None:
    london = [c for c in gaz_or_skip.lookup("London") if c.entry.place.country == "CAN"]
    assert london and london[0].entry.admin1 == province_key("CAN", "Ontario")
    # "Police in London said the Ontario man had just come back from Britain."
    words = [
        "Police",
        "in",
        "London",
        "said",
        "the",
        "Ontario",
        "man",
        "had",
        "come",
        "back",
        "from",
        "Britain",
    ]
    mentions = resolved(gaz_or_skip, words, [(2, 3), (5, 6), (11, 12)])
    assert mentions[0].place is not None and mentions[0].place.country == "CAN"
    assert mentions[2].place is not None and mentions[2].place.country == "GBR"


def test_a_country_that_shares_a_province_name_stays_a_country(gazetteer: Gazetteer) -> None:
    # Luxembourg is also a Belgian province: the clash rule is for US states only.
    m = alone(gazetteer, "Luxembourg")
    assert m.place is not None and m.place.feature == "country"


@pytest.mark.parametrize(
    ("name", "country", "feature"),
    [
        ("Americas", None, "region"),
        ("Southeast Asia", None, "region"),
        ("Lake Erie", None, "lake"),
        ("Danube", None, "river"),
        ("Mindanao", "PHL", "island"),
        ("Republic of Congo", "COG", "country"),
    ],
)
def test_world_regions_rivers_and_lakes_resolve(
    gazetteer: Gazetteer, name: str, country: str, feature: str
) -> None:
    # "Lake Erie" is the lake, not the town of Erie on its shore.
    m = alone(gazetteer, name)
    assert m.place is not None
    assert (m.place.country, m.place.feature) == (country, feature)
