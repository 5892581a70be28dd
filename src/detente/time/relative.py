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
from detente.time import story
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

# Relative words that count from the story's time, not the publication date.
STORY_WORDS = frozenset({"previous", "preceding", "prior", "following", "same"})


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
    return "on_or_after" if tense == "future" else "nearest" if tense == "present" else "on_or_before"


def h_weekday(m: re.Match[str], ctx: Context) -> Normalised | None:
    weekday = WEEKDAYS[m["wd"]]
    word = " ".join((m["rel"] or "").split())
    rel = fold_relation(m["rel"])
    part = m["part"]
    kind: TimexType = "TIME" if part else "DATE"
    if rel == RELATIVE or word in STORY_WORDS:
        return story.h_weekday_story(word, weekday, part, ctx)
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
    if rel == RELATIVE or rel is None or word in STORY_WORDS:
        return story.h_rel_unit_story(word, unit, ctx)
    if ctx.dct is None:
        return make("DATE", None)
    return make("DATE", cal.shift(ctx.dct, unit, {"last": -1, "this": 0, "next": 1}[rel]))


_REFS = {
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF",
    "the past": "PAST_REF", "the recent past": "PAST_REF", "the distant past": "PAST_REF",
    "soon": "FUTURE_REF", "shortly": "FUTURE_REF", "someday": "FUTURE_REF",
}  # fmt: skip


def h_ref(m: re.Match[str], ctx: Context) -> Normalised | None:
    text = " ".join(m[0].split())
    if text in _REFS:
        return make("DATE", _REFS[text])
    if re.search(r"future|coming|ahead|term$|possible$|later", text):
        return make("DATE", "FUTURE_REF")
    if m_unit := re.search(r"recent (days|weeks|months|quarters|years|decades)$", text):
        # TimeML reads "in recent months" as a stretch of some months (PXM)
        return make("DURATION", duration("X", unit_of(m_unit[1])))
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
    if ctx.tense == "future" and ctx.prep is None and re.fullmatch(r"(?:one|some)\s+day", m[0]):
        return make("DATE", "FUTURE_REF")  # "will one day be": some day ahead, not a day's length
    if re.fullmatch(r"1[89]\d\d|20\d\d", m["num"] or "") and not m["unit"].lower().endswith("s"):
        return make("DATE", m["num"])  # "the 1988 quarter": a period of 1988, not 1988 quarters
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
    if rel == "coming" and not m["num"]:
        return make("DATE", "FUTURE_REF")
    return make("DURATION", duration("X", unit))
