"""Dictionary entry types of the actors stage.

Kept apart from the loader and the matcher so that both (and callers that add
their own actors, such as the evaluation runner) share one small vocabulary
without importing each other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# CAMEO roles (plus LEG), PLOVER's extra sectors, and the non-state roots.
ROLES: frozenset[str] = frozenset(
    [
        "GOV",
        "MIL",
        "REB",
        "OPP",
        "PTY",
        "COP",
        "JUD",
        "SPY",
        "MED",
        "EDU",
        "BUS",
        "CRM",
        "CVL",
        "LEG",
        "PRM",
        "UAF",
        "UNK",
        "AGR",
        "ELI",
        "JRN",
        "LAB",
        "REF",
        "PRE",
        "REL",
        "SOC",
        "IGO",
        "NGO",
        "IMG",
        "MNC",
    ]
)

# How a pattern names its actor; the matcher treats each differently:
# a demonym shares a following sector word ("Iranian and Azerbaijani officials"),
# a capital as the subject of a verb stands for the government ("Tehran said"),
# a seat carries its own sector ("the Pentagon"), a person resolves by date.
FORMS: frozenset[str] = frozenset({"name", "demonym", "capital", "seat", "org", "person"})


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One dictionary entry: the patterns that name one actor (for one period).

    A person with several offices is several entries sharing ``name`` and
    ``patterns``, one per role, each with its ``start``/``end`` (inclusive).
    ``form`` says how the patterns name the actor (see :data:`FORMS`); ``None``
    derives it from ``kind`` (state -> name, person -> person, else org).
    """

    name: str
    code: str
    country: str | None
    sector: str | None
    patterns: tuple[str, ...]
    kind: str = "state"
    wikidata: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    form: str | None = None
    office: str | None = None
    # One of several actors a name stands for together ("the Benelux": BEL, NLD,
    # LUX; PETRARCH's "[A/B]"): every joint entry of the name is a mention of its own.
    joint: bool = False

    @property
    def pattern_form(self) -> str:
        if self.form:
            return self.form
        if self.kind == "state":
            return "name"
        if self.kind == "person":
            return "person"
        return "org"

    def holds(self, on: dt.date) -> bool:
        """True when this entry's period contains ``on`` (undated entries always do)."""
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)

    def distance(self, on: dt.date) -> int:
        """Days between ``on`` and this entry's period (0 inside it)."""
        if self.start is not None and on < self.start:
            return (self.start - on).days
        if self.end is not None and on > self.end:
            return (on - self.end).days
        return 0


@dataclass(frozen=True, slots=True)
class SectorWord:
    """A word or phrase that gives an actor its role ("foreign ministry" -> GOV).

    ``sector`` is None for generic words ("officials", "spokesman") that take the
    role of what they are attached to. ``title`` words may be followed by a
    person's name; ``standalone`` ones make a mention with no state attached.
    """

    text: str
    sector: str | None
    title: bool
    standalone: bool = False
    # The role goes before the state's code, not after it ("MSF Arnor" -> NGOARN):
    # CAMEO's non-state roots (NGO, IGO) lead a code, and PETRARCH's agent files
    # mark such roles with a trailing "~" ("NGO~").
    before: bool = False


@dataclass(frozen=True, slots=True)
class Grammar:
    """The closed word lists the matcher uses around dictionary matches."""

    sector_words: tuple[SectorWord, ...] = ()
    modifiers: frozenset[str] = frozenset()
    former: frozenset[str] = frozenset()
    name_particles: frozenset[str] = frozenset()
    name_continuations: frozenset[str] = frozenset()
    name_prefixes: frozenset[str] = frozenset()
    # The role of a past holder ("former security officials"). None keeps only the
    # country (detente's default); CAMEO codes former officials as elites, "ELI".
    former_sector: str | None = None
    # How role words compose with the code of what they are attached to. False: the
    # head word's role replaces the sector ("Danish Islamist media" -> DNKMED).
    # True: every role is appended in order, as CAMEO/PETRARCH codes stack agents
    # ("Danish Islamist media" -> DNKMUSMED, "White House officials" -> USAGOV).
    stack_codes: bool = False

    def merged(self, other: Grammar) -> Grammar:
        """Union of two grammars; a later sector word replaces an earlier one with the same text."""
        words = {w.text.lower(): w for w in self.sector_words}
        for w in other.sector_words:
            words[w.text.lower()] = w
        return Grammar(
            sector_words=tuple(words.values()),
            modifiers=self.modifiers | other.modifiers,
            former=self.former | other.former,
            name_particles=self.name_particles | other.name_particles,
            name_continuations=self.name_continuations | other.name_continuations,
            name_prefixes=self.name_prefixes | other.name_prefixes,
            former_sector=other.former_sector or self.former_sector,
            stack_codes=self.stack_codes or other.stack_codes,
        )
