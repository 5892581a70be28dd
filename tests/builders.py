"""Hand-built model objects for tests that need no spaCy model."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from detente.model import (
    Actor,
    ActorMention,
    Analysis,
    Document,
    Event,
    ParsedDocument,
    Place,
    PlaceMention,
    Sentence,
    Span,
)


def mention(text: str, country: str | None, sector: str | None = "GOV", *, start: int = 0) -> ActorMention:
    code = f"{country or ''}{sector or ''}" or "UNK"
    return ActorMention(
        text=text, start=start, end=start + len(text), sent=0, token_start=0, token_end=1, head=0,
        actor=Actor(name=text, code=code, country=country, sector=sector),
    )  # fmt: skip


def event(
    source: str | None,
    target: str | None,
    *,
    cameo: str = "040",
    quad: int = 1,
    goldstein: float = 1.0,
    date: str | None = "2025-04-28",
    precision: str | None = "day",
    doc_id: str = "d1",
    evidence: str = "A met B.",
    location: str | None = None,
    **flags: bool,
) -> Event:
    loc = None
    if location:
        loc = PlaceMention(location, 0, len(location), 0, Place(location, None, 40.0, 49.0, 1, "city"), 0.9)
    return Event(
        doc_id=doc_id, sentence=0, evidence=evidence, trigger=Span("met", 2, 5),
        source=mention(source, source) if source else None,
        target=mention(target, target) if target else None,
        cameo=cameo, cameo_root=cameo[:2], plover=None, quad_class=quad, goldstein=goldstein,
        date=date, date_precision=precision, date_text=None, date_basis="text" if date else None,  # type: ignore[arg-type]
        location=loc, **flags,
    )  # fmt: skip


def analysis(
    doc_id: str, events: list[Event], *, text: str = "A met B.", published: dt.date | None = None
) -> Analysis:
    doc = Document(id=doc_id, text=text, published=published or dt.date(2025, 4, 30))
    parsed = ParsedDocument(doc, (), (Sentence(0, 0, len(text), 0, 0, text),))
    return Analysis(parsed=parsed, events=tuple(replace(e, doc_id=doc_id) for e in events))
