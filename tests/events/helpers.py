"""Build actor mentions by hand so event tests do not depend on the actors stage."""

from __future__ import annotations

from detente.model import Actor, ActorMention, Analysis, ParsedDocument


def mention(parsed: ParsedDocument, text: str, code: str, *, nth: int = 0) -> ActorMention:
    """An actor mention over the ``nth`` occurrence of ``text``; ``code`` is
    "AZE", "AZEGOV", "IRNMIL" ... (country = first three letters unless IGO)."""
    doc = parsed.document.text
    start = -1
    for _ in range(nth + 1):
        start = doc.index(text, start + 1)
    end = start + len(text)
    toks = [t for t in parsed.tokens if t.start < end and t.end > start]
    assert toks, text
    inside = {t.i for t in toks}
    heads = [t for t in toks if t.head not in inside or t.head == t.i]
    head = heads[-1] if heads else toks[-1]
    country = None if code.startswith(("IGO", "NGO")) else code[:3]
    sector = code[3:6] or None
    return ActorMention(
        text=text,
        start=start,
        end=end,
        sent=toks[0].sent,
        token_start=toks[0].i,
        token_end=toks[-1].i + 1,
        head=head.i,
        actor=Actor(name=text, code=code, country=country, sector=sector),
    )


def with_actors(parsed: ParsedDocument, *marks: tuple[str, str] | tuple[str, str, int]) -> Analysis:
    """An Analysis whose actors are the given ``(text, code[, nth])`` marks."""
    actors = []
    for mark in marks:
        text, code = mark[0], mark[1]
        nth = mark[2] if len(mark) > 2 else 0  # type: ignore[misc]
        actors.append(mention(parsed, text, code, nth=nth))
    actors.sort(key=lambda m: m.start)
    return Analysis(parsed=parsed, actors=tuple(actors))
