"""Choosing which place a name means: features, population, and the document.

Rules, in the order they weigh:
- a "Town, Qualifier" pattern ("Paris, Texas", "Paris, Tenn.", "Paris, France") keeps
  the candidates in the named state or country, and later bare mentions of the same
  name in the document inherit that choice;
- a country name is a country, and a demonym ("Iranian") names its country.  The
  one clash with a US state ("Georgia") is decided by the document: the country
  unless the other places of the document are in the United States;
- a US state's name is the state, not a smaller town named after it ("California"
  in a list of states is not California, Pennsylvania), unless a qualifier says so;
  a province's name is the province over a much smaller namesake town of its own
  country, and over one abroad when the story names the province's country; words
  around the name can say more (:mod:`.phrasing`: "Washington state", lists);
- otherwise each candidate scores by feature (US state, province, continent,
  authored sea or region) and, for cities, by log10(population); a province scores
  at least log10(its population) - 1, so "Quebec" is the province, not its capital;
  GeoNames alternate names (often foreign spellings) lose;
- a town and a county the story names that lie next to each other pick each other
  ("Paris ... Henry County" are both in Tennessee);
- the document is a place: a candidate gains when other places of the document lie
  in its country, again when they lie in its US state, and again the nearer it lies
  to them (a small town 20 km from the story's other towns beats a namesake across
  the ocean).  Context is read twice: first from the names that are clear on their
  own, then from every first-round choice, so that a story's cluster of small towns
  pulls its ambiguous names in.  The boosts are flat, not per mention, so five
  mentions of the United States do not send "Paris" to Texas; a Texas town does.
  A town abroad knows its province as a US town knows its state, so "London" in a
  story that names Ontario is London, Ontario.  A mention found through a shorter
  name inside it ("Paris City Hall") is that name, not a second place confirming it;
- the dateline's country gains most, except over a great city abroad ("Paris" in a
  story filed from Newark stays in France).
A county or province whose own point is unknown (no installed package has one; the
gazetteer stores its state's or country's point, *coarse*) is placed at the middle
of the document's towns in that state or country when there are any.
A name the gazetteer does not know is looked up by the shorter names inside it
(:mod:`.fallback`: "Northeast Georgia", "Sichuan province"), at a lower score.
The mention's ``score`` is the recognition trust times the softmax share of the
winning candidate, so a lone clear name scores high and a toss-up scores low.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field, replace

from detente.model import ParsedDocument, Place, PlaceMention
from detente.places.fallback import inner_names
from detente.places.gazetteer import ALIAS, ALTERNATE, PRIMARY, Candidate, Gazetteer
from detente.places.phrasing import listed, state_reading
from detente.places.recognize import Found

FEATURE_BASE = {"country": 10.0, "continent": 6.5, "admin1": 5.5, "admin2": 5.0}
AUTHORED_BASE = 6.5
KIND_PENALTY = {ALIAS: 0.3, ALTERNATE: 2.5}
UNRESOLVED_FACTOR = 0.3
INNER_FACTOR = 0.8  # the place of a shorter name inside the one found ("Northeast Georgia")
COARSE_FACTOR = 0.7  # a county or province placed by its document, not by its own point
EARTH_KM = 6371.0
ADMIN1_DISCOUNT = 1.0  # log10 population of a province, less this, is its base score
STATE_NAMESAKE_POPULATION = 500_000  # a smaller town named like a US state is not meant
PROVINCE_NAMESAKE_SHARE = 0.2  # nor a town with under a fifth of a province's people
WORLD_CITY_POPULATION = 1_000_000  # a city this large is not moved abroad by a dateline


@dataclass(frozen=True, slots=True)
class Weights:
    context: float = 1.5
    dateline: float = 3.0
    qualifier: float = 6.0
    margin: float = 1.0  # base-score lead that makes a name count as document context
    near: float = 2.0  # for a candidate next to the document's other places
    near_km: float = 400.0  # the nearness bonus falls to zero at this distance
    pair: float = 1.5  # for a town next to a meaning of a county the story names, and back
    pair_km: float = 40.0


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def _base(c: Candidate, *, state_clash: bool) -> float:
    feature = c.entry.place.feature or ""
    if feature == "country" and state_clash:
        base = FEATURE_BASE["admin1"] + 1.1  # Georgia: context decides, country on a tie
    elif feature == "admin1":
        # A populous province outweighs its capital's namesake town ("Quebec", "Ontario");
        # a great city still outweighs its state (New York), as the city holds much of it.
        base = max(FEATURE_BASE["admin1"], math.log10(max(c.entry.population, 1)) - ADMIN1_DISCOUNT)
    elif feature in FEATURE_BASE:
        base = FEATURE_BASE[feature]
    elif feature == "city":
        base = math.log10(max(c.entry.population, 10))
    else:
        base = AUTHORED_BASE
    return base - KIND_PENALTY.get(c.kind, 0.0)


def _candidates(gaz: Gazetteer, f: Found) -> tuple[tuple[Candidate, ...], str | None]:
    """The candidates for a found name, and the shorter name inside it whose
    candidates they are (:mod:`.fallback`), or None when they are the name's own."""
    text = f.text
    partial: str | None = None
    if f.origin == "demonym":
        entry = gaz.demonym(text)
        if entry is None:
            return (), partial
        index = gaz.countries[entry.place.country or ""]
        return (Candidate(index, ALIAS, entry),), partial
    if text.endswith(".") or (len(text) == 2 and text.isupper()):
        # A state abbreviation NER called a place ("Springfield, Ill.", "Kan."): the
        # state, not a foreign city whose alternate name it spells.
        q = gaz.qualifier(text)
        if q is not None and q[1] is not None and q[1] in gaz.states:
            index = gaz.states[q[1]]
            return (Candidate(index, ALIAS, gaz.entry(index)),), partial
    cands = _lookup(gaz, text)
    if not cands:
        for inner in inner_names(text):
            cands = tuple(c for c in _lookup(gaz, inner) if c.kind != ALTERNATE)
            if cands:
                partial = inner
                break
    return tuple(c for c in cands if c.entry.place.lat is not None), partial


