"""Text -> TIMEX3 value, against a document creation time and a tense.

:func:`normalise` is a pure function of its arguments, so it can be tested
without spaCy and used on its own.  It peels the expression in layers, each
of which TimeML treats differently:

1. a leading preposition ("in three weeks", "for decades", "since 2019") is a
   signal, not part of the value: it is kept as context (``in`` + a duration
   in a future sentence is a date);
2. "N days after the explosion": the quantity is measured from another event,
   so the value is unknown here and the anchoring words are returned instead
   of silently using the publication date;
3. a period modifier ("early", "mid-", "the end of") or a quantity modifier
   ("nearly", "more than") becomes the TIMEX3 ``mod``;
4. the core is matched against :data:`~detente.time.patterns.CORE`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from detente.time import calendar as cal
from detente.time import handlers as ab
from detente.time import periods, story
from detente.time import relative as rel
from detente.time.handlers import Context, Handler, Normalised
from detente.time.lexicon import PERIOD_MODS, PREPOSITIONS, QUANT_MODS, alternation, digits_for_spelled_years
from detente.time.patterns import CORE

__all__ = ["Context", "Normalised", "core", "normalise", "normalise_in"]

HANDLERS: dict[str, Handler] = {
    "iso": ab.h_iso, "numeric": ab.h_numeric, "time": ab.h_time, "mdy": ab.h_month_day,
    "dmy": ab.h_month_day, "month_year": ab.h_month_year, "holiday": ab.h_holiday,
    "week_of": ab.h_week_of, "year_end": periods.h_year_end, "full_year": periods.h_full_year,
    "part_of_day": story.h_part_of_day, "year_period": periods.h_year_period,
    "period_ago": ab.h_year_ago,  # "the quarter a year ago": as "the year-ago quarter"
    "season": ab.h_season, "quarter": ab.h_quarter, "q": ab.h_q,
    "quarter_rel": ab.h_quarter_rel, "year_ago": ab.h_year_ago, "half": ab.h_half, "month": ab.h_month,
    "fiscal_year": ab.h_fiscal_year, "year": ab.h_year, "decade": ab.h_decade,
    "century": ab.h_century, "dayref": rel.h_dayref, "weekday": rel.h_weekday,
    "rel_unit": rel.h_rel_unit, "ago": story.h_ago, "ref": rel.h_ref, "set": rel.h_set,
    "duration": rel.h_duration, "vague_duration": rel.h_vague_duration,
    "the_unit": story.h_the_unit, "next_day": story.h_next_day,
}  # fmt: skip
COMPILED: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern)) for name, pattern in CORE.items()
)
_PREP = re.compile(rf"^(?P<prep>{alternation(PREPOSITIONS)})\s+(?P<rest>.+)$")
_PMOD = re.compile(rf"^(?P<mod>{alternation(PERIOD_MODS)}|earlier|later)(?:\s+|-)(?P<rest>.+)$")
_QMOD = re.compile(rf"^(?P<mod>{alternation(QUANT_MODS)})\s+(?P<rest>.+)$")
_ANCHORED = re.compile(
    r"^(?P<head>.+?)\s+(?P<sig>after|before|following|since|prior\s+to|from)\s+(?P<anchor>.+)$"
)
_NOT_ANCHORS = re.compile(r"^(?:now|then|that|this|today|yesterday|tomorrow)\b")
# "the quarter ended Sept. 30", "the six months ending March 31": a reporting period named by its end
_ENDED = re.compile(r"^(?P<head>.+?)\s+(?:ended|ending)(?:\s+(?P<end>.+))?$")
_BARE_QUARTER = re.compile(
    r"^(?:the|its|this|that)?\s*(?:(?:latest|fiscal|recent|most\s+recent)\s+)?quarter$"
)


def _period_ended(m: re.Match[str], ctx: Context) -> Normalised | None:
    """A reporting period named by its last day: the period itself, not that day.

    Results reports say "net income for the quarter ended Sept. 30"; the quarter
    without an ordinal is the calendar quarter holding the period's middle (a
    fiscal quarter ending July 31 is mostly the second calendar quarter).
    """
    head = core(m["head"], ctx)
    if head is None or not head.value or head.type not in ("DATE", "DURATION"):
        return None
    end = core(m["end"], ctx) if m["end"] else None
    if _BARE_QUARTER.match(m["head"]) and end is not None and end.value and len(end.value) == 10:
        middle = dt.date.fromisoformat(end.value) - dt.timedelta(days=45)
        value = f"{middle.year}-Q{(middle.month - 1) // 3 + 1}"
        return replace(head, value=value)
    return head


def clean(text: str) -> str:
    t = digits_for_spelled_years(" ".join(text.replace("’", "'").replace("‘", "'").split()).lower())
    t = re.sub(r"(?:'s|s')$", lambda m: "s" if m[0] == "s'" else "", t)
    return t.strip(' ,;:!?"()[]')


def core(text: str, ctx: Context) -> Normalised | None:
    """The first core pattern that matches all of ``text`` and yields a value."""
    for name, rx in COMPILED:
        m = rx.fullmatch(text)
        if m is None:
            continue
        result = HANDLERS[name](m, ctx)
        if result is not None:
            return result
    return None


def normalise_in(text: str, ctx: Context) -> Normalised | None:
    """:func:`normalise` with a ready :class:`Context` (what the stage calls)."""
    t = clean(text)
    if not t:
        return None
    whole = core(t, ctx)
    if whole is not None:
        return whole
    if m := _PREP.match(t):
        inner = normalise_in(m["rest"], Context(**{**_fields(ctx), "prep": m["prep"]}))
        if inner is not None:
            return inner
    if (m := _ANCHORED.match(t)) and not _NOT_ANCHORS.match(m["anchor"]):
        head = normalise_in(m["head"], ctx)
        if head is not None and (head.type == "DURATION" or head.story == story.STORY):
            signal = " ".join(m["sig"].split())
            return story.anchored(head, signal, m["anchor"], normalise_in(m["anchor"], ctx))
        if head is not None and head.value:
            return head
    if (m := _ENDED.match(t)) and (ended := _period_ended(m, ctx)) is not None:
        return ended
    if m := _PMOD.match(t):
        inner = core(m["rest"], ctx)
        if inner is not None and inner.type in ("DATE", "TIME"):
            mod = PERIOD_MODS.get(" ".join(m["mod"].split()))
            return replace(inner, modifier=mod)
    if m := _QMOD.match(t):
        inner = core(m["rest"], ctx)
        if inner is not None and inner.value:
            mod = QUANT_MODS[" ".join(m["mod"].split())]
            return replace(inner, modifier=mod)
    return None


def _fields(ctx: Context) -> dict[str, object]:
    return {
        "dct": ctx.dct,
        "tense": ctx.tense,
        "prep": ctx.prep,
        "weekday_rule": ctx.weekday_rule,
        "numeric_order": ctx.numeric_order,
        "ref": ctx.ref,
    }


def normalise(
    text: str,
    *,
    dct: dt.date | None,
    tense: str | None = None,
    weekday_rule: str = "tense",
    numeric_order: str = "mdy",
    narrative: str | None = None,
) -> Normalised | None:
    """Normalise one time expression to TIMEX3, or ``None`` if it is not one.

    ``dct`` is the document creation (publication) time; values that need it
    are ``None`` without it, while absolute dates still resolve.  ``tense`` is
    the tense of the governing verb ("past", "present", "future"), which
    decides which Monday "on Monday" means.  ``weekday_rule`` and
    ``numeric_order`` are the :class:`~detente.time.TimeConfig` settings.
    ``narrative`` is the TIMEX3 value of the story's time so far (the last date
    the text named), which "the next day", "that week", "two days later" and
    "a year earlier" count from; without it they count from ``dct``.

    >>> normalise("last summer", dct=dt.date(2025, 4, 30)).value
    '2024-SU'
    """
    ref = cal.reference(narrative) if narrative else None
    ctx = Context(dct=dct, tense=tense, weekday_rule=weekday_rule, numeric_order=numeric_order, ref=ref)
    return normalise_in(text, ctx)
