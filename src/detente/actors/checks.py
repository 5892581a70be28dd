"""Checks across all loaded actor files, after each file passed its own schema.

A file can be well-formed and still wrong with the others: two files defining
the same person, a country code that names no state, two Presidents of Iran on
the same day.  These checks run once over everything loaded (packaged and
extra files together) and raise :class:`~detente.errors.ReferenceDataError`
(E201) at the later of the two places involved, naming the earlier one.

Rules:
- every ``country`` is an ISO 3166-1 alpha-3 code of a state (pycountry's list)
  or one of the codes detente also uses for Kosovo, Taiwan, Palestine and
  Western Sahara (XKX, TWN, PSE, ESH), or a state that a user's own file
  defines (``countries:``, or an ``actors:`` state entry): fictional states for
  tests, or entities without an ISO code;
- ids are unique: a country's ISO3, a person's name, an undated organisation's
  code and a Wikidata id each belong to one item;
- a single-seat office (President, Prime Minister, Minister of Foreign Affairs
  ...) of one country has one holder at a time. Terms may touch on the day of a
  hand-over (one ends the day the next starts); offices with several seats
  (members, deputies, vice presidents, ambassadors, judges ...; see
  :data:`MULTI_SEAT`) are not checked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pycountry

from detente.actors.entries import ActorEntry
from detente.actors.schema import Loaded
from detente.errors import E201, ReferenceDataError

PACKAGED = "detente/actors/data/"  # origin prefix of the packaged files
EXTRA_ISO3 = frozenset({"XKX", "TWN", "PSE", "ESH"})
# Words of office names held by several people at once.
MULTI_SEAT = frozenset(
    {
        "member",
        "deputy",
        "vice",
        "vice-president",
        "vice-chairman",
        "senator",
        "ambassador",
        "envoy",
        "adviser",
        "advisor",
        "judge",
        "associate",
        "commissioner",
        "representative",
        "portfolio",
        "state",
        "co-prince",
        "regent",
        "governor",
        "mayor",
        "councillor",
        "assistant",
        "acting",
    }
)
_SINGLE_DESPITE = ("chief justice", "secretary of state", "head of state")


def known_iso3() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries) | EXTRA_ISO3


def _fail(origin: str, problem: str) -> ReferenceDataError:
    path, _, line = origin.rpartition(":")
    return ReferenceDataError(E201.format(path=path, line=line, problem=problem), code="E201")


def multi_seat(office: str) -> bool:
    low = office.lower()
    if any(s in low for s in _SINGLE_DESPITE):
        return False
    words = low.replace(",", " ").replace("(", " ").replace(")", " ").split()
    return any(w in MULTI_SEAT for w in words)


def _user_state(entry: ActorEntry, origin: str) -> bool:
    """A state defined in a user's file (a fictional or unrecognised state has no ISO code)."""
    return not origin.startswith(PACKAGED) and entry.kind == "state" and entry.pattern_form == "name"


def _check_countries(loaded: Loaded, iso: frozenset[str]) -> None:
    pairs = list(zip(loaded.entries, loaded.origins, strict=True))
    iso = iso | {e.country for e, o in pairs if e.country and _user_state(e, o)}
    for entry, origin in pairs:
        if entry.country is not None and entry.country not in iso:
            raise _fail(origin, f"country {entry.country!r} is not an ISO 3166-1 alpha-3 code of a state")


def _check_ids(loaded: Loaded) -> None:
    owners: dict[tuple[str, str], str] = {}
    qids: dict[str, tuple[str, str]] = {}
    for entry, item in zip(loaded.entries, loaded.items, strict=True):
        key: tuple[str, str] | None = None
        form = entry.pattern_form
        if entry.kind == "state" and form == "name" and entry.country:
            key = ("country", entry.country)
        elif form == "person":
            key = ("person", entry.name)
        elif form == "org":  # a dated organisation is one item per period (the Taliban)
            key = ("organisation", f"{entry.name} from {entry.start}" if entry.start else entry.name)
        if key is not None:
            seen = owners.setdefault(key, item)
            if seen != item:
                raise _fail(item, f"{key[0]} {key[1]!r} is already defined at {seen}")
        if entry.wikidata:
            name, where = qids.setdefault(entry.wikidata, (entry.name, item))
            if name != entry.name:
                raise _fail(item, f"wikidata id {entry.wikidata} is already used by {name!r} at {where}")


def _overlap(a: ActorEntry, b: ActorEntry) -> dt.date | None:
    """The first day ``b`` (starting no earlier than ``a``) shares with ``a``, beyond a hand-over day."""
    if b.start is None:
        return None
    if a.end is None or b.start < a.end:
        return b.start
    return None


def _check_terms(loaded: Loaded) -> None:
    offices: dict[tuple[str, str], list[tuple[ActorEntry, str]]] = {}
    for entry, origin in zip(loaded.entries, loaded.origins, strict=True):
        if entry.pattern_form != "person" or not entry.office or entry.start is None:
            continue
        if multi_seat(entry.office):
            continue
        key = (entry.country or entry.code, " ".join(entry.office.lower().split()))
        offices.setdefault(key, []).append((entry, origin))
    for (country, office), terms in offices.items():
        terms.sort(key=lambda t: (t[0].start or dt.date.min, t[1]))
        open_terms: list[tuple[ActorEntry, str]] = []
        for entry, origin in terms:
            for prev, prev_origin in _still_open(open_terms, entry.start):
                day = _overlap(prev, entry)
                if day is not None and prev.name != entry.name:
                    raise _fail(
                        origin,
                        f"{entry.name} and {prev.name} ({prev_origin}) both hold {office!r} of {country} "
                        f"on {day}",
                    )
            open_terms.append((entry, origin))


def _still_open(
    terms: Iterable[tuple[ActorEntry, str]], start: dt.date | None
) -> list[tuple[ActorEntry, str]]:
    return [t for t in terms if start is None or t[0].end is None or t[0].end > start]


def check_all(loaded: Loaded) -> None:
    """Run every cross-file check over ``loaded``; raise at the first problem."""
    _check_countries(loaded, known_iso3())
    _check_ids(loaded)
    _check_terms(loaded)


__all__ = ["EXTRA_ISO3", "MULTI_SEAT", "check_all", "known_iso3", "multi_seat"]