def _lookup(gaz: Gazetteer, text: str) -> tuple[Candidate, ...]:
    """The gazetteer's candidates for a name, with "St."/"Mt."/"Ft." spelled out and
    a bare state abbreviation ("Ky") read as its state."""
    cands = gaz.lookup(text)
    if not cands:
        # A demonym inside a longer name NER called a place ("Sri Lankan", "Turkish
        # Embassy" -> "Turkish"): its country.
        entry = gaz.demonym(text)
        if entry is not None and entry.place.country in gaz.countries:
            return (Candidate(gaz.countries[entry.place.country], ALIAS, entry),)
        low = text.lower()
        for short, full in (("st. ", "saint "), ("st ", "saint "), ("mt. ", "mount "), ("ft. ", "fort ")):
            if low.startswith(short):
                cands = gaz.lookup(full + text[len(short) :])
                break
    if not cands and len(text) <= 6:
        q = gaz.qualifier(text)
        if q is not None and q[1] is not None and q[1] in gaz.states:
            index = gaz.states[q[1]]
            cands = (Candidate(index, ALIAS, gaz.entry(index)),)
    return cands


def _without_state_namesakes(
    cands: tuple[Candidate, ...], *, countries: frozenset[str] | None = None
) -> tuple[Candidate, ...]:
    """A first-level division's name means the division, not a town named after it
    ("California, Pa.", "Washington, Iowa", "Ontario, Calif.", Quebec City for
    "Quebec"), unless a qualifier names the town's state (the caller keeps those) or
    the town is a great city in its own right: for a US state, one of at least
    ``STATE_NAMESAKE_POPULATION`` people (Washington, D.C., New York); for a province
    elsewhere, one holding at least ``PROVINCE_NAMESAKE_SHARE`` of the province's
    people (Ankara, Kandahar, Sao Paulo keep their cities).  Towns in the province's
    own country always give way to it; towns abroad only when the story names the
    province's country elsewhere (``countries``: "Ontario" in a story that mentions
    Canada or Toronto), so that a local story's Delta or Medina stays a town.  With
    ``countries`` None only the US-state rule applies.

    Why: a small town gains context from the story (its country, nearby towns) that
    a province, a point without neighbours, cannot; the province's name is the
    reading a reader takes unless the story says otherwise."""
    floor: float | None = None
    for c in cands:
        place = c.entry.place
        if c.kind != PRIMARY or place.feature != "admin1":
            continue
        if place.country == "USA":
            need = float(STATE_NAMESAKE_POPULATION)
        elif c.entry.population and countries is not None:
            need = c.entry.population * PROVINCE_NAMESAKE_SHARE
            if place.country not in countries:
                # Only its own country's namesakes give way.
                same = tuple(
                    x
                    for x in cands
                    if x.entry.place.feature == "city" and x.entry.place.country == place.country
                )
                if any(x.entry.population < need for x in same):
                    cands = tuple(x for x in cands if x not in same or x.entry.population >= need)
                continue
        else:
            continue
        floor = need if floor is None else min(floor, need)
    if floor is None:
        return cands
    return tuple(c for c in cands if c.entry.place.feature != "city" or c.entry.population >= floor)


