"""Calendar arithmetic on TIMEX3 values: shifting, anchoring, period bounds.

Pure functions over :class:`datetime.date`; nothing here reads text.  They are
kept apart from the normaliser so the event-dating step can reuse the same
notion of "which days does the value 2024-SU cover" when it decides whether an
event is historical or in the future.
"""

from __future__ import annotations

import datetime as dt
import re

from detente.model import DatePrecision
from detente.time.lexicon import SEASON_START

Tense = str  # "past" | "present" | "future"
# How far after the publication date a yearless date in a past-tense sentence
# may lie and still be this year's (measured on TempEval-3: such dates are
# deadlines and schedules, nearly all within seven weeks).
PAST_LOOKAHEAD_DAYS = 60


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the end of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = _month_length(year, month)
    return dt.date(year, month, min(day.day, last))


def _month_length(year: int, month: int) -> int:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).day


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def shift(dct: dt.date, unit: str, n: int) -> str | None:
    """The TIMEX3 value of the ``unit`` that lies ``n`` units from ``dct``.

    ``shift(d, "week", -1)`` is last week ("2025-W17"), ``shift(d, "year", 1)``
    next year.  The granularity of the answer is the unit's: a week is named by
    its ISO week, a month by "YYYY-MM", a decade by its first three digits.
    """
    if unit == "day":
        return (dct + dt.timedelta(days=n)).isoformat()
    if unit == "week":
        return iso_week(dct + dt.timedelta(weeks=n))
    if unit == "weekend":
        return iso_week(dct + dt.timedelta(weeks=n)) + "-WE"
    if unit == "fortnight":
        return iso_week(dct + dt.timedelta(weeks=2 * n))
    if unit == "month":
        return add_months(dct, n).strftime("%Y-%m")
    if unit == "quarter":
        moved = add_months(dct, 3 * n)
        return f"{moved.year}-Q{quarter_of(moved)}"
    if unit == "half":
        moved = add_months(dct, 6 * n)
        return f"{moved.year}-H{1 if moved.month <= 6 else 2}"
    if unit == "year":
        return f"{dct.year + n:04d}"
    if unit == "decade":
        return f"{dct.year // 10 + n:03d}"
    if unit == "century":
        return f"{dct.year // 100 + n:02d}"
    return None


def weekday_date(dct: dt.date, weekday: int, direction: str) -> dt.date:
    """The date of ``weekday`` near ``dct``.

    ``direction``: "on_or_before" (the most recent such day, today included),
    "before" (strictly earlier), "on_or_after", "after", or "nearest" (within
    three days either way, the earlier one on a tie).
    """
    back = (dct.weekday() - weekday) % 7
    ahead = (weekday - dct.weekday()) % 7
    if direction == "on_or_before":
        return dct - dt.timedelta(days=back)
    if direction == "before":
        return dct - dt.timedelta(days=back or 7)
    if direction == "on_or_after":
        return dct + dt.timedelta(days=ahead)
    if direction == "after":
        return dct + dt.timedelta(days=ahead or 7)
    return dct - dt.timedelta(days=back) if back <= ahead else dct + dt.timedelta(days=ahead)


def year_for_month(dct: dt.date, month: int, day: int | None, tense: Tense | None) -> int:
    """The year of a month (and day) named without one, read from the tense.

    Past: the most recent such date on or before the publication date (or one
    at most :data:`PAST_LOOKAHEAD_DAYS` ahead); future:
    the next one on or after it; otherwise the closest one, which is what
    reporters mean by "on March 3" in a present-tense headline.
    """
    target_day = day or 1
    named = (month, day or 0)
    today = (dct.month, dct.day if day else 0)
    if tense == "past":
        if named <= today:
            return dct.year
        # Past-tense sentences name coming deadlines too ("extended its offer to
        # Nov. 20"); a date just ahead is this year's, not last year's.
        ahead = dt.date(dct.year, month, min(target_day, _month_length(dct.year, month))) - dct
        return dct.year if ahead.days <= PAST_LOOKAHEAD_DAYS else dct.year - 1
    if tense == "future":
        return dct.year if named >= today else dct.year + 1
    best = dct.year
    best_gap: int | None = None
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            cand = dt.date(year, month, min(target_day, _month_length(year, month)))
        except ValueError:
            continue
        gap = abs((cand - dct).days)
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best


def season_year(dct: dt.date, code: str, relation: str | None, tense: Tense | None) -> int:
    """The year of a season named without one ("last summer", "in the spring")."""
    start = SEASON_START[code]
    # Months since the season began, when it is this year's season.
    this_start = dt.date(dct.year if code != "WI" or dct.month == 12 else dct.year - 1, start, 1)
    ended = dct >= add_months(this_start, 3)
    begun = dct >= this_start
    year = this_start.year
    if relation == "last":
        return year if ended else year - 1
    if relation == "next":
        return year if not begun else year + 1
    if relation == "this":
        return year
    if tense == "past":
        return year if begun else year - 1
    if tense == "future":
        return year if not ended else year + 1
    return year


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def thanksgiving(year: int) -> dt.date:
    """US Thanksgiving: the fourth Thursday of November."""
    first = dt.date(year, 11, 1)
    first_thu = first + dt.timedelta(days=(3 - first.weekday()) % 7)
    return first_thu + dt.timedelta(weeks=3)


