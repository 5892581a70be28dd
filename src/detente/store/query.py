"""Filters over stored events, as parameterised SQL fragments.

Actors are given as users write them: an ISO3 country (``IRN``), an actor code
(``AZEGOV``, ``IGOUNO``) or a name (``Iran``, ``the Kremlin``); names are
resolved to a code by the caller-supplied resolver before any SQL is built,
and every value travels as a parameter, never inside the SQL text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from detente.errors import InputError
from detente.events.codes import PLOVER_TYPES

_ISO3 = re.compile(r"^[A-Z]{3}$")
_CODE = re.compile(r"^[A-Z]{4,}$")


@dataclass(frozen=True, slots=True)
class ActorRef:
    """One side of a query: a country (matches every sector) or a code prefix."""

    label: str
    country: str | None = None
    code: str | None = None

    def sql(self, side: str) -> tuple[str, list[Any]]:
        if self.country:
            return f"{side}_country = ?", [self.country]
        return f"starts_with({side}_code, ?)", [self.code]


Resolver = Callable[[str], ActorRef | None]


def parse_actor(text: str, resolve: Resolver | None = None) -> ActorRef:
    raw = text.strip()
    if _ISO3.match(raw):
        return ActorRef(raw, country=raw)
    if _CODE.match(raw):
        return ActorRef(raw, code=raw)
    found = resolve(raw) if resolve else None
    if found is None:
        raise InputError(
            f"unknown actor {text!r}: give an ISO3 code (IRN), an actor code (AZEGOV) or a known name",
            code="E108",
        )
    return found


@dataclass(frozen=True, slots=True)
class EventFilter:
    actor: ActorRef | None = None  # either side
    pair: tuple[ActorRef, ActorRef] | None = None  # either direction
    source: ActorRef | None = None
    target: ActorRef | None = None
    event_type: str | None = None  # CAMEO code prefix ("04", "057") or PLOVER type
    quad_class: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    facts_only: bool = False  # drop negated, hypothetical and future events
    doc_id: str | None = None
    extra: tuple[tuple[str, tuple[Any, ...]], ...] = field(default=())

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []

        def add(sql: str, values: list[Any]) -> None:
            clauses.append(sql)
            params.extend(values)

        if self.actor:
            s, ps = self.actor.sql("source")
            t, pt = self.actor.sql("target")
            add(f"(({s}) OR ({t}))", ps + pt)
        if self.source:
            add(*self.source.sql("source"))
        if self.target:
            add(*self.target.sql("target"))
        if self.pair:
            a, b = self.pair
            sa, psa = a.sql("source")
            tb, ptb = b.sql("target")
            sb, psb = b.sql("source")
            ta, pta = a.sql("target")
            add(f"((({sa}) AND ({tb})) OR (({sb}) AND ({ta})))", psa + ptb + psb + pta)
        if self.event_type:
            kind = self.event_type.strip().upper()
            if kind in PLOVER_TYPES:
                add("plover = ?", [kind])
            elif kind.isdigit():
                add("starts_with(cameo, ?)", [kind])
            else:
                raise InputError(
                    f"unknown event type {self.event_type!r}: "
                    "a CAMEO code (04, 057) or a PLOVER type (CONSULT)",
                    code="E109",
                )
        if self.quad_class is not None:
            if self.quad_class not in (1, 2, 3, 4):
                raise InputError("quad class must be 1, 2, 3 or 4", code="E109")
            add("quad_class = ?", [self.quad_class])
        if self.start:
            add("date_end >= ?", [self.start])
        if self.end:
            add("date_start <= ?", [self.end])
        if self.facts_only:
            clauses.append("NOT (negated OR hypothetical OR future)")
        if self.doc_id:
            add("doc_id = ?", [self.doc_id])
        for sql, values in self.extra:
            add(sql, list(values))
        return (" AND ".join(clauses) or "TRUE"), params
