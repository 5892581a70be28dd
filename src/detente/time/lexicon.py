"""English words for time: months, weekdays, numbers, units, seasons, modifiers.

These are facts of the language rather than reference data that changes
(unlike actor dictionaries), so they live in code as immutable mappings and
regular-expression fragments that the recogniser and the normaliser share.
Keeping one source for both means a word the recogniser finds is always a
word the normaliser understands.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from types import MappingProxyType

MONTHS = MappingProxyType(
    {
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
        "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
        "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    }
)  # fmt: skip

WEEKDAYS = MappingProxyType(
    {
        "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
        "saturday": 5, "sunday": 6,
        "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
        "fri": 4, "sat": 5, "sun": 6,
    }
)  # fmt: skip

# TIMEX3 season codes and the month each season starts in (northern hemisphere,
# meteorological seasons: the convention English news assumes).
SEASONS = MappingProxyType({"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"})
SEASON_START = MappingProxyType({"SP": 3, "SU": 6, "FA": 9, "WI": 12})

NUMBERS = MappingProxyType(
    {
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
        "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
        "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
        "hundred": 100, "a hundred": 100, "a couple of": 2, "a couple": 2, "couple of": 2,
        "a dozen": 12, "dozen": 12, "half a": 0.5, "half an": 0.5,
        "an additional": 1, "a further": 1, "an extra": 1,
    }
)  # fmt: skip
# Quantities that name no number: TIMEX3 writes them as "X" ("PXY" = some years).
VAGUE_NUMBERS = frozenset(
    {"several", "few", "a few", "some", "many", "numerous", "dozens of", "hundreds of",
     "a number of", "countless"}
)  # fmt: skip

ORDINALS = MappingProxyType(
    {
        "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
        "4th": 4, "fifth": 5, "5th": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
        "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
        "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
        "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
    }
)  # fmt: skip

# Unit word (singular) -> (TIMEX3 duration letters, is a time-of-day unit, precision).
UNITS = MappingProxyType(
    {
        "second": ("S", True, None),
        "minute": ("M", True, None),
        "hour": ("H", True, None),
        "day": ("D", False, "day"),
        "week": ("W", False, "week"),
        "fortnight": ("W", False, "week"),  # counted as two weeks by the normaliser
        "month": ("M", False, "month"),
        "quarter": ("Q", False, "quarter"),
        "year": ("Y", False, "year"),
        "decade": ("DE", False, "decade"),
        "century": ("CE", False, None),
    }
)
UNIT_PLURALS = MappingProxyType(
    {"seconds": "second", "minutes": "minute", "hours": "hour", "days": "day",
     "weeks": "week", "fortnights": "fortnight", "months": "month", "quarters": "quarter",
     "years": "year", "decades": "decade", "centuries": "century"}
)  # fmt: skip

PARTS_OF_DAY = MappingProxyType(
    {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
     "midday": "MI", "noon": "MI"}
)  # fmt: skip

DECADE_WORDS = MappingProxyType(
    {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
     "seventies": 7, "eighties": 8, "nineties": 9}
)  # fmt: skip

# Words before a date that make it a part of a period (TIMEX3 ``mod``).
PERIOD_MODS = MappingProxyType(
    {
        "early": "EARLY", "earlier in": "EARLY", "the beginning of": "START",
        "the start of": "START", "the dawn of": "START", "beginning of": "START",
        "start of": "START", "mid": "MID", "the middle of": "MID", "middle of": "MID",
        "the end of": "END", "end of": "END", "the close of": "END", "late": "LATE",
        "later in": "LATE",
    }
)  # fmt: skip
# Words before a quantity that qualify it (TIMEX3 ``mod`` on durations and dates).
QUANT_MODS = MappingProxyType(
    {
        "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
        "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN",
        "less than": "LESS_THAN", "under": "LESS_THAN", "more than": "MORE_THAN",
        "over": "MORE_THAN", "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS",
        "up to": "EQUAL_OR_LESS", "just over": "MORE_THAN", "just under": "LESS_THAN",
    }
)  # fmt: skip

# Fixed-date holidays (month, day); Easter and US Thanksgiving are computed.
HOLIDAYS = MappingProxyType(
    {
        "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
        "new year's day": (1, 1), "new year's eve": (12, 31), "new year": (1, 1),
        "valentine's day": (2, 14), "halloween": (10, 31), "boxing day": (12, 26),
        "may day": (5, 1), "independence day": (7, 4),
    }
)  # fmt: skip

# Prepositions that may open a time expression in running text but that TimeML
# keeps outside the TIMEX3 span; the normaliser reads them as signals.
PREPOSITIONS = frozenset(
    {"on", "in", "at", "since", "until", "till", "by", "during", "from", "for", "over",
     "within", "through", "throughout", "before", "after", "to", "into", "of", "as of",
     "around", "about", "between", "starting", "beginning", "ending", "circa", "c."}
)  # fmt: skip

# Verbs whose infinitive complement is about the future ("is expected to meet").
FUTURE_LEMMAS = frozenset(
    {"expect", "schedule", "plan", "due", "set", "intend", "aim", "hope", "prepare",
     "want", "seek", "agree", "promise", "vow", "pledge", "threaten", "propose", "go"}
)  # fmt: skip
# Verbs whose object is an event still ahead: a date on it dates that event
# ("planned a march on Saturday"), and verbs that push a deadline ("postponed until Tuesday").
PLAN_LEMMAS = frozenset({"plan", "schedule", "reschedule", "slate"})
DEFER_LEMMAS = frozenset(
    {"postpone", "delay", "defer", "extend", "adjourn", "give", "grant", "suspend", "push", "put"}
)  # fmt: skip
# Verbs of saying: a date attached to them dates the saying, not what was said.
REPORTING_LEMMAS = frozenset(
    {"say", "tell", "announce", "report", "claim", "state", "add", "note", "confirm",
     "declare", "insist", "argue", "write", "explain", "warn", "accuse", "deny", "allege",
     "acknowledge", "admit", "reveal", "indicate", "suggest", "believe", "think", "know"}
)  # fmt: skip


_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ONES_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
# A year read aloud: "nineteen ninety-four", "nineteen oh five", "two thousand and one".
_TWO_DIGITS = (
    rf"(?:{'|'.join(_TEENS)}|(?:{'|'.join(_TENS_WORDS)})(?:[\s-](?:{'|'.join(_ONES_WORDS)}))?"
    rf"|oh[\s-](?:{'|'.join(_ONES_WORDS)}))"
)
SPELLED_YEAR = (
    rf"(?:(?:eighteen|nineteen)[\s-](?:hundred|{_TWO_DIGITS})"
    rf"|two[\s-]thousand(?:(?:\s+and)?[\s-](?:{'|'.join(_ONES_WORDS)}|{_TWO_DIGITS}))?)"
)
_SPELLED_RX = re.compile(SPELLED_YEAR, re.IGNORECASE)


def _small_number(words: str) -> int:
    parts = [w for w in re.split(r"[\s-]+", words.lower()) if w not in ("and", "oh")]
    values = {w: i + 10 for i, w in enumerate(_TEENS)}
    values |= {w: 20 + 10 * i for i, w in enumerate(_TENS_WORDS)}
    values |= {w: i + 1 for i, w in enumerate(_ONES_WORDS)}
    return sum(values.get(p, 0) for p in parts)


def spelled_year(text: str) -> int | None:
    """The year of words such as "nineteen ninety-four" (1994) or "two thousand" (2000)."""
    t = " ".join(text.lower().replace("-", " ").split())
    if t.startswith("two thousand"):
        return 2000 + _small_number(t[len("two thousand") :])
    head, _, rest = t.partition(" ")
    century = {"eighteen": 1800, "nineteen": 1900}.get(head)
    if century is None or not rest:
        return None
    return century if rest == "hundred" else century + _small_number(rest)


def digits_for_spelled_years(text: str) -> str:
    """``text`` with every spelled-out year written in digits."""
    return _SPELLED_RX.sub(lambda m: str(spelled_year(m[0]) or m[0]), text)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` (longest first, so "sept" wins over "sep")."""
    items = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)