def election_day(year: int) -> dt.date:
    """US Election Day: the Tuesday after the first Monday in November."""
    first = dt.date(year, 11, 1)
    first_mon = first + dt.timedelta(days=(0 - first.weekday()) % 7)
    return first_mon + dt.timedelta(days=1)


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")


def calendar_date(value: str | None) -> tuple[str | None, DatePrecision | None]:
    """The event-usable calendar date and precision of a TIMEX3 ``value``.

    Weeks are given by their Monday ("2025-04-21", precision week; a weekend by
    its Saturday), seasons and
    quarters by the month they start in; refs, durations, sets, centuries and
    values with unknown parts ("XXXX-04") give ``(None, None)``.
    """
    if not value:
        return None, None
    if m := _DAY.match(value):
        return f"{m[1]}-{m[2]}-{m[3]}", "day"
    if m := _WEEK.match(value):
        first = dt.date.fromisocalendar(int(m[1]), int(m[2]), 6 if m[3] else 1)
        return first.isoformat(), "week"
    if m := _MONTH.match(value):
        return value, "month"
    if m := _SEASON.match(value):
        return f"{m[1]}-{SEASON_START[m[2]]:02d}", "season"
    if m := _QUARTER.match(value):
        return f"{m[1]}-{(int(m[2]) - 1) * 3 + 1:02d}", "quarter"
    if m := _HALF.match(value):
        return m[1], "year"
    if _YEAR.match(value):
        return value, "year"
    if _DECADE.match(value):
        return value + "0", "decade"
    return None, None


def bounds(date: str, precision: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day covered by an event date at its precision."""
    parts = date.split("-")
    try:
        year = int(parts[0][:4])
        if precision == "decade":
            return dt.date(year, 1, 1), dt.date(year + 9, 12, 31)
        if len(parts) == 1:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        month = int(parts[1])
        start = dt.date(year, month, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        return None
    if precision == "week":
        return start, start + dt.timedelta(days=6)
    if precision in ("season", "quarter"):
        return start, add_months(start, 3) - dt.timedelta(days=1)
    if precision == "month" or len(parts) == 2:
        return start, add_months(start, 1) - dt.timedelta(days=1)
    return start, start


# Granularities from fine to coarse; a reference can only be moved by a unit at
# least as coarse as itself ("the next day" needs a day, not a month).
GRANULARITY = ("day", "week", "month", "season", "quarter", "half", "year", "decade")
UNIT_PRECISION = {
    "day": "day", "week": "week", "weekend": "week", "fortnight": "week", "month": "month",
    "quarter": "quarter", "year": "year", "decade": "decade",
}  # fmt: skip
_UNIT_MONTHS = {"month": 1, "quarter": 3, "year": 12, "decade": 120}
_SEASON_OF_MONTH = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}


def finer(a: str, b: str) -> bool:
    """Whether granularity ``a`` is finer than or equal to ``b``."""
    return GRANULARITY.index(a) <= GRANULARITY.index(b if b in GRANULARITY else "year")


def reference(value: str | None) -> tuple[dt.date, str] | None:
    """The first day and precision of a TIMEX3 ``value`` as a narrative reference."""
    date, precision = calendar_date(value)
    if date is None or precision is None:
        return None
    if value and re.match(r"^\d{4}-H[12]$", value):
        precision = "half"
    span = bounds(date, precision)
    if span is None:
        return None
    if value and value.endswith("-H2"):
        return dt.date(span[0].year, 7, 1), "half"
    return span[0], precision


def format_at(day: dt.date, precision: str) -> str:
    """The TIMEX3 value naming the ``precision``-sized period that holds ``day``."""
    if precision == "day":
        return day.isoformat()
    if precision == "week":
        return iso_week(day)
    if precision == "month":
        return day.strftime("%Y-%m")
    if precision == "season":
        start = add_months(day, -(day.month % 3))
        return f"{start.year}-{_SEASON_OF_MONTH[start.month]}"
    if precision == "quarter":
        return f"{day.year}-Q{quarter_of(day)}"
    if precision == "half":
        return f"{day.year}-H{1 if day.month <= 6 else 2}"
    if precision == "decade":
        return f"{day.year // 10:03d}"
    return f"{day.year:04d}"


def move(ref: tuple[dt.date, str], unit: str, n: int, *, keep: bool) -> str | None:
    """``ref`` moved by ``n`` ``unit``\\ s, as a TIMEX3 value.

    ``keep``: name the result at the reference's own granularity ("a year
    earlier" than 1989-Q3 is 1988-Q3); otherwise at the unit's ("the next
    month" after 1989-10-26 is 1989-11).  ``None`` when the reference is too
    coarse for the unit ("the next day" after "2023").
    """
    start, precision = ref
    unit_precision = UNIT_PRECISION.get(unit)
    if unit_precision is None or not finer(precision, unit_precision):
        return None
    if unit in ("day", "week", "fortnight", "weekend"):
        days = {"day": 1, "week": 7, "weekend": 7, "fortnight": 14}[unit] * n
        moved = start + dt.timedelta(days=days)
    else:
        moved = add_months(start, _UNIT_MONTHS[unit] * n)
    value = format_at(moved, precision if keep else unit_precision)
    return value + "-WE" if unit == "weekend" and not keep else value
