"""Find time expressions in a parsed document and normalise each one.

Two sources of candidates are merged:

* our patterns (:mod:`detente.time.patterns`), searched over the text, which
  know the TIMEX3 extent conventions (no leading preposition, "ago" inside)
  and catch what spaCy's NER does not label (``now``, ``recently``, ``daily``,
  ``for decades``);
* spaCy's DATE and TIME entities, which catch phrasings the patterns do not
  know; they are trimmed of prepositions and kept when they normalise (or,
  with ``keep_unresolved``, with an unknown value).

Overlaps are settled by preferring spans that normalise, then longer spans.
The chosen expressions are then read a second time in text order with the
*narrative reference*, the last date named so far outside a forecast, so that
"the next day", "at 10 p.m." and "a year earlier" count from the story's time
(:mod:`detente.time.story`) rather than from the publication date.
Patterns that misfire on ordinary words ("the day", bare "1500", "current")
are only accepted with spaCy's agreement or a temporal word in front.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from detente.model import ParsedDocument, TimeMention, Token
from detente.time import calendar as cal
from detente.time.handlers import Context, Normalised
from detente.time.lexicon import PREPOSITIONS, UNIT_PLURALS, UNITS
from detente.time.normalise import normalise_in
from detente.time.patterns import CORE, PREFIX
from detente.time.story import COMPARE
from detente.time.tense import tense_of

# Words before a bare year or a bare month that make it a date rather than a
# number or a verb ("in 2023", "since March"; not "2023 troops", "may go").
DATE_CONTEXT = frozenset(
    {"in", "since", "until", "till", "by", "of", "during", "from", "to", "before", "after",
     "through", "early", "late", "mid", "between", "and", "or", "fiscal", "year", "summer",
     "spring", "autumn", "fall", "winter", "around", "circa", "last", "next", "this", "on",
     "end", "beginning", "start", "middle", "throughout", "as", "into", "-", ",", "the"}
)  # fmt: skip
_DURATION_CONTEXT = frozenset({"for", "over", "within", "in", "during", "after", "taking"})
_SIGNALS = frozenset({"after", "before", "following"})
# Words spaCy puts inside DATE entities that TimeML leaves outside.
_NER_LEADING = frozenset(
    {"about", "around", "approximately", "roughly", "nearly", "almost", "some", "just", "only"}
)
_ADJECTIVES = frozenset({"quarterly", "annual", "future", "daily", "weekly", "monthly", "yearly", "current"})
_NOT_TIMED = frozenset({"account", "accounts", "asset", "assets", "liability", "liabilities", "yield"})
_TRAIL = frozenset({"PUNCT", "SPACE"})
_EVERYDAY_SETS = frozenset({"daily", "nightly", "weekly"})
_WEAK_REFS = frozenset({"current", "recent", "present"})
_TIME_NOUNS = frozenset({*UNITS, *UNIT_PLURALS, "period", "quarter", "season", "term"})


@dataclass(frozen=True, slots=True)
class Recogniser:
    """Compiled search patterns: built once by :func:`detente.time.load`.

    ``lowered`` holds the same patterns without ``re.IGNORECASE``, for searching
    the lower-cased text: the patterns are written in lower case, and Python's
    engine runs them about twice as fast without case folding (see :func:`search`).
    """

    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    lowered: tuple[re.Pattern[str], ...] = ()


def compile_recogniser() -> Recogniser:
    sources = [(name, rf"(?<![\w]){PREFIX}(?:{pattern})(?!\w|-[a-zA-Z])") for name, pattern in CORE.items()]
    return Recogniser(
        tuple((name, re.compile(source, re.IGNORECASE)) for name, source in sources),
        tuple(re.compile(source) for _name, source in sources),
    )


def search(
    rx: re.Pattern[str], lowered_rx: re.Pattern[str] | None, text: str, lowered: str | None
) -> list[re.Match[str]]:
    """Every match of ``rx`` in ``text``, found with ``lowered_rx`` over ``lowered``
    (``text.lower()``, same length) when given, then read again by ``rx`` at the
    same place so that callers get matches on the original text.  Should the two
    ever disagree, the slow search decides."""
    if lowered_rx is None or lowered is None:
        return list(rx.finditer(text))
    out: list[re.Match[str]] = []
    for m in lowered_rx.finditer(lowered):
        hit = rx.match(text, m.start())
        if hit is None or hit.end() != m.end():
            return list(rx.finditer(text))
        out.append(hit)
    return out


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    rule: str
    from_ner: bool
    label: str = "DATE"


@dataclass(frozen=True, slots=True)
class Settings:
    weekday_rule: str = "tense"
    numeric_order: str = "mdy"
    keep_unresolved: bool = False
    use_ner: bool = True
    use_patterns: bool = True


class _Doc:
    """Token lookup by character offset over one parsed document."""

    def __init__(self, parsed: ParsedDocument) -> None:
        self.parsed = parsed
        self.text = parsed.document.text
        self.starts = [t.start for t in parsed.tokens]

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        first = max(0, bisect.bisect_right(self.starts, start) - 1)
        last = bisect.bisect_left(self.starts, end)
        return first, max(first + 1, last)

    def before(self, start: int) -> Token | None:
        i = bisect.bisect_left(self.starts, start) - 1
        return self.parsed.tokens[i] if i >= 0 else None

    def after(self, end: int) -> Token | None:
        i = bisect.bisect_left(self.starts, end)
        return self.parsed.tokens[i] if i < len(self.parsed.tokens) else None


def _capitalised(text: str, m: re.Match[str], group: str) -> bool:
    try:
        pos = m.start(group)
    except IndexError:
        return True
    return pos < 0 or text[pos].isupper()


def _accept(doc: _Doc, m: re.Match[str], rule: str, ner_spans: Sequence[tuple[int, int]]) -> bool:
    """Filters against the patterns' typical false alarms."""
    start, end = m.start(), m.end()
    text = m[0].lower()
    if not (_capitalised(doc.text, m, "mon") and _capitalised(doc.text, m, "wd")):
        return False
    in_ner = any(s < end and start < e for s, e in ner_spans)
    prev = doc.before(start)
    prev_word = prev.text.lower() if prev else ""
    nxt = doc.after(end)
    if rule == "month" and not m["rel"] and not m["pmod"]:
        word = m["mon"]
        if len(word) <= 4 and word.lower() not in ("may", "june", "july") and not text.endswith("."):
            return in_ner
        if word.lower() in ("may", "march") and prev_word not in DATE_CONTEXT:
            return False
    if rule == "year" and not m["pmod"] and not text.startswith("the year"):
        if nxt is not None and nxt.text.lower() in ("%", "percent", "per"):
            return False
        if nxt is not None and nxt.pos == "NOUN" and nxt.lemma not in _TIME_NOUNS:
            return False
        return in_ner or prev_word in DATE_CONTEXT
    if rule == "the_unit":
        return in_ner
    if rule == "ref" and text in _WEAK_REFS:
        tok = doc.after(start)
        head = doc.parsed.tokens[tok.head].lemma.lower() if tok is not None else ""
        # "the current market", "recent declines": the time of a state or event;
        # "current account", "electric current" and friends name none
        # ("recent" measured worse: most "recent X" are left unmarked in TimeBank)
        timed = text == "current" and tok is not None and tok.dep == "amod" and head not in _NOT_TIMED
        return in_ner or timed
    if rule == "ref" and text == "future":
        tok = doc.after(start)
        return tok is None or tok.dep != "amod"  # "future talks" names no time
    if rule == "ref" and text in ("shortly", "soon"):
        # "shortly after", "soon after", "as soon as" are signals, not times
        after = nxt.text.lower() if nxt is not None else ""
        return after not in (*_SIGNALS, "as") and prev_word != "as"
    if rule == "vague_duration" and not m["num"] and not m["rel"]:
        return prev_word in _DURATION_CONTEXT
    if rule == "duration" and nxt is not None and nxt.text.lower() in ("old", "older", "younger"):
        return False  # an age ("52 years old"), like "a 45-year-old man", dates nothing
    if rule == "duration" and re.search(r"\w-quarters$", text):
        return False  # "three-quarters of the troops": a fraction
    if rule in ("duration", "ago") and (m["num"] or "").lower() in ("a", "one", "an") and not m["half"]:
        return m["unit"].lower() not in ("second", "minute")  # "a second term"
    if rule == "time" and m["h24"] and not m["tz"]:
        return prev_word == "at"
    if rule == "set" and m["adv"]:
        tok = doc.after(start)
        # "a daily rally", "his weekly radio address": TimeML marks the recurrence (SET);
        # "a quarterly dividend", "annual sales" are left unmarked in TimeBank, which
        # reads them as accounting periods rather than times something recurs
        if text in _EVERYDAY_SETS:
            return True
        return tok is None or (tok.pos != "ADJ" and tok.dep != "amod")
    if rule == "season":
        word = m["season"] or m["s2"]
        tok = doc.after(m.start("season") if m["season"] else m.start("s2"))
        if tok is not None and tok.pos not in ("NOUN", "PROPN") and not (m["year"] or m["y2"]):
            return in_ner  # "prices fall", "spring into action"
        return bool(word)
    if rule == "decade" and m["d2"] and "'" not in text and not in_ner:
        return False  # "40s" alone is more often an age or a temperature
    return rule != "q" or in_ner or text[0] in "qQ" or bool(re.search(r"\d{4}", text))


