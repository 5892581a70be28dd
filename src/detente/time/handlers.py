"""Shared types and the handlers of absolute forms: match -> TIMEX3.

There is one handler per pattern of :data:`detente.time.patterns.CORE`
(dates, months, seasons, quarters, years, decades here; relative forms in
:mod:`detente.time.relative`; the registry in :mod:`detente.time.normalise`).

Each handler reads the groups of its pattern and the :class:`Context` (the
document creation time, the tense of the governing verb, the preposition in
front) and returns a :class:`Normalised` value, or ``None`` when the words do
not make a time expression after all ("this" alone, "the 45th quarter").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from detente.model import DatePrecision, TimexType
from detente.time import calendar as cal
from detente.time.lexicon import (
    DECADE_WORDS,
    HOLIDAYS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    SEASONS,
    UNIT_PLURALS,
    UNITS,
    VAGUE_NUMBERS,
)


@dataclass(frozen=True, slots=True)
class Normalised:
    """A time expression's TIMEX3 reading, independent of where it was found."""

    type: TimexType
    value: str | None
    date: str | None = None
    precision: DatePrecision | None = None
    modifier: str | None = None
    anchor: str | None = None
    # How the value depends on the narrative reference (:attr:`Context.ref`):
    # "story" ("the next day", "two days later": read from it, and it becomes
    # the new reference), "compare" ("a year earlier": takes its granularity,
    # without moving it), or None (read from the publication date only).
    story: str | None = None


@dataclass(frozen=True, slots=True)
class Context:
    dct: dt.date | None
    tense: str | None = None  # "past" | "present" | "future" | None
    prep: str | None = None  # the preposition in front: "in", "for", "since" ...
    weekday_rule: str = "tense"
    numeric_order: str = "mdy"
    # The narrative reference: first day and granularity of the last date the
    # text named before this expression (None: none yet, use the publication date).
    ref: tuple[dt.date, str] | None = None

    def story_ref(self) -> tuple[dt.date, str] | None:
        """The reference time of the story: the last date named, else the publication day."""
        if self.ref is not None:
            return self.ref
        return (self.dct, "day") if self.dct is not None else None


Handler = Callable[[re.Match[str], Context], "Normalised | None"]

RELATIVE = "context"  # anchor of expressions relative to the narrative ("the next day")


def make(
    kind: TimexType,
    value: str | None,
    *,
    modifier: str | None = None,
    anchor: str | None = None,
    story: str | None = None,
) -> Normalised:
    date, precision = cal.calendar_date(value) if kind in ("DATE", "TIME") else (None, None)
    return Normalised(kind, value, date, precision, modifier, anchor, story)


def number(text: str | None) -> float | str | None:
    """A spelled or written quantity; ``"X"`` for vague ones ("several")."""
    if text is None:
        return None
    t = " ".join(text.lower().split())
    if t in VAGUE_NUMBERS:
        return "X"
    if re.fullmatch(r"\d+(?:[.,]\d+)?", t):
        return float(t.replace(",", ""))
    if t in NUMBERS:
        return float(NUMBERS[t])
    if "-" in t or " " in t:
        parts = t.replace(" ", "-").split("-")
        if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
            return float(NUMBERS[parts[0]] + NUMBERS[parts[1]])
    return None


def unit_of(text: str) -> str:
    t = text.lower()
    return UNIT_PLURALS.get(t, t)


def _fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def duration(n: float | str, unit: str) -> str | None:
    if unit not in UNITS:
        return None
    letters, is_time, _ = UNITS[unit]
    if unit == "fortnight" and n != "X":
        n = float(n) * 2
    amount = "X" if n == "X" else _fmt(float(n))
    if n != "X" and not float(n).is_integer() and unit in _SMALLER:
        # "2 1/2 years" is P2Y6M and "5 1/2 hours" PT5H30M: TIMEX3 writes whole units
        smaller, factor = _SMALLER[unit]
        rest = (float(n) % 1) * factor
        if rest.is_integer():
            whole = int(float(n))
            head = f"{whole}{letters}" if whole else ""
            tail = f"{int(rest)}{UNITS[smaller][0]}"
            if is_time:
                return f"PT{head}{tail}"
            return f"P{head}{'T' if UNITS[smaller][1] else ''}{tail}"
    return f"PT{amount}{letters}" if is_time else f"P{amount}{letters}"


