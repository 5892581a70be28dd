"""Expressions read against the story's own time rather than the publication date.

"The next day", "that week", "two days later", "the following Monday" and "a
year earlier" do not say which day they mean: they count from the time the
story has reached, the *narrative reference* (:attr:`Context.ref`), which the
recogniser sets to the last date named earlier in the document.  With no such
date the reference is the publication day, which is what a report's
unqualified "that day" means.

Two kinds are told apart (:attr:`Normalised.story`):

* ``"story"``: the expression moves the story ("the next day", "three days
  later"); it becomes the new reference;
* ``"compare"``: the expression looks back for a comparison ("a year
  earlier", "a year ago" in a results report) and takes the reference's
  granularity: net income "rose in the third quarter from $5 million a year
  earlier" compares with the third quarter of the year before (1988-Q3, not
  1988).  It does not move the story: the next "a year earlier" in the
  report compares with the same quarter again.
"""

from __future__ import annotations

import re
from dataclasses import replace

from detente.time import calendar as cal
from detente.time.handlers import Context, Normalised, duration, make, number, unit_of
from detente.time.lexicon import PARTS_OF_DAY, UNITS

STORY, COMPARE = "story", "compare"
_BACK = ("ago", "earlier", "back", "previously")
_PREVIOUS = ("previous", "preceding", "prior")


def _with_part(value: str | None, part: str | None) -> str | None:
    if value is None or not part:
        return value
    return f"{value}T{PARTS_OF_DAY[part]}"


def _moved(ctx: Context, unit: str, n: int, part: str | None = None, *, keep: bool = False) -> Normalised:
    """The story reference moved by ``n`` units, as a story expression."""
    ref = ctx.story_ref()
    value = cal.move(ref, unit, n, keep=keep) if ref else None
    if part and value and len(value) != 10:
        value = None  # "the next morning" needs a day to count from
    kind = "TIME" if part else "DATE"
    return make(kind, _with_part(value, part), story=STORY)


def h_next_day(m: re.Match[str], ctx: Context) -> Normalised | None:
    """ "the next day", "the following morning", "the day before", "the same night"."""
    part = m["unit"] or m["unit2"]
    rel = m["rel"] or m["dir"]
    n = {"next": 1, "following": 1, "after": 1, "same": 0}.get(rel, -1)
    return _moved(ctx, "day", n, part if part in PARTS_OF_DAY else None)


def h_the_unit(m: re.Match[str], ctx: Context) -> Normalised | None:
    """ "that day", "the same week", "that year", "the morning", "the weekend"."""
    unit = m["unit"]
    if m["ended"]:
        return make("DURATION", duration(1, unit))  # "the year ended March 31": a period
    if unit == "weekend":
        return _weekend(ctx)
    if m[0].startswith("the ") and not m["same"] and unit in ("week", "month", "year"):
        return make("DATE", cal.shift(ctx.dct, unit, 0) if ctx.dct else None)
    if unit in PARTS_OF_DAY:
        return _moved(ctx, "day", 0, unit)
    return _moved(ctx, unit, 0)


def _weekend(ctx: Context) -> Normalised:
    """ "the weekend": the one just past in a past or present sentence, else the next."""
    if ctx.dct is None:
        return make("DATE", None)
    saturday = cal.weekday_date(ctx.dct, 5, "on_or_after" if ctx.tense == "future" else "on_or_before")
    return make("DATE", cal.iso_week(saturday) + "-WE")


def h_part_of_day(m: re.Match[str], ctx: Context) -> Normalised | None:
    """ "mid-afternoon", "late evening yesterday": a part of a named day, else of the story's day."""
    part = m["part"]
    mod = {"mid": "MID", "early": "START", "late": "END"}[m["dmod"].lower()]
    if m["rest"]:
        from detente.time.normalise import core  # the day may be any day expression

        day = core(m["rest"], ctx)
        if day is None or not day.value or not re.fullmatch(r"\d{4}-\d\d-\d\d", day.value[:10]):
            return None
        return make("TIME", _with_part(day.value[:10], part), modifier=mod)
    return replace(_moved(ctx, "day", 0, part), modifier=mod)


def h_rel_unit_story(rel: str, unit: str, ctx: Context) -> Normalised:
    """ "the following week", "the same month", "the previous year"."""
    if rel == "latest":  # the most recent complete one
        return make("DATE", cal.shift(ctx.dct, unit, -1) if ctx.dct else None)
    n = 1 if rel == "following" else -1 if rel in _PREVIOUS else 0
    return _moved(ctx, unit, n)


