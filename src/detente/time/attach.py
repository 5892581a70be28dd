"""Which time expression dates an event, in order of how closely it governs it.

An event takes, in this order:

1. **clause**: a time expression attached to its trigger in the parse, or to a
   verb above it that is not a verb of saying ("held talks on Monday");
2. **sentence**: another dated expression of the same sentence, unless it
   dates a verb of saying above the trigger ("said on Tuesday that they had
   met": Tuesday is when it was said).  Not being attached to the event, it is
   a weak cue, taken only when it lies in the news window (from
   ``historical_days`` before publication to publication): a date elsewhere in
   the sentence outside that window more likely dates something else ("the
   1961 Vienna Convention", "has run the region since the early 1990s");
3. **narrative**: the narrative time of the paragraph, the last date named in
   an earlier sentence of the same paragraph outside a forecast ("The
   ministers met in Tehran on Monday. [...] Mirzoyan and Bayramov held an
   informal meeting on the sidelines" - Monday);
4. **saying**: the date of the verb of saying above the trigger, an upper
   bound for what was said ("said on Sunday that it had struck 41 aircraft");
5. **publication**: the publication date, only when the event's clause is in
   the present or the simple or present perfect past ("the recent past" of a
   news report), and the event is neither announced for the future nor
   hypothetical.  Otherwise the date stays unknown (``None``): a past-perfect
   recap with no date of its own ("Iran had long accused Baku ...") is
   background of unknown time, not news of the publication day, and "will
   meet" with no date has not happened yet.

A time expression measured from another event ("three days after the
explosion") is anchored to that event's date when the document gives it (an
event of the document whose trigger is the anchor's head word and which was
dated from the text, or a sentence naming that word beside a date); otherwise
the event's date stays unknown rather than silently becoming the publication
date.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from detente.model import Event, ParsedDocument, TimeMention, Token
from detente.time import calendar as cal
from detente.time.lexicon import REPORTING_LEMMAS, UNIT_PLURALS, UNITS
from detente.time.story import offset_of
from detente.time.tense import FUTURE, governing_verb, head_token, tense_of, verb_tense

_COARSER = {"day": "week", "week": "month", "month": "year", "season": "year", "quarter": "year"}


@dataclass(frozen=True, slots=True)
class Dated:
    """What dates one event: the expression (or None), its date and how it was found."""

    date: str | None
    precision: str | None
    mention: TimeMention | None
    how: str  # clause | sentence | narrative | saying | anchor | publication | unanchored | none


@dataclass(frozen=True, slots=True)
class DocumentTime:
    """Per-document facts the dater reads for every event, computed once."""

    parsed: ParsedDocument
    times: tuple[TimeMention, ...]
    narrative: tuple[TimeMention | None, ...]  # per sentence: the paragraph's narrative time before it


def paragraphs(parsed: ParsedDocument) -> list[int]:
    """The paragraph number of every sentence (paragraphs are split by blank lines)."""
    text = parsed.document.text
    out: list[int] = []
    para = 0
    prev_end = 0
    for sent in parsed.sentences:
        chunk = text[sent.start : sent.end]
        start = sent.start + len(chunk) - len(chunk.lstrip())  # spaCy may put "\n\n" either side
        if re.search(r"\n\s*\n", text[prev_end:start]):
            para += 1
        out.append(para)
        prev_end = max(prev_end, sent.start + len(chunk.rstrip()))
    return out


def token_range(parsed: ParsedDocument, start: int, end: int) -> tuple[int, int] | None:
    """Token indexes [first, last + 1) of the tokens overlapping characters [start, end).

    Tokens are in text order and do not overlap, so those are one run, found by
    bisection: dating asks this for every expression and trigger, and a scan of
    the whole document each time was most of the dating stage's cost.
    """
    tokens = parsed.tokens
    lo = bisect.bisect_right(tokens, start, key=_token_end)  # the first token ending after start
    hi = bisect.bisect_left(tokens, end, lo=lo, key=_token_start)  # the first starting at or after end
    return (tokens[lo].i, tokens[hi - 1].i + 1) if lo < hi else None


def _token_end(token: Token) -> int:
    return token.start + len(token.text)


def _token_start(token: Token) -> int:
    return token.start


def last_token_before(parsed: ParsedDocument, offset: int) -> int:
    """Index in ``parsed.tokens`` of the last token ending at or before ``offset`` (-1: none)."""
    return bisect.bisect_right(parsed.tokens, offset, key=_token_end) - 1


_ADVERBIAL = frozenset({"prep", "pobj", "npadvmod", "tmod", "advmod", "pcomp", "nummod", "compound", "amod"})
_MAIN = frozenset({"ROOT", "ccomp", "parataxis"})


def _sets_narrative(parsed: ParsedDocument, mention: TimeMention) -> bool:
    """Whether the mention moves the story's time: it dates a main clause, not a plan.

    "In March 2022 the two sides signed a memorandum" does; "the 1961 Vienna
    Convention", "the first weeks of the invasion in 2022" (dates of a noun)
    and "which has been run by Armenians since the early 1990s" (a relative
    clause) do not: they describe things, not the time the story has reached.
    """
    if mention.date is None or mention.anchor or mention.type not in ("DATE", "TIME", "DURATION"):
        return False
    rng = token_range(parsed, mention.start, mention.end)
    if rng is None or tense_of(parsed, *rng) == FUTURE:
        return False
    cur = head_token(parsed, *rng)
    for _ in range(6):  # climb through prepositions to the verb it modifies
        if cur.head == cur.i or (cur.dep not in _ADVERBIAL and cur.pos not in ("VERB", "AUX")):
            break
        if cur.pos in ("VERB", "AUX") and cur.i != head_token(parsed, *rng).i:
            return _main_clause(parsed, cur)
        up = parsed.tokens[cur.head]
        if up.pos in ("NOUN", "PROPN") and cur.dep not in ("npadvmod", "tmod"):
            return False  # the date of a thing: "the 1961 convention", "the invasion in 2022"
        cur = up
    return cur.pos in ("VERB", "AUX") and _main_clause(parsed, cur)


def _main_clause(parsed: ParsedDocument, verb: Token) -> bool:
    """The sentence's main clause, a clause joined to it, or what a verb of saying reports."""
    cur = verb
    for _ in range(6):
        if cur.dep != "conj" or cur.head == cur.i:
            break
        cur = parsed.tokens[cur.head]
    return cur.dep in _MAIN


