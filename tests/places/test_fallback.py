"""Shorter names inside a name the gazetteer does not know, and their resolution."""

from __future__ import annotations

from detente.places.fallback import inner_names
from detente.places.gazetteer import Gazetteer
from detente.places.resolve import Weights, resolve

from .test_resolve import found, parsed_of


def test_direction_words_are_dropped_first() -> None:
    assert next(inner_names("Northeast Georgia")) == "Georgia"
    assert next(inner_names("Far North Queensland")) == "Queensland"
    assert next(inner_names("South Philadelphia")) == "Philadelphia"


def test_generic_heads_and_of_phrases() -> None:
    assert next(inner_names("Sichuan province")) == "Sichuan"
    assert next(inner_names("City of Montreal")) == "Montreal"
    assert next(inner_names("Port of Tacoma")) == "Tacoma"
    assert "Wolverton" in list(inner_names("Wolverton City"))


def test_leading_then_trailing_runs() -> None:
    names = list(inner_names("Henderson County Jail"))
    assert names[:2] == ["Henderson County", "Henderson"]
    assert list(inner_names("Recovery Day B.C."))[-1] == "B.C."


def test_features_of_their_own_are_not_cut_into_towns() -> None:
    assert list(inner_names("Red River")) == []
    assert list(inner_names("Zion National Park")) == []
    # The direction rule still applies to them.
    assert list(inner_names("Upper Red River")) == ["Red River"]


def test_single_words_and_long_spans_give_nothing() -> None:
    assert list(inner_names("Springfield")) == []
    assert list(inner_names("one two three four five six seven")) == []


def test_a_fallback_place_is_resolved_with_a_lower_score(gazetteer: Gazetteer) -> None:
    doc = parsed_of(["Northeast", "Georgia", "and", "Atlanta"])
    inner, city = resolve(doc, [found(doc, 0, 2), found(doc, 3, 4)], gazetteer, weights=Weights())
    assert inner.place is not None and inner.place.feature == "admin1" and inner.place.country == "USA"
    assert inner.text == "Northeast Georgia"
    direct = parsed_of(["Georgia", "and", "Atlanta"])
    plain = resolve(direct, [found(direct, 0, 1), found(direct, 2, 3)], gazetteer, weights=Weights())[0]
    assert plain.place == inner.place and inner.score < plain.score
    assert city.place is not None and city.place.country == "USA"


def test_a_demonym_span_is_its_country(gazetteer: Gazetteer) -> None:
    doc = parsed_of(["Turkish", "Embassy", "staff"])
    (m,) = resolve(doc, [found(doc, 0, 2)], gazetteer, weights=Weights())
    assert m.place is not None and m.place.country == "TUR" and m.place.feature == "country"
