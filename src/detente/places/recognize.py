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
    origin: str  # dateline | ner | relabelled | gazetteer


def _known(gaz: Gazetteer, text: str, *, strong_city_population: int, allow_cities: bool = True) -> bool:
    """True when ``text`` names a place we are willing to take without NER's word."""
    for cand in gaz.lookup(text):
        if cand.kind == ALTERNATE:
            continue
        feature = cand.entry.place.feature
        if feature == "city":
            if allow_cities and cand.entry.population >= strong_city_population:
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


def _relabelled(
    parsed: ParsedDocument, e: Entity, gaz: Gazetteer, persons: frozenset[str], strong: int
) -> bool:
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
    return _known(gaz, text, strong_city_population=strong)


def _org_prefix(parsed: ParsedDocument, e: Entity, gaz: Gazetteer) -> Found | None:
    """The country or US state an organisation's name opens with ("the Ohio Supreme
    Court", "Tennessee Arts Commission"): geoparsing corpora count these as places.
    Cities are not taken this way ("Paris Hilton", "Tehran Times")."""
    ts, te = _trim(parsed, e.token_start, e.token_end)
    for j in range(min(te - 1, ts + 3), ts, -1):
        text = parsed.document.text[parsed.tokens[ts].start : parsed.tokens[j - 1].end]
        if any(
            c.kind != ALTERNATE and c.entry.place.feature in ("country", "admin1") for c in gaz.lookup(text)
        ):
            return _span(parsed, ts, j, TRUST_ORG_PREFIX, "org-prefix")
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


def find(parsed: ParsedDocument, gaz: Gazetteer, *, strong_city_population: int) -> list[Found]:
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
    for e in parsed.entities:
        if e.label in PLACE_LABELS:
            ts, te = _trim(parsed, e.token_start, e.token_end)
            if ts >= te:
                continue
            if te - ts == 1 and parsed.tokens[ts].pos == "ADJ":
                continue  # a demonym adjective tagged GPE ("Iranian")
            text = parsed.document.text[parsed.tokens[ts].start : parsed.tokens[te - 1].end]
            if text.lower() in NOT_PLACES:
                continue
            te = _extend(parsed, gaz, ts, te)
            add(_span(parsed, ts, te, PLACE_LABELS[e.label], "ner"))
        elif e.label in ("ORG", "PERSON") and _relabelled(parsed, e, gaz, persons, strong_city_population):
            ts, te = _trim(parsed, e.token_start, e.token_end)
            te = _extend(parsed, gaz, ts, te)
            add(_span(parsed, ts, te, TRUST_RELABELLED, "relabelled"))
    for e in parsed.entities:
        if e.label == "ORG":
            prefix = _org_prefix(parsed, e, gaz)
            if prefix is not None:
                add(prefix)
    for f in _gazetteer_runs(parsed, gaz, set(taken), strong_city_population):
        add(f)
    found.sort(key=lambda f: f.start)
    return found
