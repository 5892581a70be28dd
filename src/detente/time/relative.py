"""Handlers for expressions read against the publication date or as spans.

Days and weekdays relative to the publication date, "last week", "two days
ago", references (``PAST_REF``), recurring times (SETs) and durations; the
absolute forms are in :mod:`detente.time.handlers`.
"""

from __future__ import annotations

import datetime as dt
import re

from detente.model import TimexType
from detente.time import calendar as cal
from detente.time.handlers import (
    RELATIVE,
    Context,
    Normalised,
    duration,
    fold_relation,
    make,
    number,
    unit_of,
)
from detente.time.lexicon import MONTHS, PARTS_OF_DAY, SEASONS, UNITS, WEEKDAYS


def h_dayref(m: re.Match[str], ctx: Context) -> Normalised | None:
    text = " ".join(m[0].split())
    offset = {"the day before yesterday": -2, "the day after tomorrow": 2}.get(text)
    base, part = m["base"], m["part"]
    if offset is None:
        if base in ("this", "last") and not part:
            return None
        if base == "last" and part not in ("night", "evening"):
            return None
        offset = {"yesterday": -1, "tomorrow": 1, "last": -1}.get(base, 0)
    if base == "tonight":
        part = "night"
    if ctx.dct is None:
        return make("TIME" if part else "DATE", None)
    day = (ctx.dct + dt.timedelta(days=offset)).isoformat()
    if part:
        return make("TIME", f"{day}T{PARTS_OF_DAY[part]}")
    return make("DATE", day)


def weekday_direction(rule: str, tense: str | None) -> str:
    """How a bare weekday is read; ``rule`` is :attr:`TimeConfig.weekday_rule`."""
    if rule == "nearest":
        return "nearest"
    if rule == "tense_strict":
        return "after" if tense == "future" else "before"
    if rule == "past":
        return "on_or_before"
    return "on_or_after" if tense == "future" else "on_or_before"


def h_weekday(m: re.Match[str], ctx: Context) -> Normalised | None:
    weekday = WEEKDAYS[m["wd"]]
    rel = fold_relation(m["rel"])
    part = m["part"]
    kind: TimexType = "TIME" if part else "DATE"
    if rel == RELATIVE:
        return make(kind, None, anchor=RELATIVE)
    if ctx.dct is None:
        return make(kind, f"XXXX-WXX-{weekday + 1}")
    if rel == "last":
        day = cal.weekday_date(ctx.dct, weekday, "before")
    elif rel == "next":
        day = cal.weekday_date(ctx.dct, weekday, "after")
    elif rel == "this":
        day = ctx.dct + dt.timedelta(days=weekday - ctx.dct.weekday())
    else:
        day = cal.weekday_date(ctx.dct, weekday, weekday_direction(ctx.weekday_rule, ctx.tense))
    value = day.isoformat() + (f"T{PARTS_OF_DAY[part]}" if part else "")
    return make(kind, value)


def h_rel_unit(m: re.Match[str], ctx: Context) -> Normalised | None:
    unit = m["unit"]
    word = " ".join(m["rel"].split())
    if m["the"] and word in ("past", "last", "next", "coming") and unit != "weekend":
        return make("DURATION", duration(1, unit))
    rel = fold_relation(word)
    if rel == RELATIVE or rel is None:
        return make("DATE", None, anchor=RELATIVE)
    if ctx.dct is None:
        return make("DATE", None)
    return make("DATE", cal.shift(ctx.dct, unit, {"last": -1, "this": 0, "next": 1}[rel]))


_BACK = ("ago", "earlier", "back", "previously")


