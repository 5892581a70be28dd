"""Finding place names in a parsed document.

Three sources, in order of trust:
1. the dateline ("BAKU, April 28 (Reuters) -"): an all-capitals word or two at the
   very start of the text that the gazetteer knows;
2. spaCy's GPE, LOC and FAC entities;
3. the country or US state an organisation's name opens with ("the Ohio Supreme
   Court"), as geoparsing corpora annotate them;
4. names spaCy labels otherwise (it tags "Yerevan" or "Jordan" as PERSON and many
   places as ORG) or misses: an ORG or single-word PERSON entity whose *whole* text
   is a well-known place, and capitalised proper-noun runs outside any entity that
   the gazetteer knows.

The guards of source 4 (documented rule): a name is never taken from inside a longer
name ("Jordan Peterson", "Paris Hilton", "Tehran Times": the whole entity or
capitalised run must be the place name); a single-word PERSON is a place only when
it is a country, a US state, an authored feature or a city of at least
``strong_city_population``, is not preceded by a title ("Mr", "President"), and never
appears as part of a longer PERSON elsewhere in the document ("Michael Jordan ...
Jordan said"); month and weekday names ("May") are never places; demonym adjectives
("Iranian") are never places (NORP entities and adjective-tagged tokens are skipped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from detente.model import Entity, ParsedDocument, Token
from detente.places.gazetteer import ALTERNATE, Gazetteer

PLACE_LABELS = {"GPE": 0.95, "LOC": 0.9, "FAC": 0.75}
# How much we trust a mention found by each route (used in PlaceMention.score).
TRUST_DATELINE = 0.95
TRUST_RELABELLED = 0.75
TRUST_GAZETTEER = 0.7
TRUST_ORG_PREFIX = 0.6
TRUST_DEMONYM = 0.5

NOT_PLACES = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
    ]
)
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "sir",
        "president",
        "minister",
        "premier",
        "king",
        "queen",
        "prince",
        "princess",
        "sen",
        "senator",
        "rep",
        "gov",
        "governor",
        "gen",
        "general",
        "judge",
        "pope",
        "sheikh",
        "coach",
    ]
)
# Head words of institutions named after their town ("Dublin City Council").
INSTITUTIONS = frozenset(
    [
        "council",
        "commission",
        "board",
        "school",
        "schools",
        "library",
        "police",
        "department",
        "office",
        "university",
        "college",
        "hospital",
        "court",
        "utilities",
        "services",
        "society",
        "district",
        "authority",
        "airport",
        "chamber",
        "museum",
        "zoo",
    ]
)
STRONG_FEATURES = frozenset({"country", "admin1", "continent"})
MAX_WORDS = 6

_DATELINE = re.compile(r"^\s*([A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+){0,2})(?=\s*(?:,|\(|—|–|-\s))")


@dataclass(frozen=True, slots=True)
class Found:
    """A place name span before resolution."""

    text: str
    start: int
    end: int
    sent: int
    token_start: int
    token_end: int
    trust: float
    origin: str  # dateline | ner | relabelled | org-prefix | org-place | demonym | gazetteer


def _known(gaz: Gazetteer, text: str, *, strong_city_population: int, allow_cities: bool = True) -> bool:
    """True when ``text`` names a place we are willing to take without NER's word:
    a country, continent, US state or county, authored feature, or a large city.
    Other countries' provinces are not (pycountry's names include "Centre", "Nord",
    "Central" and many towns' names), nor small towns ("Mobile", "Hope")."""
    for cand in gaz.lookup(text):
        if cand.kind == ALTERNATE:
            continue
        feature = cand.entry.place.feature
        if feature == "city":
            if allow_cities and cand.entry.population >= strong_city_population:
                return True
        elif feature in ("admin1", "admin2"):
            if cand.entry.place.country == "USA":
                return True
        else:
            return True
    return False


def _sent_of(parsed: ParsedDocument, char: int) -> int:
    for s in parsed.sentences:
        if s.start <= char < s.end:
            return s.index
    return 0


def _trim(parsed: ParsedDocument, ts: int, te: int) -> tuple[int, int]:
    """Drop a leading determiner and trailing possessive/punctuation from a token span."""
    toks = parsed.tokens
    while ts < te and toks[ts].text.lower() == "the":
        ts += 1
    while te > ts and (toks[te - 1].text in ("'s", "’s", "'") or toks[te - 1].pos == "PUNCT"):
        te -= 1
    return ts, te


def _extend(parsed: ParsedDocument, gaz: Gazetteer, ts: int, te: int) -> int:
    """Grow a span over following lower-case words that complete a known name
    ("Zangezur" + "corridor", "Caspian" + "Sea" when NER stopped early)."""
    toks = parsed.tokens
    best = te
    for j in range(te + 1, min(len(toks), te + 2) + 1):
        if toks[j - 1].sent != toks[ts].sent or not toks[j - 1].text.isalpha():
            break
        text = parsed.document.text[toks[ts].start : toks[j - 1].end]
        if any(c.kind != ALTERNATE and c.entry.place.feature != "city" for c in gaz.lookup(text)):
            best = j
    return best