def _modifier_only(parsed: ParsedDocument, first: int, last: int) -> bool:
    """A one-word adjective such as "quarterly" or "future" before a noun."""
    if last - first != 1:
        return False
    tok = parsed.tokens[first]
    return tok.dep == "amod" and tok.text.lower() in _ADJECTIVES


def _trim_the(m: re.Match[str], rule: str) -> int:
    """Start of the span without a leading "the" that TimeML leaves out.

    Adjectival forms ("the third-quarter results", "the two-week visit") and
    bare plurals ("the weeks before the vote") keep the article outside.
    """
    text = m[0]
    if not re.match(r"the\s", text, re.IGNORECASE):
        return m.start()
    last = text.split()[-1]
    bare_plural = rule == "vague_duration" and not m["num"] and not m["rel"]
    if "-" in last or bare_plural:
        return m.start() + len(text) - len(text[3:].lstrip())
    return m.start()


def _singular(unit: str | None) -> str:
    u = (unit or "").lower()
    return UNIT_PLURALS.get(u, u)


def _ner_spans(doc: _Doc) -> list[_Candidate]:
    """spaCy DATE/TIME entities, trimmed to TimeML extent."""
    out: list[_Candidate] = []
    tokens = doc.parsed.tokens
    for ent in doc.parsed.entities:
        if ent.label not in ("DATE", "TIME"):
            continue
        first, last = ent.token_start, ent.token_end
        for i in range(first + 1, last - 1):
            if tokens[i].text.lower() in ("ended", "ending"):
                last = i  # "the quarter ended Sept. 30": TimeML marks the period and the day apart
                break
        while first < last and tokens[first].text.lower() in PREPOSITIONS:
            first += 1
        while last > first and (tokens[last - 1].tag == "POS" or tokens[last - 1].pos in _TRAIL):
            last -= 1
        while first < last - 1 and tokens[first].text.lower() in _NER_LEADING:
            first += 1
        if first >= last:
            continue
        pair = last - first == 2 and tokens[first].text.lower() == "the"
        if pair and tokens[first + 1].text.lower() in UNIT_PLURALS:
            first += 1  # "the weeks before the vote": TimeML keeps "the" outside
        out.append(_Candidate(tokens[first].start, tokens[last - 1].end, "ner", True, ent.label))
    return out