def h_ago(m: re.Match[str], ctx: Context) -> Normalised | None:
    n = number(m["num"]) if m["num"] else "X"
    unit, direction = unit_of(m["unit"]), " ".join(m["dir"].split())
    if n is None or unit not in UNITS:
        return None
    if direction not in _BACK and direction not in ("hence", "from now"):
        return make("DATE", None, anchor=direction)
    sign = -1 if direction in _BACK else 1
    if n == "X" or ctx.dct is None or not float(n).is_integer():
        if ctx.dct is None and n != "X":
            return make("DATE", None)
        return make("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    k = int(n) * sign
    if unit == "decade":
        unit, k = "year", 10 * k
    elif unit == "century":
        unit, k = "year", 100 * k
    elif UNITS[unit][1]:  # hours and minutes ago: the publication day
        return make("DATE", ctx.dct.isoformat())
    return make("DATE", cal.shift(ctx.dct, unit, k))


_REFS = {
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF",
    "the past": "PAST_REF", "the recent past": "PAST_REF", "the distant past": "PAST_REF",
    "soon": "FUTURE_REF", "shortly": "FUTURE_REF",
}  # fmt: skip


def h_ref(m: re.Match[str], ctx: Context) -> Normalised | None:
    text = " ".join(m[0].split())
    if text in _REFS:
        return make("DATE", _REFS[text])
    if "future" in text or "coming" in text or "upcoming" in text or "ahead" in text:
        return make("DATE", "FUTURE_REF")
    if "recent" in text:
        return make("DATE", "PAST_REF")
    return make("DATE", "PRESENT_REF")


_ADVERBS = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
    "yearly": "P1Y", "annually": "P1Y", "quarterly": "P3M", "hourly": "PT1H",
    "semiannually": "P6M", "biannually": "P6M",
}  # fmt: skip


def h_set(m: re.Match[str], ctx: Context) -> Normalised | None:
    if m["adv"]:
        return make("SET", _ADVERBS[m["adv"]])
    word = (m["every"] or m["tunit"] or "").lower()
    step = 2 if m["other"] else 1
    if word in UNITS:
        return make("SET", duration(step, word))
    if word in WEEKDAYS:
        return make("SET", f"XXXX-WXX-{WEEKDAYS[word] + 1}")
    if word in MONTHS and len(word) > 3:
        return make("SET", f"XXXX-{MONTHS[word]:02d}")
    if word in PARTS_OF_DAY:
        return make("SET", f"T{PARTS_OF_DAY[word]}")
    if word in SEASONS:
        return make("SET", f"XXXX-{SEASONS[word]}")
    if word == "weekend":
        return make("SET", "XXXX-WXX-WE")
    return None


def h_duration(m: re.Match[str], ctx: Context) -> Normalised | None:
    n, unit = number(m["num"]), unit_of(m["unit"])
    if n is None or unit not in UNITS or n == 0:
        return None
    if (m["half"] or m["frac"]) and n != "X":
        n = float(n) + 0.5
    plain = not m["rel"] and not m[0].startswith("the")
    ahead = ctx.prep == "in" and ctx.tense == "future" and plain and ctx.dct is not None
    if ahead and ctx.dct and n != "X" and float(n).is_integer() and not UNITS[unit][1]:
        return make("DATE", cal.shift(ctx.dct, unit, int(n)))
    return make("DURATION", duration(n, unit))


def h_vague_duration(m: re.Match[str], ctx: Context) -> Normalised | None:
    unit = unit_of(m["unit"])
    rel = m["rel"]
    if rel == "recent":
        return make("DATE", "PAST_REF")
    if rel == "coming" and not m["num"]:
        return make("DATE", "FUTURE_REF")
    return make("DURATION", duration("X", unit))


def h_the_unit(m: re.Match[str], ctx: Context) -> Normalised | None:
    unit = m["unit"]
    if m["ended"]:
        return make("DURATION", duration(1, unit))  # "the year ended March 31": a period
    if m[0].startswith("the ") and not m["same"] and unit in ("week", "month", "year"):
        return make("DATE", cal.shift(ctx.dct, unit, 0) if ctx.dct else None)
    return make("DATE", None, anchor=RELATIVE)


def h_next_day(m: re.Match[str], ctx: Context) -> Normalised | None:
    part = m["unit"] or m["unit2"]
    return make("TIME" if part in PARTS_OF_DAY else "DATE", None, anchor=RELATIVE)