def _span(parsed: ParsedDocument, ts: int, te: int, trust: float, origin: str) -> Found:
    toks = parsed.tokens
    start, end = toks[ts].start, toks[te - 1].end
    return Found(parsed.document.text[start:end], start, end, toks[ts].sent, ts, te, trust, origin)


def dateline(parsed: ParsedDocument, gaz: Gazetteer) -> Found | None:
    """The dateline place ("BAKU, April 28 (Reuters) -"), if the text opens with one."""
    m = _DATELINE.match(parsed.document.text)
    if not m or not gaz.lookup(m.group(1)):
        return None
    start, end = m.start(1), m.end(1)
    inside = [t.i for t in parsed.tokens if start <= t.start < end]
    if not inside:
        return None
    return Found(
        m.group(1), start, end, _sent_of(parsed, start), inside[0], inside[-1] + 1, TRUST_DATELINE, "dateline"
    )


def _person_parts(parsed: ParsedDocument) -> frozenset[str]:
    """Words that appear inside multi-word PERSON names somewhere in the document."""
    out: set[str] = set()
    for e in parsed.entities:
        if e.label == "PERSON" and e.token_end - e.token_start > 1:
            out.update(t.text.lower() for t in parsed.tokens[e.token_start : e.token_end])
    return frozenset(out)


def _qualified(parsed: ParsedDocument, te: int, gaz: Gazetteer) -> bool:
    """Followed by ", <state or country>" ("Alexandria, Va.", "Dublin, Ohio")."""
    toks = parsed.tokens
    if te + 1 >= len(toks) or toks[te].text != "," or toks[te].sent != toks[te - 1].sent:
        return False
    for width in (2, 1):
        if te + 1 + width <= len(toks):
            text = parsed.document.text[toks[te + 1].start : toks[te + width].end]
            if text[:1].isupper() and gaz.qualifier(text) is not None:
                return True
    return False


def _relabelled(
    parsed: ParsedDocument,
    e: Entity,
    gaz: Gazetteer,
    persons: frozenset[str],
    strong: int,
    named: frozenset[str] = frozenset(),
) -> bool:
    """Should an ORG or PERSON entity be taken as a place?  ``named`` holds the
    lower-cased names NER calls places elsewhere in the document: a one-word
    "PERSON" that the same story also calls a place ("Gainesville"), or that a state
    follows ("Alexandria, Va."), is that place whatever its size."""
    ts, te = _trim(parsed, e.token_start, e.token_end)
    if ts >= te:
        return False
    text = parsed.document.text[parsed.tokens[ts].start : parsed.tokens[te - 1].end]
    if text.lower() in NOT_PLACES:
        return False
    if e.label == "PERSON":
        if te - ts != 1 or text.lower() in persons:
            return False
        prev = parsed.tokens[ts - 1] if ts > 0 else None
        if (
            prev is not None
            and prev.sent == parsed.tokens[ts].sent
            and prev.text.lower().rstrip(".") in TITLES
        ):
            return False
        if text.lower() in named or _qualified(parsed, te, gaz):
            return _known(gaz, text, strong_city_population=0)
    return _known(gaz, text, strong_city_population=strong)


def _org_prefix(parsed: ParsedDocument, e: Entity, gaz: Gazetteer) -> Found | None:
    """The country or US state an organisation's name opens with ("the Ohio Supreme
    Court", "Tennessee Arts Commission"): geoparsing corpora count these as places.
    Cities are not taken this way ("Paris Hilton", "Tehran Times")."""
    ts, te = _trim(parsed, e.token_start, e.token_end)
    for j in range(min(te - 1, ts + 3), ts, -1):
        text = parsed.document.text[parsed.tokens[ts].start : parsed.tokens[j - 1].end]
        if any(
            c.kind != ALTERNATE
            and (
                c.entry.place.feature == "country"
                or (c.entry.place.feature == "admin1" and c.entry.place.country == "USA")
            )
            for c in gaz.lookup(text)
        ):
            return _span(parsed, ts, j, TRUST_ORG_PREFIX, "org-prefix")
    return None


def _demonym(parsed: ParsedDocument, e: Entity, gaz: Gazetteer) -> Found | None:
    """A demonym ("Iranian", "Sri Lankan", "Palestinians") as a mention of its country:
    geoparsing corpora count adjectival toponyms, and the country is what they mean.
    Only a whole NORP entity (or a one-word GPE tagged as an adjective) is taken."""
    ts, te = _trim(parsed, e.token_start, e.token_end)
    if ts >= te:
        return None
    text = parsed.document.text[parsed.tokens[ts].start : parsed.tokens[te - 1].end]
    if gaz.demonym(text) is None:
        return None
    return _span(parsed, ts, te, TRUST_DEMONYM, "demonym")


