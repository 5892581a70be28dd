"""Reporting periods: year ends, full years and a period compared with its year-ago twin.

Business and results news name periods by their place in a report rather than
by the calendar: "by year-end", "sales for the full year", "the 1988 quarter",
"for the quarter a year ago".  These handlers read them against the
publication date and the story's current period (:attr:`Context.ref`).
"""

from __future__ import annotations

import re

from detente.time import calendar as cal
from detente.time.handlers import Context, Normalised, make

__all__ = ["h_full_year", "h_year_end", "h_year_period"]


def h_year_end(m: re.Match[str], ctx: Context) -> Normalised | None:
    """ "year-end", "by year's end": the end of a year (TimeML: the year with mod END).

    Without "this/last/next", the year is the publication year, unless the
    sentence looks back ("since year-end", a past-tense verb): then the last
    year-end already passed, the previous year's.
    """
    if ctx.dct is None:
        return make("DATE", None, modifier="END")
    if m["rely"]:
        year = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[m["rely"]]
    elif ctx.prep == "since" or ctx.tense == "past":
        year = ctx.dct.year - 1
    else:
        year = ctx.dct.year
    return make("DATE", f"{year:04d}", modifier="END")


def h_full_year(m: re.Match[str], ctx: Context) -> Normalised | None:
    """ "the full year" of a results report: the year the report is about.

    Early in a year a past-tense report gives the results of the year before.
    """
    if ctx.dct is None:
        return make("DATE", None)
    year = ctx.dct.year - 1 if ctx.tense == "past" and ctx.dct.month <= 3 else ctx.dct.year
    return make("DATE", f"{year:04d}")


def h_year_period(m: re.Match[str], ctx: Context) -> Normalised | None:
    """ "the 1988 quarter" beside "the third quarter": 1988-Q3; without such a period, 1988.

    Results reports compare a period with the same period of another year and
    name it by the year alone.
    """
    year = int(m["year"])
    periodic = ctx.ref is not None and ctx.ref[1] in ("month", "season", "quarter", "half")
    if ctx.ref is not None and periodic and (m["what"] == "period" or ctx.ref[1] == "quarter"):
        start, precision = ctx.ref
        moved = cal.format_at(start.replace(year=year, day=1), precision)
        return make("DATE", moved, story="compare")
    return make("DATE", f"{year:04d}", story="compare")