_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _possessive_day(doc: _Doc, end: int) -> bool:
    """A weekday named in the possessive, which news uses for what has happened."""
    nxt = doc.after(end)
    last = doc.before(end)
    if nxt is None or last is None or nxt.tag != "POS" or nxt.start != end:
        return False
    return last.text.lower() in _WEEKDAY_NAMES


def _context_text(doc: _Doc, start: int, end: int) -> str:
    """The span with the preposition before it and an event anchor after it."""
    text = doc.text[start:end]
    prev = doc.before(start)
    if prev is not None and prev.text.lower() in PREPOSITIONS and prev.end <= start:
        text = f"{prev.text} {text}"
    nxt = doc.after(end)
    if nxt is not None and nxt.text.lower() in ("ended", "ending"):
        text = f"{text} {nxt.text.lower()}"
        sent = doc.parsed.sentences[nxt.sent]
        # the period's last day, for "the quarter ended Sept. 30" (no further than a comma)
        words = [t.text for t in doc.parsed.tokens[nxt.i + 1 : min(sent.token_end, nxt.i + 4)]]
        last_day = " ".join(words).split(",")[0].strip()
        if last_day:
            text = f"{text} {last_day}"
    if nxt is not None and nxt.text.lower() in _SIGNALS:
        anchor = _anchor_phrase(doc.parsed, nxt)
        if anchor:
            text = f"{text} {nxt.text.lower()} {anchor}"
    last = doc.before(end)
    if last is not None and last.text.lower() in _SIGNALS and last.end == end:
        # "a day before the delegations were due to meet": the span ends on the signal
        anchor = _anchor_phrase(doc.parsed, last)
        if anchor:
            text = f"{text} {anchor}"
    return text