def _qualifier(parsed: ParsedDocument, found: Found, gaz: Gazetteer) -> tuple[str, str | None] | None:
    """The state/country named right after "X," ("Paris, Texas", "Paris, Tenn."),
    unless "X, Y" is the start of a list (:func:`detente.places.phrasing.listed`)."""
    q = _qualifier_at(parsed, found, gaz)
    if q is None:
        return None
    (country, state), end = q
    return None if listed(parsed, found, end, gaz, (country, state)) else (country, state)


def _qualifier_at(
    parsed: ParsedDocument, found: Found, gaz: Gazetteer
) -> tuple[tuple[str, str | None], int] | None:
    """The qualifier after "X," and the token index just past it."""
    toks = parsed.tokens
    i = found.token_end
    if i + 1 >= len(toks) or toks[i].text != "," or toks[i].sent != toks[found.token_start].sent:
        return None
    first = toks[i + 1]
    for width in (3, 2, 1):
        j = i + 1 + width
        if j > len(toks):
            continue
        text = parsed.document.text[first.start : toks[j - 1].end]
        if not text[:1].isupper():
            return None
        q = gaz.qualifier(text)
        if q is not None:
            return q, j
    return None


def _matches(c: Candidate, q: tuple[str, str | None]) -> bool:
    country, state = q
    place = c.entry.place
    if place.country != country:
        return False
    return state is None or c.entry.admin1 == state


def _clash(cands: tuple[Candidate, ...]) -> bool:
    """A country name that is also a US state ("Georgia")."""
    countries = {c.entry.place.country for c in cands if c.entry.place.feature == "country"}
    states = [
        c
        for c in cands
        if c.entry.place.feature == "admin1"
        and c.entry.place.country == "USA"
        and c.entry.admin1
        and c.kind != ALTERNATE
    ]
    return bool(countries and states)


def _world_city(cands: tuple[Candidate, ...]) -> Candidate | None:
    """The great city among a name's candidates (``WORLD_CITY_POPULATION``), if any.

    Why: a dateline says where the reporter files from, not where every place of the
    story is; "NEWARK, N.J. - ... a plane to San Francisco instead of Paris" is Paris,
    France.  So the dateline's boost does not go to a namesake town of a great city
    abroad; a qualifier, a named state or county, or nearby towns still can."""
    big = [
        c
        for c in cands
        if c.kind == PRIMARY
        and c.entry.place.feature == "city"
        and c.entry.population >= WORLD_CITY_POPULATION
    ]
    return max(big, key=lambda c: c.entry.population) if big else None


def _key(f: Found, inner: str | None) -> str:
    """The name a mention was resolved by, lower-cased: its own, or the shorter name
    inside it (:mod:`.fallback`).  Mentions with one key are one name: "Paris City
    Hall" and "Paris" say nothing about each other, so neither is the other's context."""
    return (inner or f.text).lower()


def _unambiguous(cands: tuple[Candidate, ...], *, margin: float) -> Candidate | None:
    """The candidate a name means whatever the context, if there is one: a country,
    the only candidate, or one that beats the runner-up by ``margin`` on its own
    (Atlanta, Georgia beats any other Atlanta by two orders of magnitude)."""
    if not cands or _clash(cands):
        return None
    ranked = sorted(cands, key=lambda c: _base(c, state_clash=False), reverse=True)
    if len(ranked) == 1 or ranked[0].entry.place.feature == "country":
        return ranked[0]
    gap = _base(ranked[0], state_clash=False) - _base(ranked[1], state_clash=False)
    return ranked[0] if gap >= margin else None


