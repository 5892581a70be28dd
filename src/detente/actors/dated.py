"""Moving a mention to another date: the event's, once the dating stage knows it.

The actors stage runs before events are dated, so it resolves people (and
dated organisations) at the publication date.  A report of 2025 that recalls
"Pezeshkian, then health minister, visited Baku in 2003" must code the 2003
event with the 2003 role.  :func:`reresolve` redoes the dictionary choice for
one mention at a new date.

Only mentions whose text *is* a dictionary name ("Pezeshkian", "the Taliban")
and whose actor is one of that name's dictionary codings are moved.  A mention
whose role the text itself gives ("President Pezeshkian", "Iran's foreign
minister Araghchi", "former President Trump") keeps it: the words outrank the
calendar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from detente.actors.lexicon import ActorLexicon, entry_actor
from detente.model import ActorMention

_MOVABLE = frozenset({"person", "organisation", "group"})


def reresolve(mention: ActorMention, *, on: dt.date, lexicon: ActorLexicon) -> ActorMention:
    """``mention`` with its actor resolved at ``on`` (unchanged when the text gives the role)."""
    if mention.actor.kind not in _MOVABLE:
        return mention
    entries = lexicon.entries_for(mention.text)
    if not entries:
        return mention
    codings = {entry_actor(e) for e in entries} | {entry_actor(e, in_office=False) for e in entries}
    if mention.actor not in codings:
        return mention
    got = lexicon.resolve_text(mention.text, on=on)
    if got is None or got[1] == mention.actor:
        return mention
    return replace(mention, actor=got[1])


__all__ = ["reresolve"]
