"""The events that drove a turning point.

Window: the events dated in the break's period and ``window`` periods on
each side (default 1: the month before the new regime may hold its trigger,
e.g. an attack late in the month; the month after shows it sustained).
Events are placed in periods exactly as :mod:`detente.relations` does: by the
first day of their date, and left out when their date is coarser than the
period (a "2023" event has no month).  Negated, hypothetical and future events
are dropped when the frame carries those flags.

Ranking: only events pushing the index in the break's direction qualify
(Goldstein < 0 for a deterioration or rupture, > 0 for an improvement or
thaw).  They are ranked by ``|goldstein|`` — an event's weight in the index,
where every real event counts once whatever its coverage — then by
``num_mentions`` (how widely it was reported; 1 when the column is absent), then
by date and id, so the order is deterministic.  Coverage breaks ties only: a
widely syndicated press statement should not outrank a military clash.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from detente.errors import InputError
from detente.relations import period_label
from detente.timeline.changepoint import TurningPoint

_GRANULARITIES = ("day", "week", "month", "quarter", "year")
_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "year": 4, "decade": 5}
DRIVER_COLUMNS = (
    "id",
    "date_start",
    "period_label",
    "cameo",
    "cameo_root",
    "quad_class",
    "goldstein",
    "num_mentions",
    "source_code",
    "target_code",
    "evidence",
)


def period_start(day: dt.date, by: str) -> dt.date:
    """First day of the period holding ``day`` (weeks start on Monday, as DuckDB's date_trunc)."""
    if by == "day":
        return day
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    if by == "quarter":
        return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return dt.date(day.year, 1, 1)


def shift_period(start: dt.date, by: str, steps: int) -> dt.date:
    """The period start ``steps`` periods after (negative: before) ``start``."""
    if by == "day":
        return start + dt.timedelta(days=steps)
    if by == "week":
        return start + dt.timedelta(weeks=steps)
    months = {"month": 1, "quarter": 3, "year": 12}[by] * steps
    total = start.year * 12 + (start.month - 1) + months
    return dt.date(total // 12, total % 12 + 1, 1)


def drivers(
    point: TurningPoint,
    events_frame: pd.DataFrame,
    *,
    by: str,
    limit: int = 5,
    window: int = 1,
) -> pd.DataFrame:
    """Up to ``limit`` events around ``point`` that pushed the index in its direction, strongest first."""
    if by not in _GRANULARITIES:
        raise InputError(f"by must be one of {', '.join(_GRANULARITIES)}, not {by!r}", code="E109")
    if limit < 0 or window < 0:
        raise InputError("limit and window must be >= 0", code="E111")
    missing = [c for c in ("id", "date_start", "goldstein") if c not in events_frame.columns]
    if missing:
        raise InputError(f"drivers need event column(s) {', '.join(missing)}", code="E110")
    ev = events_frame.copy()
    for flag in ("negated", "hypothetical", "future"):
        if flag in ev.columns:
            ev = ev[~ev[flag].fillna(False).astype(bool)]
    if "date_precision" in ev.columns:
        ev = ev[ev["date_precision"].map(lambda p: _RANK.get(p, 0) if isinstance(p, str) else 0) <= _RANK[by]]
    days = pd.to_datetime(ev["date_start"], errors="coerce")
    ev = ev[days.notna()]
    ev["date_start"] = days[days.notna()].dt.date
    anchor = period_start(point.period, by)
    wanted = {shift_period(anchor, by, s) for s in range(-window, window + 1)}
    ev["_period"] = [period_start(d, by) for d in ev["date_start"]]
    ev = ev[ev["_period"].isin(wanted)]
    sign = -1.0 if point.worsening else 1.0
    ev = ev[ev["goldstein"].astype(float) * sign > 0]
    ev["num_mentions"] = ev["num_mentions"].fillna(1).astype(int) if "num_mentions" in ev.columns else 1
    ev["_weight"] = ev["goldstein"].astype(float).abs()
    ev["period_label"] = [period_label(p, by) for p in ev["_period"]]
    ev = ev.sort_values(
        ["_weight", "num_mentions", "date_start", "id"],
        ascending=[False, False, True, True],
        kind="mergesort",
    ).head(limit)
    columns = [c for c in DRIVER_COLUMNS if c in ev.columns]
    return ev[columns].reset_index(drop=True)