@dataclass(slots=True)
class _Context:
    """Where the document is: the names of its places by country and US state, and
    the points of its towns.  A mention never counts as its own context, nor do the
    other mentions of the same name ("Paris ... Paris" says nothing about Paris)."""

    countries: dict[str, set[str]]
    states: dict[str, set[str]]
    points: list[tuple[str, tuple[float, float]]]
    counties: list[tuple[str, tuple[float, float]]] = field(default_factory=list)  # every meaning
    towns: list[tuple[str, tuple[float, float]]] = field(default_factory=list)  # every meaning

    @classmethod
    def of(
        cls, keys: list[str], picks: list[Candidate | None], cands: list[tuple[Candidate, ...]] = ()
    ) -> _Context:
        """``keys``: each mention's name as looked up (see :func:`_key`)."""
        ctx = cls({}, {}, [])
        for name, cs in zip(keys, cands, strict=False):
            for c in cs:
                place = c.entry.place
                if c.entry.coarse or place.lat is None or place.lon is None:
                    continue
                if place.feature == "admin2":
                    ctx.counties.append((name, (place.lat, place.lon)))
                elif place.feature == "city":
                    ctx.towns.append((name, (place.lat, place.lon)))
        for name, pick in zip(keys, picks, strict=True):
            if pick is None:
                continue
            place = pick.entry.place
            if place.country:
                ctx.countries.setdefault(place.country, set()).add(name)
            if pick.entry.admin1:
                ctx.states.setdefault(pick.entry.admin1, set()).add(name)
            if place.feature == "city" and place.lat is not None and place.lon is not None:
                ctx.points.append((name, (place.lat, place.lon)))
        return ctx

    def has(self, table: dict[str, set[str]], key: str | None, name: str) -> bool:
        return key is not None and bool(table.get(key, set()) - {name})


def _local_namesake(cands: tuple[Candidate, ...], *, name: str, ctx: _Context) -> bool:
    """True when a country's name here means a town of the story's own US state or
    province: "Palestine" or "Lebanon" in a story whose other places include two in
    the state where a Palestine or Lebanon lies, and none in or near the country.
    The one exception to "a country name is a country"."""
    country = next((c for c in cands if c.entry.place.feature == "country"), None)
    if country is None or ctx.has(ctx.countries, country.entry.place.country, name):
        return False
    cp = country.entry.place
    if (
        cp.lat is not None
        and cp.lon is not None
        and any(n != name and distance_km((cp.lat, cp.lon), p) < 2000 for n, p in ctx.points)
    ):
        return False
    return any(
        c.entry.place.feature == "city"
        and c.entry.admin1
        and len(ctx.states.get(c.entry.admin1, set()) - {name}) >= 2
        for c in cands
    )


def _score(c: Candidate, *, name: str, ctx: _Context, clash: bool, weights: Weights) -> float:
    s = _base(c, state_clash=clash)
    place = c.entry.place
    if ctx.has(ctx.countries, place.country, name):
        s += weights.context
    if c.entry.admin1:
        # Each further name of the story in the same US state adds half again, up to
        # double: "London" with "Laurel County" and "Kentucky" is London, Kentucky.
        others = len(ctx.states.get(c.entry.admin1, set()) - {name})
        s += weights.context * min(2.0, 0.5 + 0.5 * others) if others else 0.0
    if place.feature == "city" and place.lat is not None and place.lon is not None:
        near = [distance_km((place.lat, place.lon), p) for n, p in ctx.points if n != name]
        if near:
            s += weights.near * max(0.0, 1.0 - min(near) / weights.near_km)
    if _paired(c, name=name, counties=ctx.counties, towns=ctx.towns, km=weights.pair_km):
        s += weights.pair
    return s


def _paired(
    c: Candidate,
    *,
    name: str,
    counties: list[tuple[str, tuple[float, float]]],
    towns: list[tuple[str, tuple[float, float]]],
    km: float,
) -> bool:
    """A town next to one of the meanings of a county the story names, or a county
    next to one of the meanings of a town it names: "Paris and Henry County" are the
    Paris and the Henry County of Tennessee, whatever the bigger namesakes."""
    place = c.entry.place
    if place.lat is None or place.lon is None or c.entry.coarse:
        return False
    others = counties if place.feature == "city" else towns if place.feature == "admin2" else []
    here = (place.lat, place.lon)
    return any(n != name and distance_km(here, p) <= km for n, p in others)