def document_time(parsed: ParsedDocument, times: Sequence[TimeMention]) -> DocumentTime:
    paras = paragraphs(parsed)
    by_sent: dict[int, list[TimeMention]] = {}
    for m in times:
        by_sent.setdefault(m.sent, []).append(m)
    narrative: list[TimeMention | None] = []
    current: TimeMention | None = None
    for i in range(len(parsed.sentences)):
        if i > 0 and paras[i] != paras[i - 1]:
            current = None
        narrative.append(current)
        for m in by_sent.get(i, ()):
            if _sets_narrative(parsed, m):
                current = m
    return DocumentTime(parsed, tuple(times), tuple(narrative))


def clause_verb(parsed: ParsedDocument, trigger: Token) -> Token | None:
    if trigger.pos in ("VERB", "AUX"):
        return trigger
    return governing_verb(parsed, trigger)


def past_perfect(parsed: ParsedDocument, verb: Token | None) -> bool:
    """ "had been detained", "had expelled": a recap of what came before the story."""
    if verb is None or verb.tag != "VBN":
        return False
    return any(
        c.dep in ("aux", "auxpass") and c.lemma == "have" and c.tag == "VBD" for c in parsed.children(verb)
    )


def _ancestors(parsed: ParsedDocument, token: Token) -> set[int]:
    out: set[int] = set()
    cur = token
    for _ in range(12):
        if cur.head == cur.i:
            break
        cur = parsed.tokens[cur.head]
        out.add(cur.i)
    return out


def saying_verb(parsed: ParsedDocument, mention: TimeMention, trigger: Token) -> bool:
    """Whether ``mention`` dates a verb of saying that governs the trigger."""
    rng = token_range(parsed, mention.start, mention.end)
    if rng is None:
        return False
    verb = governing_verb(parsed, head_token(parsed, *rng))
    return verb is not None and verb.lemma in REPORTING_LEMMAS and verb.i in _ancestors(parsed, trigger)


def in_window(mention: TimeMention, published: dt.date | None, window_days: int) -> bool:
    """Whether the mention's period overlaps the news window before publication."""
    span = cal.bounds(mention.date, mention.precision) if mention.date else None
    if span is None or published is None:
        return False
    return span[0] <= published and span[1] >= published - dt.timedelta(days=window_days)


