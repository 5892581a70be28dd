"""Hand-built events for the scorers: no spaCy, no evaluation data."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from detente.model import Actor, ActorMention, Event, Span


def _mention(code: str | None, country: str | None) -> ActorMention | None:
    if code is None:
        return None
    actor = Actor(name=code, code=code, country=country, sector=code[3:6] or None)
    return ActorMention(
        text=code, start=0, end=len(code), sent=0, token_start=0, token_end=1, head=0, actor=actor
    )


def build_event(
    *,
    source: str | None,
    target: str | None,
    cameo: str = "040",
    plover: str | None = "CONSULT",
    confidence: float = 0.5,
    source_country: str | None = "",
    target_country: str | None = "",
    doc_id: str = "d",
) -> Event:
    """An event whose actors carry ``code``; the country defaults to the code's
    first three letters (pass ``None`` for a non-state actor)."""
    sc = (source[:3] if source else None) if source_country == "" else source_country
    tc = (target[:3] if target else None) if target_country == "" else target_country
    return Event(
        doc_id=doc_id,
        sentence=0,
        evidence="...",
        trigger=Span("met", 0, 3),
        source=_mention(source, sc),
        target=_mention(target, tc),
        cameo=cameo,
        cameo_root=cameo[:2],
        plover=plover,
        quad_class=1,
        goldstein=1.0,
        confidence=confidence,
    )


@pytest.fixture
def make_event() -> Callable[..., Event]:
    return build_event