# The next smaller unit and how many of it make one: for fractional durations.
_SMALLER = {"year": ("month", 12), "day": ("hour", 24), "hour": ("minute", 60), "minute": ("second", 60)}


def fold_relation(text: str | None) -> str | None:
    """Fold the many relative words into last / this / next / context."""
    if text is None:
        return None
    t = " ".join(text.split())
    if t in ("last", "past", "previous", "prior", "this past"):
        return "last"
    if t in ("next", "coming", "upcoming", "this coming"):
        return "next"
    if t in ("this", "current", "present"):
        return "this"
    return RELATIVE  # following, same, latest: relative to the story, not the DCT


def _year2(text: str, dct: dt.date | None) -> int:
    y = int(text)
    if len(text) > 2:
        return y
    pivot = (dct.year % 100 + 10) if dct else 30
    return (2000 if y <= pivot else 1900) + y


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def h_iso(m: re.Match[str], ctx: Context) -> Normalised | None:
    value = _valid(int(m["y"]), int(m["m"]), int(m["d"]))
    return make("DATE", value) if value else None


def h_numeric(m: re.Match[str], ctx: Context) -> Normalised | None:
    a, b, year = int(m["a"]), int(m["b"]), _year2(m["y"], ctx.dct)
    if a > 12:
        day, month = a, b
    elif b > 12:
        month, day = a, b
    elif ctx.numeric_order == "dmy":
        day, month = a, b
    else:
        month, day = a, b
    value = _valid(year, month, day)
    return make("DATE", value) if value else None


def _day_of(text: str | None, ctx: Context) -> str | None:
    if not text:
        return ctx.dct.isoformat() if ctx.dct else None
    from detente.time.normalise import core  # the day may be any day expression

    inner = core(" ".join(text.split()), ctx)
    if inner and inner.value and re.fullmatch(r"\d{4}-\d\d-\d\d(T..)?", inner.value):
        return inner.value[:10]
    return None


def h_time(m: re.Match[str], ctx: Context) -> Normalised | None:
    if m["named"]:
        # TIMEX3 (after ISO 8601) writes the midnight that ends a day as T24:00 of that
        # day: "midnight Friday", a deadline, is the end of Friday, not its first instant
        hour, minute = (24, 0) if m["named"] == "midnight" else (12, 0)
    elif m["ap"]:
        hour, minute = int(m["h"]), int(m["mi"] or 0)
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m["ap"].startswith("p") else 0)
    else:
        hour, minute = int(m["h24"]), int(m["m24"])
    if not m["rest"] and ctx.ref is not None and ctx.ref[1] == "day":
        # "at 10 p.m." in a story about Friday is Friday evening, not publication day's
        return make("TIME", f"{ctx.ref[0].isoformat()}T{hour:02d}:{minute:02d}", story="story")
    day = _day_of(m["rest"], ctx) or "XXXX-XX-XX"
    return make("TIME", f"{day}T{hour:02d}:{minute:02d}", story=None if m["rest"] else "story")


_DEADLINE_PREPS = frozenset({"until", "till", "through", "by"})


def _month_day(ctx: Context, month: int, day: int | None, year: str | None) -> str | None:
    if year:
        y: int | None = int(year)
    elif ctx.dct:
        # A deadline ("extended the loans through January", "return the boy by Jan. 14")
        # is the nearest such date whatever the tense of the verb that set it.
        tense = None if ctx.prep in _DEADLINE_PREPS else ctx.tense
        y = cal.year_for_month(ctx.dct, month, day, tense)
    else:
        y = None
    if day is None:
        return f"{y:04d}-{month:02d}" if y else f"XXXX-{month:02d}"
    if not 1 <= day <= 31:
        return None
    if y is None:
        return f"XXXX-{month:02d}-{day:02d}"
    return _valid(y, month, day)


def h_month_day(m: re.Match[str], ctx: Context) -> Normalised | None:
    rel = m.groupdict().get("rel")
    if rel:
        # "last Oct. 23": the most recent such day, whatever the verb's tense
        ctx = Context(ctx.dct, "past" if rel == "last" else "future", None, ctx.weekday_rule)
    value = _month_day(ctx, MONTHS[m["mon"]], int(m["day"]), m["year"])
    return make("DATE", value) if value else None


def h_week_of(m: re.Match[str], ctx: Context) -> Normalised | None:
    """ "the week of March 6": the ISO week that holds the day."""
    value = _month_day(ctx, MONTHS[m["mon"]], int(m["day"]), m["year"])
    if value is None or len(value) != 10 or value.startswith("X"):
        return make("DATE", None)
    return make("DATE", cal.iso_week(dt.date.fromisoformat(value)))


