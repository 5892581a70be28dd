"""Give each event its own date: the time expression that belongs to it.

News reports mix the day of the story with background ("relations soured in
early 2023").  Filing every event under the publication date is GDELT's
error; here an event takes the date of a time expression that is attached to
its trigger in the parse (a ``prep``/``npadvmod``/``tmod`` dependent, or any
dependent reached without crossing another verb), or that is attached to a
verb above the trigger that is not a verb of saying ("said on Monday that ..."
dates the saying, not what was said); failing that, the sentence's other
dates, the paragraph's narrative time, the date of the saying, and last the
publication date, in the order and under the conditions of
:mod:`detente.time.attach`.  ``date_basis`` says which: "text" for any time
expression, "publication" for the fallback, None when the date is unknown
(a past-perfect recap, an announced plan, an unanchored "days after the
explosion").

An event is ``historical`` when its whole period ends more than
``historical_days`` (28) before publication: older than the few weeks a news
report covers as news ("ordered four diplomats out on April 6" in a May 5
report is a recap; "last month" in that report is not, since April ends five
days before it).  It is ``future`` when its period starts after publication.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from detente.model import Analysis, Event, ParsedDocument, TimeMention, Token
from detente.time import attach as at
from detente.time import calendar as cal
from detente.time.lexicon import PREPOSITIONS, REPORTING_LEMMAS
from detente.time.tense import FUTURE, head_token, verb_tense

if TYPE_CHECKING:
    from detente.actors import ActorLexicon

_MAX_STEPS = 8
_CROSS_PENALTY = 2  # an expression on a verb above the trigger is a weaker claim


@dataclass(frozen=True, slots=True)
class DatingSettings:
    historical_days: int = 28  # see TimeConfig.historical_days
    relative_confidence: float = 0.85  # factor when only relative/duration words were found


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
    rng = at.token_range(parsed, mention.start, mention.end)
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
    k = at.last_token_before(parsed, mention.start)  # tokens are in text order, sentences too
    while k >= 0 and parsed.tokens[k].sent > mention.sent:
        k -= 1
    if k >= 0 and parsed.tokens[k].sent == mention.sent and parsed.tokens[k].text.lower() in PREPOSITIONS:
        prep = parsed.tokens[k]
        if not text[prep.end : mention.start].strip():
            return text[prep.start : mention.end]
    return mention.text


def _choose(
    parsed: ParsedDocument, event: Event, times: Sequence[TimeMention], trigger: Token
) -> tuple[TimeMention | None, TimeMention | None, bool]:
    """The best dated mention of the event's clause, an anchored one ("days after the
    explosion"), and whether an undatable one ("recently") was attached."""
    best: tuple[int, int, TimeMention] | None = None
    anchored: TimeMention | None = None
    relative_only = False
    for mention in times:
        if mention.sent != event.sentence or mention.type not in ("DATE", "TIME", "DURATION"):
            continue
        steps = _distance(parsed, mention, trigger)
        if steps is None:
            continue
        if mention.date is None:
            if mention.anchor and mention.anchor != "context":
                anchored = anchored or mention
            relative_only = True
            continue
        key = (steps, abs(mention.start - event.trigger.start))
        if best is None or key < best[:2]:
            best = (key[0], key[1], mention)
    return (best[2] if best else None), anchored, relative_only


def find_date(
    event: Event, doc: at.DocumentTime, trigger: Token, dated: Sequence[Event], *, window_days: int
) -> tuple[at.Dated, bool]:
    """What dates ``event`` (see :mod:`detente.time.attach` for the order), and whether
    only an undatable expression was attached to it."""
    parsed = doc.parsed
    mention, anchored, relative_only = _choose(parsed, event, doc.times, trigger)
    if mention is not None:
        return at.Dated(mention.date, mention.precision, mention, "clause"), False
    if anchored is not None:
        found = at.anchor_date(doc, anchored, dated)
        if found is not None:
            return at.Dated(found[0], found[1], anchored, "anchor"), False
        return at.Dated(None, None, anchored, "unanchored"), True
    near, saying = at.in_sentence(doc, event, trigger, window_days=window_days)
    if near is not None:
        return at.Dated(near.date, near.precision, near, "sentence"), relative_only
    verb = at.clause_verb(parsed, trigger)
    ahead = event.future or event.hypothetical or (verb is not None and verb_tense(parsed, verb) == FUTURE)
    story = doc.narrative[event.sentence] if event.sentence < len(doc.narrative) else None
    if story is not None and not ahead:
        return at.Dated(story.date, story.precision, story, "narrative"), relative_only
    if saying is not None and not ahead:
        return at.Dated(saying.date, saying.precision, saying, "saying"), relative_only
    return at.fallback(doc, event, trigger), relative_only


