"""Give each event its own date: the time expression that belongs to it.

News reports mix the day of the story with background ("relations soured in
early 2023").  Filing every event under the publication date is GDELT's
error; here an event takes the date of a time expression that is attached to
its trigger in the parse (a ``prep``/``npadvmod``/``tmod`` dependent, or any
dependent reached without crossing another verb), or that is attached to a
verb above the trigger that is not a verb of saying ("said on Monday that ..."
dates the saying, not what was said).  Only when nothing fits does the event
fall back to the publication date, and then says so (``date_basis``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from detente.model import Analysis, Event, ParsedDocument, TimeMention, Token
from detente.time import calendar as cal
from detente.time.lexicon import PREPOSITIONS, REPORTING_LEMMAS
from detente.time.tense import head_token

_MAX_STEPS = 8
_CROSS_PENALTY = 2  # an expression on a verb above the trigger is a weaker claim


@dataclass(frozen=True, slots=True)
class DatingSettings:
    historical_days: int = 60
    relative_confidence: float = 0.85  # factor when only relative/duration words were found


def _token_range(parsed: ParsedDocument, start: int, end: int) -> tuple[int, int] | None:
    inside = [t.i for t in parsed.tokens if t.start < end and start < t.end]
    if not inside:
        return None
    return inside[0], inside[-1] + 1


def _path_up(parsed: ParsedDocument, token: Token) -> list[Token]:
    """``token`` and its ancestors, nearest first."""
    path = [token]
    cur = token
    for _ in range(_MAX_STEPS):
        if cur.head == cur.i:
            break
        cur = parsed.tokens[cur.head]
        path.append(cur)
    return path


def _distance(parsed: ParsedDocument, mention: TimeMention, trigger: Token) -> int | None:
    """Steps from the mention up to the trigger's clause, or None if it belongs elsewhere."""
    rng = _token_range(parsed, mention.start, mention.end)
    if rng is None:
        return None
    m_path = _path_up(parsed, head_token(parsed, *rng))
    t_path = _path_up(parsed, trigger)
    t_index = {t.i: n for n, t in enumerate(t_path)}
    for steps, tok in enumerate(m_path):
        if tok.i in t_index:
            up = t_index[tok.i]
            if up == 0:
                return steps
            if tok.lemma in REPORTING_LEMMAS:
                return None
            # the trigger must hang from this verb directly, not from a clause below it
            if any(t.pos in ("VERB", "AUX") for t in t_path[1:up]):
                return None
            return steps + up + _CROSS_PENALTY
        if steps > 0 and tok.pos in ("VERB", "AUX") and tok.i != trigger.i:
            return None  # the expression dates another clause's verb
    return None


def _date_text(parsed: ParsedDocument, mention: TimeMention) -> str:
    """The mention with its preposition ("on Monday"), as a reader would quote it."""
    text = parsed.document.text
    before = [t for t in parsed.tokens if t.end <= mention.start and t.sent == mention.sent]
    if before and before[-1].text.lower() in PREPOSITIONS:
        prep = before[-1]
        if not text[prep.end : mention.start].strip():
            return text[prep.start : mention.end]
    return mention.text


def _choose(
    parsed: ParsedDocument, event: Event, times: Sequence[TimeMention]
) -> tuple[TimeMention | None, bool]:
    """The best dated mention for ``event``, and whether an undatable one was attached."""
    rng = _token_range(parsed, event.trigger.start, event.trigger.end)
    if rng is None:
        return None, False
    trigger = head_token(parsed, *rng)
    best: tuple[int, int, TimeMention] | None = None
    relative_only = False
    for mention in times:
        if mention.sent != event.sentence or mention.type not in ("DATE", "TIME", "DURATION"):
            continue
        steps = _distance(parsed, mention, trigger)
        if steps is None:
            continue
        if mention.date is None:
            relative_only = True
            continue
        key = (steps, abs(mention.start - event.trigger.start))
        if best is None or key < best[:2]:
            best = (key[0], key[1], mention)
    return (best[2] if best else None), relative_only


def date_event(event: Event, parsed: ParsedDocument, times: Sequence[TimeMention], *,
               settings: DatingSettings) -> Event:  # fmt: skip
    """``event`` with ``date``, ``date_precision``, ``date_text``, ``date_basis`` and flags."""
    dct = parsed.document.published
    mention, relative_only = _choose(parsed, event, times)
    if mention is None or mention.date is None:
        confidence = event.confidence * (settings.relative_confidence if relative_only else 1.0)
        return replace(
            event,
            date=dct.isoformat() if dct else None,
            date_precision="day" if dct else None,
            date_text=None,
            date_basis="publication" if dct else None,
            confidence=confidence,
        )
    historical, future = event.historical, event.future
    span = cal.bounds(mention.date, mention.precision)
    if span is not None and dct is not None:
        historical = historical or span[1] < dct - dt.timedelta(days=settings.historical_days)
        future = future or span[0] > dct
    return replace(
        event,
        date=mention.date,
        date_precision=mention.precision,
        date_text=_date_text(parsed, mention),
        date_basis="text",
        historical=historical,
        future=future,
    )


def date_analysis(analysis: Analysis, *, settings: DatingSettings) -> Analysis:
    if not analysis.events:
        return analysis
    events = tuple(date_event(e, analysis.parsed, analysis.times, settings=settings) for e in analysis.events)
    return replace(analysis, events=events)
