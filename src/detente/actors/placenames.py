"""Cities and provinces as evidence of a country: "officials in Mashhad" are Iranian.

The actor dictionary names states, capitals and seats of power, but news names
actors by the towns and provinces they act in ("rebels in Darfur", "the
government of Sindh province", "protesters in Cizre").  The places stage's
gazetteer knows those names; :class:`PlaceCountries` asks it, read-only, which
single country a place name lies in, and :func:`place_spans` finds the place
names of a document (spaCy's GPE/LOC entities the dictionary does not cover) so
the sentence matcher can treat them as bare state mentions of that country.

A name is taken only when it is unambiguous enough: the country of its most
important candidate (a province, region or disputed territory, or a city of at
least ``min_population`` people) must outweigh every other country several
times over ("Moscow" is Russia although Idaho has one; "Tripoli" is Libya's or
Lebanon's and so no one's).  A name that is also a country or a continent is
left alone: the dictionary decides countries.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from detente.actors.entries import ActorEntry
from detente.model import ParsedDocument

if TYPE_CHECKING:
    from detente.actors.lexicon import ActorLexicon
    from detente.places.gazetteer import Gazetteer

PLACE_FORM = "place"  # ActorEntry.form of a place piece: a bare state, never a government
_AREA_WEIGHT = {"admin1": 2_000_000, "region": 2_000_000, "disputed": 2_000_000, "admin2": 500_000}
_TAKEN = frozenset({"city", *_AREA_WEIGHT})
_BLOCKING = frozenset({"country", "continent", "ocean", "sea"})
_DOMINANCE = 5  # the first country must weigh this many times the second
_ENTITY_LABELS = frozenset({"GPE", "LOC"})
_EVIDENCE_FORMS = frozenset({"name", "demonym", "capital", "seat"})
# "West Darfur State", "Sindh Province": the generic word is not part of the gazetteer's name.
_AREA_WORDS = frozenset(
    {"state", "province", "region", "district", "governorate", "county", "city", "oblast", "prefecture"}
)
# "South Lebanon", "Western Cambodia": a part of a country is evidence of the country.
_COMPASS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "upper",
        "lower",
    }
)


class PlaceCountries:
    """Which one country a place name lies in, answered from the places gazetteer."""

    __slots__ = ("_gazetteer", "_min_population")

    def __init__(self, gazetteer: Gazetteer, *, min_population: int = 10_000) -> None:
        self._gazetteer = gazetteer
        self._min_population = min_population

    @property
    def gazetteer(self) -> Gazetteer:
        """The place index asked (the places stage's own, in a pipeline)."""
        return self._gazetteer

    def country_of(self, text: str, *, named: frozenset[str] = frozenset()) -> str | None:
        """ISO3 of the country ``text`` names a place in, or None if none or several.

        ``named``: countries the document names; an ambiguous place ("Jericho", in
        the West Bank and in New York) lying in exactly one of them is that one's.
        """
        weights: dict[str, int] = {}
        for cand in self._gazetteer.lookup(text):
            place = cand.entry.place
            if place.feature in _BLOCKING or (place.country is None and place.feature != "city"):
                return None
            if place.country is None or place.feature not in _TAKEN:
                continue
            weight = _AREA_WEIGHT.get(place.feature, cand.entry.population)
            if place.feature == "city" and weight < self._min_population:
                continue
            weights[place.country] = max(weights.get(place.country, 0), weight)
        if not weights:
            return None
        ranked = sorted(weights.items(), key=lambda kv: -kv[1])
        if len(ranked) > 1 and ranked[0][1] < _DOMINANCE * ranked[1][1]:
            in_text = [c for c in weights if c in named]
            return in_text[0] if len(in_text) == 1 else None
        return ranked[0][0]


def _entry(iso3: str, lexicon: ActorLexicon) -> ActorEntry | None:
    name = lexicon.country_name(iso3)
    if name is None:
        return None
    return ActorEntry(name, iso3, iso3, None, (), "state", form=PLACE_FORM)


def _compass_country(words: Sequence[str], lexicon: ActorLexicon) -> str | None:
    """ "South Lebanon" -> LBN: a compass word before a state's own name."""
    if len(words) < 2 or words[0].lower() not in _COMPASS:
        return None
    for entry in lexicon.entries_for(" ".join(words[1:])):
        if entry.pattern_form == "name" and entry.country:
            return entry.country
    return None


def place_country(
    words: Sequence[str], lexicon: ActorLexicon, *, named: frozenset[str] = frozenset()
) -> str | None:
    """The country of a place name given as words, by the compass rule or the gazetteer
    (``named``: the countries the document names, for ambiguous places)."""
    places = lexicon.places
    if not words:
        return None
    got = _compass_country(words, lexicon)
    if got is not None or places is None:
        return got
    got = places.country_of(" ".join(words), named=named)
    if got is None and len(words) > 1 and words[-1].lower() in _AREA_WORDS:
        got = places.country_of(" ".join(words[:-1]), named=named)
    return got


def named_countries(keys: Sequence[str], lexicon: ActorLexicon) -> frozenset[str]:
    """Countries the dictionary finds named anywhere in the document (one quick scan)."""
    out: set[str] = set()
    i = 0
    while i < len(keys):
        hit = lexicon.match_name(keys, i, len(keys))
        if hit is None:
            i += 1
            continue
        for entry in (lexicon.entries[k] for k in hit[1]):
            if entry.country and entry.pattern_form in _EVIDENCE_FORMS:
                out.add(entry.country)
        i = hit[0]
    return frozenset(out)


def place_spans(
    doc: ParsedDocument, keys: Sequence[str], *, lexicon: ActorLexicon
) -> dict[int, tuple[int, ActorEntry]]:
    """Token start -> (end, entry) for the place names of ``doc`` that the dictionary
    does not name itself: GPE/LOC entities of capitalised words only."""
    out: dict[int, tuple[int, ActorEntry]] = {}
    if lexicon.places is None:
        return out
    toks = doc.tokens
    named: frozenset[str] | None = None
    for e in doc.entities:
        if e.label not in _ENTITY_LABELS:
            continue
        a, b = e.token_start, min(e.token_end, len(toks))
        while a < b and toks[a].text.lower() == "the":
            a += 1
        while b > a and not toks[b - 1].text[:1].isalpha():
            b -= 1  # "East Timor's": the possessive is not part of the name
        core = b - 1 if b - a > 1 and toks[b - 1].text.lower() in _AREA_WORDS else b  # "Sindh province"
        if b <= a or not all(toks[t].text[:1].isupper() for t in range(a, core)):
            continue
        hit = lexicon.match_name(keys, a, b)
        if hit is not None and hit[0] >= core:
            continue  # a name of the dictionary: the matcher reads it
        if named is None:
            named = named_countries(keys, lexicon)
        iso3 = place_country([toks[t].text for t in range(a, core)], lexicon, named=named)
        entry = None if iso3 is None else _entry(iso3, lexicon)
        if entry is not None:
            out[a] = (b, entry)
    return out


__all__ = ["PLACE_FORM", "PlaceCountries", "named_countries", "place_country", "place_spans"]