def _org_place(parsed: ParsedDocument, e: Entity, gaz: Gazetteer, strong: int) -> Found | None:
    """The town an institution is named after: "Dublin City Council", "the Paris Public
    Library", "Gainesville Police Department", "University of Pennsylvania".

    Only when the rest of the name is institutional (a word of ``INSTITUTIONS`` ends it)
    and the place part is a whole capitalised run: "Paris Hilton" and "Tehran Times"
    stay people and newspapers."""
    ts, te = _trim(parsed, e.token_start, e.token_end)
    toks = parsed.tokens
    if te - ts < 2 or toks[te - 1].text.lower() not in INSTITUTIONS:
        return None
    # "University of Pennsylvania", "Bank of Georgia": the place after "of".
    for k in range(ts + 1, te - 1):
        if toks[k].text == "of" and toks[k - 1].text.lower() in INSTITUTIONS:
            text = parsed.document.text[toks[k + 1].start : toks[te - 1].end]
            if _known(gaz, text, strong_city_population=0):
                return _span(parsed, k + 1, te, TRUST_ORG_PREFIX, "org-place")
            return None
    for j in range(min(te - 1, ts + 3), ts, -1):
        if toks[j - 1].text.lower() in INSTITUTIONS:
            continue
        text = parsed.document.text[toks[ts].start : toks[j - 1].end]
        if _known(gaz, text, strong_city_population=0):
            return _span(parsed, ts, j, TRUST_ORG_PREFIX, "org-place")
    return None


def _is_cap(tok: Token) -> bool:
    return bool(tok.text) and tok.text[0].isupper() and tok.pos == "PROPN"


def _gazetteer_runs(parsed: ParsedDocument, gaz: Gazetteer, taken: set[int], strong: int) -> list[Found]:
    """Proper-noun runs outside every entity that are, as a whole, a known place."""
    toks = parsed.tokens
    out: list[Found] = []
    i = 0
    n = len(toks)
    while i < n:
        tok = toks[i]
        if i in taken or tok.ent_iob != "O" or not _is_cap(tok):
            i += 1
            continue
        prev = toks[i - 1] if i > 0 else None
        if prev is not None and prev.sent == tok.sent and _is_cap(prev):
            i += 1
            continue
        match = 0
        for j in range(min(n, i + MAX_WORDS), i, -1):
            if any(k in taken or toks[k].sent != tok.sent for k in range(i, j)):
                continue
            text = parsed.document.text[tok.start : toks[j - 1].end]
            nxt = toks[j] if j < n else None
            if nxt is not None and nxt.sent == tok.sent and _is_cap(nxt):
                continue  # part of a longer name ("Paris Hilton")
            if text.lower() in NOT_PLACES:
                continue
            if _known(gaz, text, strong_city_population=strong):
                match = j
                break
        if match:
            out.append(_span(parsed, i, match, TRUST_GAZETTEER, "gazetteer"))
            taken.update(range(i, match))
            i = match
        else:
            i += 1
    return out


def find(
    parsed: ParsedDocument, gaz: Gazetteer, *, strong_city_population: int, demonyms: bool = True
) -> list[Found]:
    """All place-name spans of the document, without overlaps, in text order."""
    found: list[Found] = []
    taken: set[int] = set()

    def add(f: Found) -> None:
        if any(k in taken for k in range(f.token_start, f.token_end)):
            return
        found.append(f)
        taken.update(range(f.token_start, f.token_end))

    head = dateline(parsed, gaz)
    if head is not None:
        add(head)
    persons = _person_parts(parsed)
    named = frozenset(e.text.lower() for e in parsed.entities if e.label in ("GPE", "LOC"))
    for e in parsed.entities:
        if e.label in PLACE_LABELS:
            ts, te = _trim(parsed, e.token_start, e.token_end)
            if ts >= te:
                continue
            if te - ts == 1 and parsed.tokens[ts].pos == "ADJ":
                # a demonym adjective tagged GPE ("Iranian")
                dem = _demonym(parsed, e, gaz) if demonyms else None
                if dem is not None:
                    add(dem)
                continue
            text = parsed.document.text[parsed.tokens[ts].start : parsed.tokens[te - 1].end]
            if text.lower() in NOT_PLACES:
                continue
            te = _extend(parsed, gaz, ts, te)
            add(_span(parsed, ts, te, PLACE_LABELS[e.label], "ner"))
        elif e.label in ("ORG", "PERSON") and _relabelled(
            parsed, e, gaz, persons, strong_city_population, named
        ):
            ts, te = _trim(parsed, e.token_start, e.token_end)
            te = _extend(parsed, gaz, ts, te)
            add(_span(parsed, ts, te, TRUST_RELABELLED, "relabelled"))
    for e in parsed.entities:
        if e.label == "ORG":
            prefix = _org_prefix(parsed, e, gaz) or _org_place(parsed, e, gaz, strong_city_population)
            if prefix is not None:
                add(prefix)
        elif e.label == "NORP" and demonyms:
            dem = _demonym(parsed, e, gaz)
            if dem is not None:
                add(dem)
    for f in _gazetteer_runs(parsed, gaz, set(taken), strong_city_population):
        add(f)
    found.sort(key=lambda f: f.start)
    return found