def h_month_year(m: re.Match[str], ctx: Context) -> Normalised | None:
    if m["year"]:
        return make("DATE", f"{m['year']}-{MONTHS[m['mon']]:02d}")
    if ctx.dct is None:
        return make("DATE", None)
    year = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[m["rely"]]
    return make("DATE", f"{year}-{MONTHS[m['mon']]:02d}")


def h_month(m: re.Match[str], ctx: Context) -> Normalised | None:
    month = MONTHS[m["mon"]]
    rel = fold_relation(m["rel"])
    if rel == RELATIVE:
        return None
    if ctx.dct is None or rel is None:
        return make("DATE", _month_day(ctx, month, None, None))
    year = ctx.dct.year
    if rel == "last":
        year = year if month < ctx.dct.month else year - 1
    elif rel == "next":
        year = year if month > ctx.dct.month else year + 1
    return make("DATE", f"{year}-{month:02d}")


def h_holiday(m: re.Match[str], ctx: Context) -> Normalised | None:
    name = " ".join(m["hol"].split()).replace("’", "'")

    def on(year: int) -> dt.date:
        if name.startswith("easter"):
            return cal.easter(year)
        if name.startswith("thanksgiving"):
            return cal.thanksgiving(year)
        if name == "election day":
            return cal.election_day(year)
        month, day = HOLIDAYS[name]
        return dt.date(year, month, day)

    def named(day: dt.date) -> Normalised:
        if m["wk"]:
            # "Easter week", "Thanksgiving weekend": the week that holds the holiday
            week = cal.iso_week(day)
            return make("DATE", week + "-WE" if "end" in m["wk"] else week)
        return make("DATE", day.isoformat())

    if m["year"]:
        return named(on(int(m["year"])))
    if ctx.dct is None:
        return make("DATE", None)
    dct = ctx.dct

    def begins(year: int) -> dt.date:
        """When the named period starts: the holiday, or the Monday of its week."""
        day = on(year)
        return day - dt.timedelta(days=day.weekday()) if m["wk"] else day

    here = begins(dct.year)
    rel = m["rel"]
    year = dct.year
    if rel == "last" or (rel is None and ctx.tense == "past"):
        year = dct.year if here < dct or (rel is None and here == dct) else dct.year - 1
    elif rel == "next" or (rel is None and ctx.tense == "future"):
        year = dct.year if here > dct or (rel is None and here == dct) else dct.year + 1
    return named(on(year))


def h_season(m: re.Match[str], ctx: Context) -> Normalised | None:
    code = SEASONS[m["season"] or m["s2"]]
    year = m["year"] or m["y2"]
    if year:
        return make("DATE", f"{year}-{code}")
    rel = fold_relation(m["rel"])
    if rel == RELATIVE:
        return None
    if ctx.dct is None:
        return make("DATE", f"XXXX-{code}")
    return make("DATE", f"{cal.season_year(ctx.dct, code, rel, ctx.tense)}-{code}")


def _year_for(m: re.Match[str], keys: tuple[str, ...], ctx: Context) -> int | None:
    for key in keys:
        if m[key]:
            return int(m[key])
    if ctx.dct is None:
        return None
    if m["rely"]:
        return ctx.dct.year + {"this": 0, "last": -1, "next": 1}[m["rely"]]
    return ctx.dct.year


def h_quarter(m: re.Match[str], ctx: Context) -> Normalised | None:
    ordinal = m["ord"]
    explicit_year = m["y1"] or m["y2"] or m["rely"] or m["yadj"] or "the year" in m[0]
    if ordinal in ("last", "final"):
        if not explicit_year:
            return make("DATE", cal.shift(ctx.dct, "quarter", -1) if ctx.dct else None)
        q = 4
    else:
        q = ORDINALS.get(ordinal, 0)
    if not 1 <= q <= 4:
        return None
    year = _year_for(m, ("y1", "y2"), ctx)
    if year is not None and m["yadj"]:
        year += 1 if m["yadj"].startswith("next") else 0 if m["yadj"].startswith("this") else -1
    if year is None:
        return make("DATE", f"XXXX-Q{q}")
    if not explicit_year and ctx.dct and ctx.tense == "past" and q > cal.quarter_of(ctx.dct):
        year -= 1
    return make("DATE", f"{year}-Q{q}")


