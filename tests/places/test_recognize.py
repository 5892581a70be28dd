"""Recognition and disambiguation on parsed sentences (needs the spaCy model)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from detente.model import Analysis, ParsedDocument, PlaceMention
from detente.places import PlacesConfig, geoparse, geoparse_record, run
from detente.places.gazetteer import Gazetteer

Parse = Callable[..., ParsedDocument]


@pytest.fixture
def places(
    parse: Parse, gazetteer: Gazetteer, places_config: PlacesConfig
) -> Callable[[str], tuple[PlaceMention, ...]]:
    def _places(text: str) -> tuple[PlaceMention, ...]:
        (out,) = run([Analysis(parse(text))], config=places_config, resources=gazetteer)
        return geoparse(out)

    return _places


def by_text(mentions: tuple[PlaceMention, ...]) -> dict[str, PlaceMention]:
    return {m.text: m for m in mentions}


def test_cities_seas_and_corridors(places: Callable[[str], tuple[PlaceMention, ...]]) -> None:
    found = by_text(
        places(
            "The foreign ministers met in Baku after their navies held exercises in the "
            "Caspian Sea, and they discussed the Zangezur corridor."
        )
    )
    assert found["Baku"].place is not None and found["Baku"].place.country == "AZE"
    assert found["Caspian Sea"].place is not None
    assert found["Caspian Sea"].place.feature == "sea"
    assert "Zangezur corridor" in found
    assert all(0.0 < m.score <= 1.0 for m in found.values())


def test_mentions_are_sorted_and_offsets_match(places: Callable[..., tuple[PlaceMention, ...]]) -> None:
    text = "Trucks left Tbilisi for Yerevan, then drove on to Tehran."
    mentions = places(text)
    assert [m.text for m in mentions] == ["Tbilisi", "Yerevan", "Tehran"]
    assert all(text[m.start : m.end] == m.text for m in mentions)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)


def test_person_names_are_not_places_and_demonyms_name_their_country(
    places: Callable[[str], tuple[PlaceMention, ...]],
) -> None:
    found = by_text(
        places(
            "Jordan Peterson and Paris Hilton praised the Iranian chef at a dinner in May, "
            "Iranian officials said."
        )
    )
    assert not {"Jordan", "Paris", "May", "Jordan Peterson", "Paris Hilton"} & set(found)
    # Geoparsing corpora count adjectival toponyms: "Iranian" is a (weak) mention of Iran.
    iranian = found["Iranian"]
    assert iranian.place is not None and iranian.place.country == "IRN"
    assert iranian.place.feature == "country" and iranian.score <= 0.5


def test_demonyms_can_be_switched_off(
    parse: Callable[..., ParsedDocument], gazetteer: Gazetteer, places_config: PlacesConfig
) -> None:
    config = dataclasses.replace(places_config, demonyms=False)
    analysis = Analysis(parse("Iranian officials met Turkish diplomats in Ankara."))
    (out,) = run([analysis], config=config, resources=gazetteer)
    assert [m.text for m in out.places] == ["Ankara"]


def test_towns_named_in_institutions_are_places(places: Callable[[str], tuple[PlaceMention, ...]]) -> None:
    found = by_text(places("Members of the Gainesville City Council voted on Monday to raise the budget."))
    assert "Gainesville" in found
    assert found["Gainesville"].place is not None and found["Gainesville"].place.country == "USA"
    # A newspaper or a celebrity is not an institution of its town.
    assert "Tehran" not in by_text(places("The Tehran Times reported the decision on Sunday."))


def test_georgia_follows_the_document(places: Callable[[str], tuple[PlaceMention, ...]]) -> None:
    caucasus = by_text(places("Georgia said the talks in Tbilisi went well."))
    assert caucasus["Georgia"].place is not None
    assert caucasus["Georgia"].place.country == "GEO"
    assert caucasus["Georgia"].place.feature == "country"
    american = by_text(places("Georgia lawmakers met in Atlanta and Savannah on Tuesday."))
    assert american["Georgia"].place is not None
    assert american["Georgia"].place.country == "USA"
    assert american["Georgia"].place.feature == "admin1"


def test_town_comma_state(places: Callable[[str], tuple[PlaceMention, ...]]) -> None:
    found = places("A tornado damaged homes near Paris, Texas, on Sunday.")
    paris = by_text(found)["Paris"]
    assert paris.place is not None and paris.place.country == "USA"
    alone = by_text(places("The ministers flew to Paris for the climate summit."))["Paris"]
    assert alone.place is not None and alone.place.country == "FRA"


def test_dateline_sets_the_country(places: Callable[[str], tuple[PlaceMention, ...]]) -> None:
    found = places("ATHENS, Ga. (AP) - Students in Athens marched to the courthouse.")
    athens = [m for m in found if m.text == "Athens"]
    assert athens and athens[0].place is not None and athens[0].place.country == "USA"
    first = places("BAKU, April 28 (Reuters) - Officials gave no details.")[0]
    assert first.text == "BAKU" and first.place is not None and first.place.country == "AZE"


def test_geoparse_record_has_the_contract_fields(
    places: Callable[[str], tuple[PlaceMention, ...]],
) -> None:
    (mention,) = [m for m in places("The summit was held in Baku.") if m.text == "Baku"]
    record = geoparse_record("seed", mention)
    assert list(record) == [
        "doc_id",
        "text",
        "start",
        "end",
        "name",
        "country",
        "lat",
        "lon",
        "geonameid",
        "feature",
        "score",
    ]
    assert record["doc_id"] == "seed" and record["country"] == "AZE"
    assert record["geonameid"] == 587084 and 0 < record["score"] <= 1