def _placed(place: Place, state: str | None, chosen: list[Candidate | None]) -> Place:
    """A coarse county/province moved to the middle of the document's towns inside it."""
    pts = [
        (c.entry.place.lat, c.entry.place.lon)
        for c in chosen
        if c is not None
        and c.entry.place.feature == "city"
        and c.entry.place.country == place.country
        and (state is None or c.entry.admin1 == state)
        and c.entry.place.lat is not None
    ]
    if not pts:
        return place
    lat = statistics.median(p[0] for p in pts)
    lon = statistics.median(p[1] for p in pts)  # type: ignore[misc]
    return replace(place, lat=round(lat, 4), lon=round(lon, 4))


def resolve(
    parsed: ParsedDocument, found: list[Found], gaz: Gazetteer, *, weights: Weights
) -> tuple[PlaceMention, ...]:
    quals = [_qualifier(parsed, f, gaz) for f in found]
    looked = [_candidates(gaz, f) for f in found]
    partial = [p for _, p in looked]
    keys = [_key(f, inner) for f, inner in zip(found, partial, strict=True)]
    cands = [
        cs if q is not None else _without_state_namesakes(state_reading(parsed, found, k, cs, looked))
        for k, ((cs, _), q) in enumerate(zip(looked, quals, strict=True))
    ]

    # Round 0: what the document says on its own about where it is.
    dateline_country: str | None = None
    fixed: dict[str, int] = {}  # lower-cased name -> entry chosen by a qualifier
    sure: list[Candidate | None] = []
    for f, key, cs, q in zip(found, keys, cands, quals, strict=True):
        pick = _unambiguous(cs, margin=weights.margin)
        if q is not None:
            inside = [c for c in cs if _matches(c, q)]
            if inside:
                pick = max(inside, key=lambda c: _base(c, state_clash=False))
                fixed.setdefault(key, pick.index)
        sure.append(pick)
        if pick is not None and f.origin == "dateline":
            dateline_country = pick.entry.place.country
    # The countries the story names on its own, each with the names that say so.
    named: dict[str, set[str]] = {}
    for key, pick in zip(keys, sure, strict=True):
        if pick is not None and pick.entry.place.country:
            named.setdefault(pick.entry.place.country, set()).add(key)
    cands = [
        cs
        if q is not None
        else _without_state_namesakes(cs, countries=frozenset(k for k, v in named.items() if v - {key}))
        for key, cs, q in zip(keys, cands, quals, strict=True)
    ]

    def choose(ctx: _Context) -> list[tuple[Candidate | None, float]]:
        out: list[tuple[Candidate | None, float]] = []
        for f, key, cs, q in zip(found, keys, cands, quals, strict=True):
            if not cs:
                out.append((None, 0.0))
                continue
            # A country whose name is also a town of the story's state: decide by context.
            clash = _clash(cs) or _local_namesake(cs, name=key, ctx=ctx)
            scores: list[float] = []
            world = _world_city(cs)
            for c in cs:
                s = _score(c, name=key, ctx=ctx, clash=clash, weights=weights)
                if (
                    dateline_country
                    and c.entry.place.country == dateline_country
                    and f.origin != "dateline"
                    and (world is None or world.entry.place.country == dateline_country)
                ):
                    s += weights.dateline
                if q is not None:
                    s += weights.qualifier if _matches(c, q) else -weights.qualifier
                elif fixed.get(key) == c.index:
                    s += weights.qualifier
                scores.append(s)
            top = max(range(len(cs)), key=lambda i: scores[i])
            z = sum(math.exp(s - scores[top]) for s in scores)
            out.append((cs[top], 1.0 / z))
        return out

    # Round 1 reads the sure names; round 2 every round-1 choice.
    first = choose(_Context.of(keys, sure, cands))
    second = choose(_Context.of(keys, [c for c, _ in first], cands))
    chosen = [c for c, _ in second]

    out: list[PlaceMention] = []
    for f, (pick, share), inner in zip(found, second, partial, strict=True):
        if pick is None:
            out.append(
                PlaceMention(f.text, f.start, f.end, f.sent, None, round(f.trust * UNRESOLVED_FACTOR, 3))
            )
            continue
        place, score = pick.entry.place, f.trust * share * (INNER_FACTOR if inner else 1.0)
        if pick.entry.coarse:
            place = _placed(place, pick.entry.admin1, chosen)
            score *= COARSE_FACTOR
        out.append(PlaceMention(f.text, f.start, f.end, f.sent, place, round(score, 3)))
    return tuple(sorted(out, key=lambda m: (m.start, m.end)))
