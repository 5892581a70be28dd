"""Loading the authored place files with a schema check that points at file:line.

The files are reviewed like code, so a typo (a latitude of 140, a country code
``AZ`` instead of ``AZE``) must stop loading with a message naming the line, not
surface later as a place in the wrong hemisphere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from detente.errors import E201, ReferenceDataError

PACKAGE = "detente.places.data"
PLACES_FILE = "places.v1.yaml"
COUNTRIES_FILE = "countries.v1.yaml"
STATES_FILE = "us_states.v1.yaml"
PROVINCES_FILE = "provinces.v1.yaml"
GEONAMES_FILE = "geonames_points.v1.yaml"

FEATURES = frozenset(
    {
        "sea",
        "gulf",
        "strait",
        "river",
        "lake",
        "ocean",
        "region",
        "corridor",
        "disputed",
        "island",
        "shoal",
        "peninsula",
        "mountain",
        "canal",
    }
)
_ISO3 = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class AuthoredPlace:
    name: str
    aliases: tuple[str, ...]
    lat: float
    lon: float
    country: str | None
    feature: str
    source: str


@dataclass(frozen=True, slots=True)
class AuthoredCountry:
    iso3: str
    centroid: tuple[float, float]
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AuthoredState:
    code: str
    point: tuple[float, float]
    abbr: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AuthoredProvince:
    iso3: str
    name: str
    abbr: tuple[str, ...]


def read_text(name: str) -> str:
    return resources.files(PACKAGE).joinpath(name).read_text(encoding="utf-8")


def _fail(path: str, line: int, problem: str) -> ReferenceDataError:
    return ReferenceDataError(E201.format(path=path, line=line, problem=problem), code="E201")


def _field_lines(node: yaml.Node) -> dict[str, int]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + 1 for k, _v in node.value}


def _section(text: str, *, path: str, key: str) -> Iterator[tuple[int, Any, Any, dict[str, int]]]:
    """Yield ``(line, key_or_index, value, field_lines)`` for each item of ``key``.

    YAML is composed to nodes first so every item, and every field of it, keeps the
    line it is written on.
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise _fail(path, line, f"not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    if not isinstance(root, yaml.MappingNode):
        raise _fail(path, 1, "top level must be a mapping")
    builder = yaml.SafeLoader("")
    section = None
    for knode, vnode in root.value:
        if knode.value == "version" and vnode.value != "1":
            raise _fail(path, knode.start_mark.line + 1, f"unsupported version {vnode.value}")
        if knode.value == key:
            section = vnode
    if section is None:
        raise _fail(path, 1, f"missing top-level key {key!r}")
    if isinstance(section, yaml.SequenceNode):
        for i, node in enumerate(section.value):
            value = builder.construct_object(node, deep=True)
            yield node.start_mark.line + 1, i, value, _field_lines(node)
    elif isinstance(section, yaml.MappingNode):
        for knode, vnode in section.value:
            value = builder.construct_object(vnode, deep=True)
            yield knode.start_mark.line + 1, knode.value, value, _field_lines(vnode)
    else:
        raise _fail(path, section.start_mark.line + 1, f"{key!r} must be a list or mapping")


def _latlon(value: Any, *, path: str, line: int) -> tuple[float, float]:
    if (
        not isinstance(value, list | tuple)
        or len(value) != 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    ):
        raise _fail(path, line, f"expected [lat, lon] numbers, got {value!r}")
    lat, lon = float(value[0]), float(value[1])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise _fail(path, line, f"coordinates out of range: {lat}, {lon}")
    return lat, lon


def _strings(value: Any, *, path: str, line: int, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, line, f"{field} must be a list of non-empty strings")
    return tuple(value)


def parse_places(text: str, *, path: str = PLACES_FILE) -> tuple[AuthoredPlace, ...]:
    """Check and read the seas/straits/regions/corridors file."""
    out: list[AuthoredPlace] = []
    allowed = {"name", "aliases", "lat", "lon", "country", "feature", "source"}
    for line, _i, item, fields in _section(text, path=path, key="places"):

        def at(name: str, line: int = line, fields: dict[str, int] = fields) -> int:
            return fields.get(name, line)

        if not isinstance(item, dict):
            raise _fail(path, line, "each place must be a mapping")
        unknown = set(item) - allowed
        if unknown:
            raise _fail(path, line, f"unknown field(s) {sorted(unknown)}")
        for req in ("name", "lat", "lon", "feature", "source"):
            if req not in item:
                raise _fail(path, line, f"missing field {req!r}")
        name = item["name"]
        if not isinstance(name, str) or not name.strip():
            raise _fail(path, line, "name must be a non-empty string")
        lat, _ = _latlon([item["lat"], 0], path=path, line=at("lat"))
        _, lon = _latlon([0, item["lon"]], path=path, line=at("lon"))
        country = item.get("country")
        if country is not None and (not isinstance(country, str) or not _ISO3.match(country)):
            raise _fail(path, at("country"), f"country must be ISO3 or null, got {country!r}")
        if item["feature"] not in FEATURES:
            raise _fail(path, at("feature"), f"unknown feature {item['feature']!r}")
        source = item["source"]
        if not isinstance(source, str) or not source.strip():
            raise _fail(path, at("source"), "source note must be a non-empty string")
        aliases = _strings(item.get("aliases"), path=path, line=at("aliases"), field="aliases")
        out.append(AuthoredPlace(name, aliases, lat, lon, country, item["feature"], source))
    return tuple(out)


def parse_countries(text: str, *, path: str = COUNTRIES_FILE) -> tuple[AuthoredCountry, ...]:
    out: list[AuthoredCountry] = []
    for line, code, item, _fields in _section(text, path=path, key="countries"):
        if not isinstance(code, str) or not _ISO3.match(code):
            raise _fail(path, line, f"key must be an ISO3 code, got {code!r}")
        if not isinstance(item, dict) or set(item) - {"centroid", "names"}:
            raise _fail(path, line, "expected {centroid: [lat, lon], names: [...]}")
        if "centroid" not in item:
            raise _fail(path, line, "missing field 'centroid'")
        point = _latlon(item["centroid"], path=path, line=line)
        names = _strings(item.get("names"), path=path, line=line, field="names")
        out.append(AuthoredCountry(code, point, names))
    return tuple(out)


def parse_states(text: str, *, path: str = STATES_FILE) -> tuple[AuthoredState, ...]:
    out: list[AuthoredState] = []
    for line, code, item, _fields in _section(text, path=path, key="states"):
        if not isinstance(code, str) or not re.match(r"^[A-Z]{2}$", code):
            raise _fail(path, line, f"key must be a two-letter state code, got {code!r}")
        if not isinstance(item, dict) or set(item) - {"point", "abbr"} or "point" not in item:
            raise _fail(path, line, "expected {point: [lat, lon], abbr: [...]}")
        point = _latlon(item["point"], path=path, line=line)
        abbr = _strings(item.get("abbr"), path=path, line=line, field="abbr")
        out.append(AuthoredState(code, point, abbr))
    return tuple(out)


def parse_provinces(text: str, *, path: str = PROVINCES_FILE) -> tuple[AuthoredProvince, ...]:
    """Check and read the province abbreviations: ``{ISO3: {division name: [abbr]}}``."""
    return tuple(
        AuthoredProvince(code, name, _strings(abbr, path=path, line=at, field="abbreviations"))
        for at, code, name, abbr in _divisions(text, path=path, key="provinces", value="[abbreviations]")
    )


def _divisions(text: str, *, path: str, key: str, value: str) -> Iterator[tuple[int, str, str, Any]]:
    """``(line, ISO3, division name, value)`` for each division of ``{ISO3: {name: value}}``
    under ``key``, with the keys checked (``value`` names the expected value in errors)."""
    for line, code, item, fields in _section(text, path=path, key=key):
        if not isinstance(code, str) or not _ISO3.match(code):
            raise _fail(path, line, f"key must be an ISO3 code, got {code!r}")
        if not isinstance(item, dict) or not item:
            raise _fail(path, line, f"expected a mapping of division name -> {value}")
        for name, found in item.items():
            at = fields.get(str(name), line)
            if not isinstance(name, str) or not name.strip():
                raise _fail(path, at, f"division name must be a non-empty string, got {name!r}")
            yield at, code, name, found


@dataclass(frozen=True, slots=True)
class GeonamesPoints:
    """GeoNames' own points for countries (ISO3) and some admin-1 divisions
    ((ISO3, name)): what a country or province resolves to when listed here."""

    countries: dict[str, tuple[float, float]]
    admin1: dict[tuple[str, str], tuple[float, float]]


def parse_geonames_points(text: str, *, path: str = GEONAMES_FILE) -> GeonamesPoints:
    """Check and read ``{countries: {ISO3: [lat, lon]}, admin1: {ISO3: {name: [lat, lon]}}}``."""
    countries: dict[str, tuple[float, float]] = {}
    for line, code, point, _fields in _section(text, path=path, key="countries"):
        if not isinstance(code, str) or not _ISO3.match(code):
            raise _fail(path, line, f"key must be an ISO3 code, got {code!r}")
        if code in countries:
            raise _fail(path, line, f"duplicate country {code}")
        countries[code] = _latlon(point, path=path, line=line)
    admin1 = {
        (code, name): _latlon(point, path=path, line=at)
        for at, code, name, point in _divisions(text, path=path, key="admin1", value="[lat, lon]")
    }
    return GeonamesPoints(countries, admin1)


def load_all() -> tuple[tuple[AuthoredPlace, ...], tuple[AuthoredCountry, ...], tuple[AuthoredState, ...]]:
    """Read and check the three packaged files."""
    return (
        parse_places(read_text(PLACES_FILE)),
        parse_countries(read_text(COUNTRIES_FILE)),
        parse_states(read_text(STATES_FILE)),
    )