def in_sentence(
    doc: DocumentTime, event: Event, trigger: Token, *, window_days: int
) -> tuple[TimeMention | None, TimeMention | None]:
    """(nearest dated expression of the sentence in the news window, the date of the
    saying above the trigger)."""
    best: tuple[int, TimeMention] | None = None
    saying: TimeMention | None = None
    published = doc.parsed.document.published
    for m in doc.times:
        if m.sent != event.sentence or m.date is None or m.anchor or m.type not in ("DATE", "TIME"):
            continue
        if saying_verb(doc.parsed, m, trigger):
            saying = saying or m
            continue
        if not in_window(m, published, window_days):
            continue
        gap = abs(m.start - event.trigger.start)
        if best is None or gap < best[0]:
            best = (gap, m)
    return (best[1] if best else None), saying


def fallback(doc: DocumentTime, event: Event, trigger: Token) -> Dated:
    """The publication date for news of the day; unknown for plans, hypotheses and recaps."""
    dct = doc.parsed.document.published
    verb = clause_verb(doc.parsed, trigger)
    tense = verb_tense(doc.parsed, verb) if verb is not None else None
    if dct is None or event.future or event.hypothetical or tense == FUTURE or past_perfect(doc.parsed, verb):
        return Dated(None, None, None, "none")
    return Dated(dct.isoformat(), "day", None, "publication")


# --- relative-to-event expressions -------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][A-Za-z-]+")
_UNIT_WORD = re.compile(r"\b(" + "|".join(sorted({*UNITS, *UNIT_PLURALS}, key=len, reverse=True)) + r")\b")


def anchor_head(anchor: str) -> str | None:
    """The word that names the anchoring event: "after a deadly explosion" -> "explosion"."""
    words = _WORD.findall(anchor)[1:]  # drop the signal ("after", "before" ...)
    return words[-1].lower() if words else None


def _offset(mention: TimeMention, signal: str) -> tuple[str, int, bool] | None:
    """(unit, signed count, exact) of "three days after", "days after", "the day after"."""
    exact = offset_of(mention.value, signal)
    if exact is not None:
        return exact[0], exact[1], True
    m = _UNIT_WORD.search(mention.text.lower())
    if m is None:
        return None
    unit = UNIT_PLURALS.get(m[1], m[1])
    if unit not in cal.UNIT_PRECISION:
        return None
    sign = -1 if signal in ("before", "prior") else 1
    vague = m[1] in UNIT_PLURALS or (mention.value or "").startswith("PX")
    return unit, (0 if vague else sign), not vague


def anchor_date(doc: DocumentTime, mention: TimeMention, dated: Sequence[Event]) -> tuple[str, str] | None:
    """The date of the event an anchored expression counts from, moved by its offset."""
    anchor = mention.anchor or ""
    head = anchor_head(anchor)
    offset = _offset(mention, anchor.split()[0]) if anchor else None
    if head is None or offset is None:
        return None
    base: tuple[str, str] | None = None
    for ev in dated:
        if ev.date_basis == "text" and ev.date and ev.date_precision and ev.trigger.text.lower() == head:
            base = (ev.date, ev.date_precision)
    if base is None:
        base = _named_beside(doc, mention, head)
    if base is None:
        return None
    span = cal.bounds(*base)
    if span is None:
        return None
    unit, n, exact = offset
    moved = cal.move((span[0], base[1]), unit, n, keep=True)
    date, precision = cal.calendar_date(moved)
    if date is None or precision is None:
        return None
    if not exact:
        coarser = _COARSER.get(precision, precision)
        date, precision = cal.calendar_date(cal.format_at(span[0], coarser))
    return (date, precision) if date and precision else None


def _named_beside(doc: DocumentTime, mention: TimeMention, head: str) -> tuple[str, str] | None:
    """A date in another sentence that also names the anchoring event ("the explosion on May 3")."""
    text = doc.parsed.document.text
    for m in doc.times:
        if m.sent == mention.sent or m.date is None or m.precision is None or m.anchor:
            continue
        sent = doc.parsed.sentences[m.sent]
        if re.search(rf"\b{re.escape(head)}\b", text[sent.start : sent.end], re.IGNORECASE):
            return m.date, m.precision
    return None
