"""The loaded actor dictionary: token indexes, date-aware resolution, lookups.

Patterns are indexed by the concatenation of their tokens without spaces
("Saudi Arabia" -> "SaudiArabia"), and every prefix of every key is kept in a
set.  Matching at a token then costs one or two hash lookups per token it
extends over, whatever spaCy's tokenisation of the pattern would have been
("U.S." or "U.S" + ".", "Guinea-Bissau" as one or three tokens), and needs no
tokenizer at load time.  Names match case-sensitively (so "US" is not "us");
sector words match case-insensitively ("Foreign Ministry", "foreign ministry").
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from detente.actors.entries import ROLES, ActorEntry, Grammar, SectorWord
from detente.model import Actor

if TYPE_CHECKING:
    from detente.actors.placenames import PlaceCountries

# A person whose role ended (or starts) this close to the date keeps that role:
# reports lag behind hand-overs and announce incoming office holders.
GRACE_DAYS = 90
_ANCIENT = dt.date.min
_COMPOSED = re.compile(r"^([A-Z]{3})([A-Z]{3})$")


def norm(text: str) -> str:
    """Fold curly apostrophes and diacritics so "Erdoğan" meets "Erdogan"."""
    if text.isascii():
        return text
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def pattern_key(pattern: str) -> str:
    """Index key of a pattern: no leading article, no whitespace, folded."""
    p = pattern.strip()
    if p[:4].lower() == "the ":
        p = p[4:]
    return "".join(norm(p).split())


def _without(entry: ActorEntry, keys: set[str], lower_keys: set[str]) -> ActorEntry:
    """``entry`` without the patterns whose key is in ``keys`` (or, folded, in ``lower_keys``)."""
    kept = tuple(
        p for p in entry.patterns if pattern_key(p) not in keys and pattern_key(p).lower() not in lower_keys
    )
    return entry if len(kept) == len(entry.patterns) else replace(entry, patterns=kept)


def _prefixes(keys: Iterable[str]) -> frozenset[str]:
    return frozenset(k[:n] for k in keys for n in range(1, len(k) + 1))


def _choose(entries: Sequence[ActorEntry], on: dt.date | None) -> tuple[ActorEntry, bool]:
    """The entry in force on ``on`` and whether it really is (see GRACE_DAYS).

    Without a date the current (open-ended, latest) entry is taken.
    """
    if on is None:
        return max(entries, key=lambda e: (e.end is None, e.start or _ANCIENT, e.end or _ANCIENT)), True
    holding = [e for e in entries if e.holds(on)]
    if holding:
        return max(holding, key=lambda e: e.start or _ANCIENT), True
    nearest = min(entries, key=lambda e: e.distance(on))
    return nearest, nearest.distance(on) <= GRACE_DAYS


def entry_actor(entry: ActorEntry, *, in_office: bool = True) -> Actor:
    """The Actor an entry stands for; a person out of office keeps only a country."""
    kind = entry.kind if entry.kind in ("state", "person", "organisation", "group") else "state"
    if entry.kind == "person" and not in_office:
        return Actor(entry.name, entry.country or "", entry.country, None, entry.wikidata, "person")
    return Actor(entry.name, entry.code, entry.country, entry.sector, entry.wikidata, kind)


class ActorLexicon:
    """Immutable actor dictionary built by :func:`detente.actors.load`.

    Holds the entries, the sector grammar and the indexes the matcher reads.
    Use :meth:`extended` to add entries (a new lexicon is returned) and
    :meth:`lookup` to resolve a free-text name such as a CLI filter.
    """

    __slots__ = (
        "_by_code",
        "_country_names",
        "_entries",
        "_grammar",
        "_name_prefixes",
        "_names",
        "_names_lower",
        "_origins",
        "_places",
        "_sector_prefixes",
        "_sectors",
    )

    def __init__(
        self,
        entries: Iterable[ActorEntry],
        grammar: Grammar,
        *,
        origins: Iterable[str] = (),
        places: PlaceCountries | None = None,
    ) -> None:
        self._entries: tuple[ActorEntry, ...] = tuple(entries)
        self._grammar = grammar
        self._places = places  # cities and provinces -> country (None: not used)
        given = tuple(origins)
        self._origins = given + ("",) * (len(self._entries) - len(given))  # "path:line" per entry
        names: dict[str, list[int]] = {}
        lower: dict[str, list[int]] = {}
        by_code: dict[str, int] = {}
        countries: dict[str, str] = {}
        for idx, entry in enumerate(self._entries):
            for pattern in entry.patterns:
                key = pattern_key(pattern)
                if key:
                    names.setdefault(key, []).append(idx)
                    lower.setdefault(key.lower(), []).append(idx)
            form = entry.pattern_form
            if form in ("name", "org") and entry.code not in by_code:
                by_code[entry.code] = idx
            if form == "name" and entry.country and entry.country not in countries:
                countries[entry.country] = entry.name
        self._names = {k: tuple(dict.fromkeys(v)) for k, v in names.items()}
        self._names_lower = {k: tuple(dict.fromkeys(v)) for k, v in lower.items()}
        self._name_prefixes = _prefixes(self._names)
        self._by_code = by_code
        self._country_names = countries
        sectors = {pattern_key(w.text).lower(): w for w in grammar.sector_words}
        self._sectors = sectors
        self._sector_prefixes = _prefixes(sectors)

    # -- read-only views -------------------------------------------------
    @property
    def entries(self) -> tuple[ActorEntry, ...]:
        return self._entries

    @property
    def grammar(self) -> Grammar:
        return self._grammar

    @property
    def places(self) -> PlaceCountries | None:
        return self._places

    def country_name(self, iso3: str) -> str | None:
        return self._country_names.get(iso3)

    def origin(self, entry: ActorEntry) -> str:
        """Where an entry was defined ("path:line"), "" for entries added in code."""
        for i, e in enumerate(self._entries):
            if e is entry:
                return self._origins[i]
        return ""

    def extended(
        self,
        entries: Iterable[ActorEntry],
        *,
        override: bool = False,
        grammar: Grammar | None = None,
        replace_sectors: bool = False,
    ) -> ActorLexicon:
        """A new lexicon with ``entries`` added (e.g. a user's actor file, fictional
        states for an evaluation) and, if given, ``grammar`` merged into its own.

        By default an added name that the lexicon already has is one more reading of
        it (states and organisations then win over people, see :meth:`resolve`).
        With ``override`` the added entries and sector words win: the existing
        entries lose every pattern an added entry (or an added sector word) also
        has, so "Kuwait" in a user's file coded ``KUW`` replaces the packaged
        ``KWT`` reading instead of competing with it.  Entries keep their codes, so
        :meth:`lookup` by code still finds them.  With ``replace_sectors`` the sector
        words of ``grammar`` replace the lexicon's own instead of joining them (coding
        with another project's role vocabulary); the rest of the grammar is merged.
        """
        added = tuple(entries)
        old = self._entries
        if override:
            taken = {pattern_key(p) for e in added for p in e.patterns}
            words = {pattern_key(w.text).lower() for w in (grammar.sector_words if grammar else ())}
            old = tuple(_without(e, taken, words) for e in old)
        merged = self._grammar.merged(grammar) if grammar is not None else self._grammar
        if grammar is not None and replace_sectors:
            merged = replace(merged, sector_words=grammar.sector_words)
        return ActorLexicon((*old, *added), merged, origins=self._origins, places=self._places)

    # -- matching on tokens ----------------------------------------------
    def match_name(self, keys: Sequence[str], i: int, end: int) -> tuple[int, tuple[int, ...]] | None:
        """Longest dictionary name starting at token ``i``: (end token, entry ids)."""
        names, prefixes = self._names, self._name_prefixes
        s = ""
        best = None
        for j in range(i, end):
            s += keys[j]
            if s not in prefixes:
                break
            hit = names.get(s)
            if hit is not None:
                best = (j + 1, hit)
        return best

    def match_sector(self, lowers: Sequence[str], i: int, end: int) -> tuple[int, SectorWord] | None:
        """Longest sector word starting at token ``i``: (end token, word)."""
        sectors, prefixes = self._sectors, self._sector_prefixes
        s = ""
        best = None
        for j in range(i, end):
            s += lowers[j]
            if s not in prefixes:
                break
            hit = sectors.get(s)
            if hit is not None:
                best = (j + 1, hit)
        return best

    # -- resolution --------------------------------------------------------
    def resolve(self, ids: Sequence[int], on: dt.date | None) -> tuple[ActorEntry, Actor]:
        """The entry and Actor that ``ids`` (one pattern's entries) name on date ``on``.

        States and organisations win over people sharing the pattern.  Among
        people, one in office on the date wins, then one within GRACE_DAYS of an
        office, then the one nearest to an office (who keeps only a country).
        """
        entries = [self._entries[i] for i in ids]
        others = [e for e in entries if e.pattern_form != "person"]
        if others:
            entry, _ = _choose(others, on)
            return entry, entry_actor(entry)
        people: dict[str, list[ActorEntry]] = {}
        for e in entries:
            people.setdefault(e.name, []).append(e)
        ranked = []
        for roles in people.values():
            entry, in_office = _choose(roles, on)
            holding = on is None or entry.holds(on)
            dist = 0 if on is None else entry.distance(on)
            ranked.append(
                ((not holding, not in_office, dist, -(entry.start or _ANCIENT).toordinal()), entry, in_office)
            )
        ranked.sort(key=lambda r: r[0])
        _, entry, in_office = ranked[0]
        return entry, entry_actor(entry, in_office=in_office)

    def companions(self, ids: Sequence[int], entry: ActorEntry, on: dt.date | None) -> tuple[Actor, ...]:
        """The other actors a name stands for beside ``entry`` (see :attr:`Piece.also`):
        joint entries of the same pattern sharing its name and its period but not its
        code ("the Benelux" -> BEL, NLD, LUX).  People never group; two files coding
        one name differently are two readings, not a group (see :meth:`extended`)."""
        if len(ids) < 2 or not entry.joint or entry.pattern_form == "person":
            return ()
        out: dict[str, Actor] = {}
        for i in ids:
            e = self._entries[i]
            if (
                e.joint
                and e.pattern_form != "person"
                and e.code != entry.code
                and e.name == entry.name
                and (e.start, e.end) == (entry.start, entry.end)
                and (on is None or e.holds(on))
            ):
                out.setdefault(e.code, entry_actor(e))
        return tuple(out.values())

    def entries_for(self, text: str) -> tuple[ActorEntry, ...]:
        """Every entry one of whose patterns is exactly ``text`` (case-sensitive)."""
        ids = self._names.get(pattern_key(text), ()) if text.strip() else ()
        return tuple(self._entries[i] for i in ids)

    def resolve_text(self, text: str, *, on: dt.date | None = None) -> tuple[ActorEntry, Actor] | None:
        """The entry and actor a name (exactly as written) stands for on date ``on``."""
        ids = self._names.get(pattern_key(text)) if text.strip() else None
        return self.resolve(ids, on) if ids else None

    def lookup(self, text: str, *, on: dt.date | None = None) -> Actor | None:
        """Resolve a name, code or demonym ("Iran", "IRN", "IRNGOV", "Azerbaijani", "Pezeshkian")."""
        t = text.strip()
        if not t:
            return None
        idx = self._by_code.get(t.upper())
        if idx is not None:
            return entry_actor(self._entries[idx])
        m = _COMPOSED.match(t.upper())
        if m and m.group(1) in self._country_names and m.group(2) in ROLES:
            iso, role = m.groups()
            return Actor(self._country_names[iso], iso + role, iso, role)
        key = pattern_key(t)
        ids = self._names.get(key) or self._names_lower.get(key.lower())
        if not ids:
            return None
        return self.resolve(ids, on)[1]