def _anchor_phrase(parsed: ParsedDocument, signal: Token) -> str | None:
    objects = [c for c in parsed.children(signal) if c.dep in ("pobj", "pcomp")]
    if objects:
        sub = parsed.subtree(objects[0])
        return parsed.document.text[sub[0].start : sub[-1].end]
    sent = parsed.sentences[signal.sent]
    words: list[str] = []
    for t in parsed.tokens[signal.i + 1 : min(sent.token_end, signal.i + 7)]:
        if t.pos == "PUNCT":
            break
        words.append(t.text)
    return " ".join(words) or None


def find(parsed: ParsedDocument, *, recogniser: Recogniser, settings: Settings) -> list[TimeMention]:
    """All time expressions of ``parsed``, normalised, sorted by start."""
    doc = _Doc(parsed)
    ner = _ner_spans(doc) if settings.use_ner else []
    ner_spans = [(c.start, c.end) for c in ner]
    candidates: list[_Candidate] = []
    if settings.use_patterns:
        lowered = doc.text.lower()
        same = len(lowered) == len(doc.text)  # a few characters lengthen when lower-cased
        fast = recogniser.lowered if same and recogniser.lowered else (None,) * len(recogniser.patterns)
        for (rule, rx), lowered_rx in zip(recogniser.patterns, fast, strict=True):
            for m in search(rx, lowered_rx, doc.text, lowered if same else None):
                if m.end() > m.start() and _accept(doc, m, rule, ner_spans):
                    candidates.append(_Candidate(_trim_the(m, rule), m.end(), rule, False))
    candidates.extend(ner)
    dct = parsed.document.published
    scored: list[tuple[bool, int, bool, _Candidate, Normalised | None, tuple[str, str | None]]] = []
    seen: set[tuple[int, int]] = set()
    for c in candidates:
        if (c.start, c.end) in seen:
            continue
        seen.add((c.start, c.end))
        first, last = doc.token_range(c.start, c.end)
        tense = tense_of(parsed, first, last)
        if _possessive_day(doc, c.end):
            tense = "past"  # "Thursday's closing price", "Wednesday's ruling": a day already known
        ctx = Context(dct, tense, None, settings.weekday_rule, settings.numeric_order)
        context = _context_text(doc, c.start, c.end)
        norm = normalise_in(context, ctx)
        if norm is None and not c.from_ner:
            continue
        if c.from_ner and norm is not None and _modifier_only(parsed, first, last):
            continue
        if norm is None and not settings.keep_unresolved:
            continue
        resolved = norm is not None
        scored.append((resolved, c.end - c.start, not c.from_ner, c, norm, (context, tense)))
    scored.sort(key=lambda s: (s[0], s[1], s[2]), reverse=True)
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[_Candidate, Normalised | None, tuple[str, str | None]]] = []
    for _resolved, _length, _rule, c, norm, context in scored:
        if any(s < c.end and c.start < e for s, e in taken):
            continue
        taken.append((c.start, c.end))
        chosen.append((c, norm, context))
    chosen.sort(key=lambda x: x[0].start)
    mentions: list[TimeMention] = []
    ref: tuple[dt.date, str] | None = None
    set_ref = False  # whether the previous expression set the reference
    for c, norm, (context, tense) in chosen:
        # Second reading, in text order, with the narrative reference the text has reached.
        first, _ = doc.token_range(c.start, c.end)
        if norm is not None and ref is not None:
            ctx = Context(dct, tense, None, settings.weekday_rule, settings.numeric_order, ref)
            norm = normalise_in(context, ctx) or norm
        before = doc.before(c.start)
        # "the quarter ended Sept. 30": the story's time is the quarter just set, not its last day
        period_end = set_ref and before is not None and before.text.lower() in ("ended", "ending")
        set_ref = False
        if norm is not None and norm.story != COMPARE and tense != "future" and not period_end:
            # the story's time moves with what happened, not with forecasts and plans
            new_ref = _reference(norm)
            set_ref = new_ref is not None
            ref = new_ref or ref
        sent = parsed.tokens[first].sent if parsed.tokens else 0
        mentions.append(_mention(doc, c, norm, sent))
    return _with_coordinated_days(doc, mentions)