def h_weekday_story(rel: str, weekday: int, part: str | None, ctx: Context) -> Normalised:
    """ "the following Monday", "the previous Friday": counted from the story's day."""
    ref = ctx.story_ref()
    kind = "TIME" if part else "DATE"
    if ref is None or ref[1] != "day":
        return make(kind, None, story=STORY)
    direction = "after" if rel == "following" else "before" if rel in _PREVIOUS else "on_or_before"
    day = cal.weekday_date(ref[0], weekday, direction)
    return make(kind, _with_part(day.isoformat(), part), story=STORY)


def h_ago(m: re.Match[str], ctx: Context) -> Normalised | None:
    """ "two days ago", "a year earlier", "three weeks later", "a month from now"."""
    n = number(m["num"]) if m["num"] else "X"
    unit, direction = unit_of(m["unit"]), " ".join(m["dir"].split())
    if n is None or unit not in UNITS:
        return None
    if m["half"] and n != "X":
        n = float(n) + 0.5  # "a minute and a half later"
    whole = n != "X" and float(n).is_integer()
    if direction == "later":
        return _later(n, unit, ctx)
    sign = -1 if direction in _BACK else 1
    if not whole or ctx.dct is None:
        if ctx.dct is None and n != "X":
            return make("DATE", None)
        return make("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    k = int(n) * sign
    if sign < 0 and ctx.ref is not None and unit in cal.UNIT_PRECISION:
        # "a year earlier/ago" beside "the third quarter": the same quarter a year before.
        compared = cal.move(ctx.ref, unit, k, keep=True)
        if compared is not None and (direction != "ago" or (unit == "year" and k == -1)):
            return make("DATE", compared, story=COMPARE)
    story = COMPARE if sign < 0 else None
    if unit == "decade":
        unit, k = "year", 10 * k
    elif unit == "century":
        unit, k = "year", 100 * k
    elif UNITS[unit][1]:  # hours and minutes ago: the publication day
        return make("DATE", ctx.dct.isoformat(), story=story)
    return make("DATE", cal.shift(ctx.dct, unit, k), story=story)


def _later(n: float | str, unit: str, ctx: Context) -> Normalised:
    """ "three days later": TimeML's value is the duration; the date counts from the story."""
    value = duration(n, unit)
    result = make("DURATION", value, story=STORY)
    ref = ctx.story_ref()
    if n == "X" or ref is None or not float(n).is_integer() or unit not in cal.UNIT_PRECISION:
        return result
    moved = cal.move(ref, unit, int(n), keep=True)
    date, precision = cal.calendar_date(moved)
    return replace(result, date=date, precision=precision)


def anchored(head: Normalised, signal: str, anchor_text: str, anchor: Normalised | None) -> Normalised:
    """ "three days after the explosion": a duration counted from another event.

    When the anchor is itself a date ("a week after March 3") the date is
    computed now; otherwise it stays unknown here (``anchor`` keeps the signal
    and the words, for the dating step to find that event's date) rather than
    silently becoming the publication date.
    """
    words = f"{signal} {anchor_text}"
    if head.type != "DURATION":
        return make("DATE", None, anchor=words)
    result = replace(head, anchor=words, story=None, date=None, precision=None)
    ref = cal.reference(anchor.value) if anchor is not None and anchor.date else None
    offset = offset_of(head.value, signal)
    if ref is None or offset is None:
        return result
    moved = cal.move(ref, offset[0], offset[1], keep=True)
    date, precision = cal.calendar_date(moved)
    return replace(result, date=date, precision=precision, anchor=None)


_DUR = re.compile(r"^P(\d+)([DWMY]|DE)$")
_UNIT_OF_LETTER = {"D": "day", "W": "week", "M": "month", "Y": "year", "DE": "decade"}


def offset_of(value: str | None, signal: str) -> tuple[str, int] | None:
    """(unit, signed count) of a duration value read after ``signal``: ("P3D", "before") -> ("day", -3)."""
    m = _DUR.match(value or "")
    if m is None:
        return None
    sign = -1 if signal.split()[0] in ("before", "prior") else 1
    return _UNIT_OF_LETTER[m[2]], sign * int(m[1])


__all__ = [
    "COMPARE",
    "STORY",
    "anchored",
    "h_ago",
    "h_next_day",
    "h_part_of_day",
    "h_the_unit",
    "offset_of",
]