def date_event(
    event: Event,
    parsed: ParsedDocument,
    times: Sequence[TimeMention],
    *,
    settings: DatingSettings,
    doc: at.DocumentTime | None = None,
    dated: Sequence[Event] = (),
) -> Event:
    """``event`` with ``date``, ``date_precision``, ``date_text``, ``date_basis`` and flags.

    ``doc`` is the document's :func:`~detente.time.attach.document_time` (computed
    here when not given); ``dated`` are the document's events dated once already,
    which expressions such as "two days after the attack" are anchored to.
    """
    dct = parsed.document.published
    rng = at.token_range(parsed, event.trigger.start, event.trigger.end)
    if rng is None:  # no parse to read: news of the day, as far as we can tell
        basis = "publication" if dct else None
        return replace(event, date=dct.isoformat() if dct else None, date_precision="day" if dct else None,
                       date_text=None, date_basis=basis)  # type: ignore[arg-type]  # fmt: skip
    doc = doc if doc is not None else at.document_time(parsed, times)
    trigger = head_token(parsed, *rng)
    found, weak = find_date(event, doc, trigger, dated, window_days=settings.historical_days)
    confidence = event.confidence * (settings.relative_confidence if weak else 1.0)
    historical, future = event.historical, event.future
    if found.date is not None and found.precision is not None and found.how != "publication":
        span = cal.bounds(found.date, found.precision)
        if span is not None and dct is not None:
            historical = historical or span[1] < dct - dt.timedelta(days=settings.historical_days)
            future = future or span[0] > dct
    basis = {"publication": "publication", "none": None, "unanchored": None}.get(found.how, "text")
    return replace(
        event,
        date=found.date,
        date_precision=found.precision,  # type: ignore[arg-type]
        date_text=_date_text(parsed, found.mention) if found.mention is not None else None,
        date_basis=basis,  # type: ignore[arg-type]
        historical=historical,
        future=future,
        confidence=confidence,
    )


_REDATE_DAYS = 90  # the actors stage's own grace period: closer dates resolve the same
_REDATE_PRECISIONS = frozenset({"day", "month"})


def redate_actors(event: Event, published: dt.date | None, lexicon: ActorLexicon) -> Event:
    """Resolve the event's actors at its own date when that is far from the publication
    date ("Pezeshkian visited Baku in 2003" in a 2025 report: the health minister)."""
    if event.date is None or event.date_precision not in _REDATE_PRECISIONS or published is None:
        return event
    if isinstance(published, dt.datetime):
        published = published.date()
    try:
        on = dt.date.fromisoformat(event.date if len(event.date) == 10 else event.date[:7] + "-15")
    except ValueError:
        return event
    if abs((on - published).days) <= _REDATE_DAYS:
        return event
    from detente.actors import reresolve

    source = reresolve(event.source, on=on, lexicon=lexicon) if event.source else None
    target = reresolve(event.target, on=on, lexicon=lexicon) if event.target else None
    return replace(event, source=source, target=target)


def date_analysis(
    analysis: Analysis, *, settings: DatingSettings, lexicon: ActorLexicon | None = None
) -> Analysis:
    """Date every event; with the actor ``lexicon``, also re-resolve its actors at that date."""
    if not analysis.events:
        return analysis
    parsed, times = analysis.parsed, analysis.times
    doc = at.document_time(parsed, times)
    events = tuple(date_event(e, parsed, times, settings=settings, doc=doc) for e in analysis.events)
    if any(e.date is None and e.date_text for e in events):  # anchored to another event: once more
        events = tuple(
            date_event(e, parsed, times, settings=settings, doc=doc, dated=events) for e in analysis.events
        )
    if lexicon is not None:
        published = analysis.document.published
        events = tuple(redate_actors(e, published, lexicon) for e in events)
    return replace(analysis, events=events)