def h_q(m: re.Match[str], ctx: Context) -> Normalised | None:
    q = m["q"] or m["q2"]
    year = m["y"] or m["y2"] or (str(ctx.dct.year) if ctx.dct else "XXXX")
    return make("DATE", f"{year}-Q{q}")


def h_quarter_rel(m: re.Match[str], ctx: Context) -> Normalised | None:
    rel = " ".join((m["rel"] or "").split())
    if rel in ("same", "that") and ctx.ref is not None and ctx.ref[1] == "quarter":
        return make("DATE", cal.format_at(*ctx.ref), story="story")  # the quarter the story is about
    if ctx.dct is None or rel in ("same", "that"):
        return make("DATE", None, story="story")
    # A report's "latest quarter" is the one whose results it gives: the
    # quarter that ended before publication during results season.
    reported = ctx.dct - dt.timedelta(days=45)
    if rel in ("", "latest", "most recent"):
        return make("DATE", cal.shift(reported, "quarter", 0))
    if rel in ("year-ago", "year-earlier"):
        if ctx.ref is not None and ctx.ref[1] == "quarter":
            return make("DATE", cal.move(ctx.ref, "year", -1, keep=True), story="compare")
        return make("DATE", cal.shift(reported, "quarter", -4), story="compare")
    offset = {"this": 0, "current": 0, "next": 1, "coming": 1}.get(rel, -1)
    return make("DATE", cal.shift(ctx.dct, "quarter", offset))


def h_year_ago(m: re.Match[str], ctx: Context) -> Normalised | None:
    """ "year-earlier" results, "the year-ago period", "the quarter a year ago": the
    story's period, a year before."""
    if ctx.ref is not None and ctx.ref[1] in ("month", "season", "quarter", "half"):
        return make("DATE", cal.move(ctx.ref, "year", -1, keep=True), story="compare")
    if ctx.dct is None:
        return make("DATE", None, story="compare")
    if m["what"] == "quarter":
        return make("DATE", cal.shift(ctx.dct - dt.timedelta(days=45), "quarter", -4), story="compare")
    return make("DATE", f"{ctx.dct.year - 1:04d}", story="compare")


def h_half(m: re.Match[str], ctx: Context) -> Normalised | None:
    """A half year ("the first two quarters of 1990" is its first half), or half a decade.

    "The latter half of the '80s" has no TIMEX3 value of its own: the decade
    with the part as ``mod`` (START or END), as TimeML writes "the early 1990s".
    """
    half = 1 if m["ord"] in ("first", "1st") else 2
    if m["two"] and not (m["y"] or m["rely"] or m["dec"] or "the year" in m[0]):
        return None  # "the last two quarters": a stretch of time, read as a duration
    if m["dec"]:
        from detente.time.normalise import core  # the decade in any of its spellings

        decade = core(m["dec"], ctx)
        if decade is None or not decade.value:
            return None
        return make("DATE", decade.value, modifier="START" if half == 1 else "END")
    year = _year_for(m, ("y",), ctx)
    return make("DATE", f"{year if year else 'XXXX'}-H{half}")


def h_fiscal_year(m: re.Match[str], ctx: Context) -> Normalised | None:
    return make("DATE", f"{_year2(m['year'], ctx.dct):04d}")


def h_year(m: re.Match[str], ctx: Context) -> Normalised | None:
    return make("DATE", m["year"])


def h_decade(m: re.Match[str], ctx: Context) -> Normalised | None:
    if m["c"]:
        return make("DATE", f"{m['c']}{m['d']}")
    digit = int(m["d2"]) if m["d2"] else DECADE_WORDS[m["dword"]]
    century = 19
    if ctx.dct and digit * 10 <= ctx.dct.year % 100 and ctx.dct.year >= 2000:
        century = ctx.dct.year // 100
    return make("DATE", f"{century}{digit}")


def h_century(m: re.Match[str], ctx: Context) -> Normalised | None:
    if m["rel"]:
        if ctx.dct is None:
            return make("DATE", None)
        rel = m["rel"].split()[-1]
        offset = {"this": 0, "current": 0, "past": -1, "last": -1, "next": 1}[rel]
        return make("DATE", cal.shift(ctx.dct, "century", offset))
    n = int(m["num"]) if m["num"] else ORDINALS.get(m["ord"], 0)
    return make("DATE", f"{n - 1:02d}") if n else None
