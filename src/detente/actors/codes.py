"""How role words turn the code of a state or body into an actor code.

Two conventions, chosen by :attr:`Grammar.stack_codes`:

- *head* (detente's default): the role of the last word with one replaces the
  sector ("Danish Islamist media" -> DNK + MED); an organisation keeps its code.
- *stacked* (CAMEO/PETRARCH): every role is appended in order, each once
  ("Danish Islamist media" -> DNKMUSMED, "White House officials" -> USAGOV,
  "activists of Amnesty" -> NGO...OPP), so a dictionary whose codes are built
  that way is reproduced.

Kept apart from the matcher so that the rules are plain functions with their
own tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from detente.actors.entries import SectorWord
from detente.model import Actor

_CHUNK = 3


def chunks(code: str) -> set[str]:
    """The three-letter parts of a code ("USAGOVELI" -> USA, GOV, ELI)."""
    return {code[i : i + _CHUNK] for i in range(0, len(code), _CHUNK)}


def stack_code(code: str, roles: Iterable[str]) -> str:
    """``code`` with each role appended unless the code already has it."""
    out = code
    for role in roles:
        if role and not chunks(role) <= chunks(out):
            out += role
    return out


def roles_of(words: Iterable[SectorWord | None]) -> list[str]:
    """The roles of a chain of role words, in order (generic words have none)."""
    return [w.sector for w in words if w is not None and w.sector and not w.before]


def stacked(
    actor: Actor,
    words: Iterable[SectorWord | None],
    *,
    former: bool,
    former_sector: str | None,
    is_body: bool,
) -> tuple[Actor, str]:
    """The actor ``actor`` becomes with ``words`` stacked on its code, and the code
    before the last word's role (what a second head joined by "and" builds on).

    A past holder's roles all become ``former_sector`` (none if None). A state with
    only generic words ("Iranian officials") takes the government's role; a body
    ("White House officials") keeps its own code.
    """
    words = list(words)
    roles = roles_of(words)
    stem_roles = roles_of(words[:-1])
    if former:
        roles = [former_sector] if former_sector else []
        stem_roles = []
    elif not roles and not is_body:
        roles = [actor.sector or "GOV"]
    code = stack_code(actor.code, roles)
    sector = roles[-1] if roles else actor.sector
    wikidata = actor.wikidata if code == actor.code else None
    return replace(actor, code=code, sector=sector, wikidata=wikidata), stack_code(actor.code, stem_roles)


def prefixed(actor: Actor, role: str) -> Actor:
    """``actor`` with a leading role ("MSF Arnor" -> NGO + ARN)."""
    if actor.code.startswith(role):
        return actor
    return replace(actor, code=role + actor.code, sector=actor.sector or role, wikidata=None)


__all__ = ["chunks", "prefixed", "roles_of", "stack_code", "stacked"]