_NEXT_DAY_NUMBER = re.compile(
    r"\s+(?:and|or|to|through)\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?![.,]\d|\s*%)"
)


def _with_coordinated_days(doc: _Doc, mentions: list[TimeMention]) -> list[TimeMention]:
    """Add the bare day of "April 24 and 25": the second day shares the first one's month.

    Only after a full date, for a later day of the same month, and not when the
    number counts something ("on May 5 and 6 people died").
    """
    out: list[TimeMention] = []
    for i, mention in enumerate(mentions):
        out.append(mention)
        value = mention.value or ""
        if mention.type != "DATE" or not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            continue
        m = _NEXT_DAY_NUMBER.match(doc.text, mention.end)
        if m is None or (i + 1 < len(mentions) and mentions[i + 1].start < m.end()):
            continue
        nxt = doc.after(m.end())
        adjacent = nxt is not None and not doc.text[m.end() : nxt.start].strip()
        if nxt is not None and adjacent and (nxt.pos in ("NOUN", "PROPN", "NUM") or nxt.text == "%"):
            continue
        day = int(m["day"])
        try:
            second = dt.date.fromisoformat(value).replace(day=day)
        except ValueError:
            continue
        if second.day <= int(value[8:]):
            continue
        out.append(
            replace(
                mention,
                text=m["day"],
                start=m.start("day"),
                end=m.end("day"),
                value=second.isoformat(),
                date=second.isoformat(),
                modifier=None,
            )
        )
    return out


def _reference(norm: Normalised) -> tuple[dt.date, str] | None:
    """The narrative reference a dated expression sets: its first day and granularity."""
    if norm.date is None or norm.precision is None or norm.anchor:
        return None
    if norm.type in ("DATE", "TIME") and norm.value:
        return cal.reference(norm.value)
    span = cal.bounds(norm.date, norm.precision)
    return (span[0], norm.precision) if span else None


def _mention(doc: _Doc, c: _Candidate, norm: Normalised | None, sent: int) -> TimeMention:
    text = doc.text[c.start : c.end]
    if norm is None:
        kind = "TIME" if c.label == "TIME" else "DATE"
        return TimeMention(text, c.start, c.end, sent, kind, None)  # type: ignore[arg-type]
    return TimeMention(
        text=text,
        start=c.start,
        end=c.end,
        sent=sent,
        type=norm.type,
        value=norm.value,
        date=norm.date,
        precision=norm.precision,
        modifier=norm.modifier,
        anchor=norm.anchor,
    )


__all__ = ["Recogniser", "Settings", "compile_recogniser", "find"]
