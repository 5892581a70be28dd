"""The plain data model every stage reads and writes.

Nothing here does I/O or knows about spaCy: the NLP stage turns a spaCy ``Doc``
into a :class:`ParsedDocument` so that later stages, the store, the API and the
tests can build and compare these objects by hand.  Every type is frozen; a
stage returns a new :class:`Analysis` with its own field filled
(``dataclasses.replace``) instead of mutating what it was given.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

DatePrecision = Literal["day", "week", "month", "season", "quarter", "year", "decade"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True, slots=True)
class Document:
    """One article as it arrived: the unit of ingestion, storage and provenance."""

    id: str
    text: str
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Token:
    """A token with its parse; ``head`` and ``i`` are indices into the document's tokens."""

    i: int
    text: str
    start: int  # character offset in the document text
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    sent: int  # index of the sentence holding the token
    ent_type: str = ""
    ent_iob: str = "O"
    whitespace: str = ""
    morph: str = ""  # spaCy's morphology string, e.g. "Tense=Past|VerbForm=Fin"

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int  # character offsets in the document text
    end: int
    token_start: int  # token slice [token_start, token_end)
    token_end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity span found by the NLP stage (PERSON, GPE, DATE ...)."""

    label: str
    text: str
    start: int
    end: int
    token_start: int
    token_end: int
    sent: int


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    document: Document
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...] = ()

    def sentence_tokens(self, index: int) -> tuple[Token, ...]:
        sent = self.sentences[index]
        return self.tokens[sent.token_start : sent.token_end]

    def children(self, token: Token) -> tuple[Token, ...]:
        sent = self.sentences[token.sent]
        return tuple(
            t for t in self.tokens[sent.token_start : sent.token_end] if t.head == token.i and t.i != token.i
        )

    def subtree(self, token: Token) -> tuple[Token, ...]:
        """Tokens dominated by ``token`` (itself included), in text order."""
        sent = self.sentences[token.sent]
        toks = self.tokens[sent.token_start : sent.token_end]
        inside = {token.i}
        changed = True
        while changed:
            changed = False
            for t in toks:
                if t.i not in inside and t.head in inside and t.head != t.i:
                    inside.add(t.i)
                    changed = True
        return tuple(t for t in toks if t.i in inside)


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor identity: who, not where it was mentioned."""

    name: str
    code: str  # CAMEO-style code: country + sector ("AZEGOV") or a non-state code ("IGOUNO")
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None  # GOV, MIL, REB, IGO ...
    wikidata: str | None = None
    kind: str = "state"  # state | person | organisation | group


@dataclass(frozen=True, slots=True)
class ActorMention:
    text: str
    start: int
    end: int
    sent: int
    token_start: int
    token_end: int
    head: int  # index of the syntactic head token of the mention
    actor: Actor

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": self.actor.name,
            "country": self.actor.country,
            "sector": self.actor.sector,
            "code": self.actor.code,
            "wikidata": self.actor.wikidata,
        }


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression normalised to a TIMEX3 value against the publication date."""

    text: str
    start: int
    end: int
    sent: int
    type: TimexType
    value: str | None  # TIMEX3 value: "2025-04-28", "2025-W17", "2023", "P2Y", "PAST_REF" ...
    date: str | None = None  # calendar value usable as an event date: "YYYY", "YYYY-MM", "YYYY-MM-DD"
    precision: DatePrecision | None = None
    modifier: str | None = None  # TIMEX3 mod: EARLY, MID, LATE, START, END, APPROX ...
    anchor: str | None = None  # for relative-to-event expressions: the anchoring words


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    feature: str | None = None  # country | city | admin1 | sea | region ...


@dataclass(frozen=True, slots=True)
class PlaceMention:
    text: str
    start: int
    end: int
    sent: int
    place: Place | None  # None when the name could not be resolved
    score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        p = self.place
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": p.name if p else self.text,
            "country": p.country if p else None,
            "lat": p.lat if p else None,
            "lon": p.lon if p else None,
            "geonameid": p.geonameid if p else None,
            "feature": p.feature if p else None,
        }


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event with every field of the ``detente extract`` contract."""

    doc_id: str
    sentence: int
    evidence: str
    trigger: Span
    source: ActorMention | None
    target: ActorMention | None
    cameo: str
    cameo_root: str
    plover: str | None
    quad_class: int
    goldstein: float
    plover_mode: str | None = None
    date: str | None = None
    date_precision: DatePrecision | None = None
    date_text: str | None = None
    date_basis: Literal["text", "publication"] | None = None
    location: PlaceMention | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object (CONTRACTS.md, ``detente extract``)."""
        return {
            "doc_id": self.doc_id,
            "sentence": self.sentence,
            "evidence": self.evidence,
            "trigger": self.trigger.to_dict(),
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_text": self.date_text,
            "date_basis": self.date_basis,
            "location": self.location.to_dict() if self.location else None,
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "future": self.future,
            "historical": self.historical,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the pipeline knows about one document; each stage fills one field."""

    parsed: ParsedDocument
    actors: tuple[ActorMention, ...] = ()
    times: tuple[TimeMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    events: tuple[Event, ...] = ()

    @property
    def document(self) -> Document:
        return self.parsed.document


@dataclass(frozen=True, slots=True)
class Rejected:
    """A document (or input line) that could not be processed, and why."""

    doc_id: str
    stage: str
    code: str
    detail: str
    extra: dict[str, Any] = field(default_factory=dict)

    def message(self) -> str:
        return f"{self.doc_id}: [{self.code}] {self.stage}: {self.detail}"
