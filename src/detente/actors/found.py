"""The two records the matcher passes between its passes.

A :class:`Piece` is what the scan saw at one place (a dictionary name or a
sector word); a :class:`Found` is a composed mention before it becomes an
:class:`~detente.model.ActorMention`.  The document-level passes (context
countries in ``context.py``, coreference in ``coref.py``) read and replace
``Found`` objects, so they live in their own module rather than inside the
sentence matcher.
"""

from __future__ import annotations

from dataclasses import dataclass

from detente.actors.entries import ActorEntry, SectorWord
from detente.model import Actor


@dataclass(frozen=True, slots=True)
class Piece:
    """One scan result: a dictionary name (entry resolved) or a sector word."""

    start: int
    end: int
    entry: ActorEntry | None = None
    actor: Actor | None = None
    word: SectorWord | None = None
    # Further actors the same name stands for ("the Benelux" -> BEL, NLD, LUX):
    # entries sharing a name, a period and the pattern, with different codes.
    also: tuple[Actor, ...] = ()

    @property
    def form(self) -> str:
        return self.entry.pattern_form if self.entry else "sector"


@dataclass(frozen=True, slots=True)
class Found:
    """A composed mention: token span [start, end) of sentence ``sent`` and its actor.

    ``needs_country``: the role is known but not the state ("police", "President
    X" with no state); the context pass may give it one.  ``title``: the office
    words a person was named with ("foreign minister"), which later bare titles
    ("the minister") corefer to.  ``name``: the token span of a person's name
    inside the mention, whose words later bare mentions repeat.  ``anaphor``: a
    bare singular title ("the president") waiting for its antecedent; dropped if
    none is found.
    """

    start: int
    end: int
    actor: Actor
    sent: int = 0
    base: Piece | None = None  # the state/organisation piece the mention was built on
    bare: bool = False  # a base with no sector word
    possessive: bool = False
    shares: bool = False  # its sector may spread to "X and Y" before it
    needs_country: bool = False
    title: str | None = None
    name: tuple[int, int] | None = None
    learned: bool = False  # a person's name read from the text, not from the dictionary
    anaphor: bool = False
    stem: str | None = None  # with stacked codes: the code before the head word's role
