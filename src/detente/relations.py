"""The state of a relationship over time, from stored events.

Rules, so the numbers can be trusted and explained:

* Only facts count: negated, hypothetical and future events are excluded.
* An event is placed in the period holding the first day of its date.  An
  event whose date is coarser than the period (a "2023" event in a monthly
  timeline) is left out of that timeline rather than piled onto January; it
  appears in the yearly one.
* Periods with no events are listed with zeros, so a silence is visible.
* Both directions are reported (``ab_*``: first actor as source, ``ba_*``:
  second actor as source) and combined.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import duckdb
import pandas as pd

from detente.errors import InputError
from detente.store.query import ActorRef, EventFilter

Granularity = Literal["day", "week", "month", "quarter", "year"]
GRANULARITIES: tuple[str, ...] = ("day", "week", "month", "quarter", "year")
_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "year": 4, "decade": 5}
_STEP = {"day": "1 day", "week": "7 days", "month": "1 month", "quarter": "3 months", "year": "1 year"}


def period_label(day: dt.date, by: str) -> str:
    if by == "day":
        return day.isoformat()
    if by == "week":
        iso = day.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if by == "month":
        return f"{day.year}-{day.month:02d}"
    if by == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return str(day.year)


def relations(
    con: duckdb.DuckDBPyConnection,
    a: ActorRef,
    b: ActorRef,
    *,
    by: str = "month",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """One row per period between ``a`` and ``b``: counts, Goldstein, quad classes, directions."""
    if by not in GRANULARITIES:
        raise InputError(f"--by must be one of {', '.join(GRANULARITIES)}, not {by!r}", code="E109")
    where, params = EventFilter(pair=(a, b), start=start, end=end, facts_only=True).where()
    sa, psa = a.sql("source")
    tb, ptb = b.sql("target")
    bounds = "SELECT min(period) AS lo, max(period) AS hi FROM ev"
    bound_params: list[object] = []
    if start or end:
        bounds = (
            "SELECT coalesce(CAST(date_trunc(?, CAST(? AS DATE)) AS DATE), min(period)) AS lo, "
            "coalesce(CAST(date_trunc(?, CAST(? AS DATE)) AS DATE), max(period)) AS hi FROM ev"
        )
        bound_params = [by, start, by, end]
    # ``by`` is one of GRANULARITIES and the precisions come from _RANK: safe to inline, and
    # literal units let DuckDB plan the scan instead of evaluating a parameterised unit per row.
    fine = ", ".join(f"'{p}'" for p, rank in _RANK.items() if rank <= _RANK[by])
    sql = f"""
        WITH ev AS MATERIALIZED (
            SELECT CAST(date_trunc('{by}', date_start) AS DATE) AS period,
                   (({sa}) AND ({tb})) AS ab, quad_class, goldstein
            FROM events
            WHERE {where} AND date_start IS NOT NULL AND coalesce(date_precision, 'day') IN ({fine})
        ),
        b AS ({bounds}),
        periods AS (
            SELECT CAST(unnest(generate_series(CAST(lo AS TIMESTAMP), CAST(hi AS TIMESTAMP),
                   INTERVAL '{_STEP[by]}')) AS DATE) AS period
            FROM b WHERE lo IS NOT NULL
        )
        SELECT p.period,
               count(ev.period) AS events,
               coalesce(sum(ev.goldstein), 0) AS goldstein_sum,
               avg(ev.goldstein) AS goldstein_mean,
               coalesce(sum(abs(ev.goldstein)), 0) AS goldstein_abs_sum,
               count(ev.period) FILTER (WHERE ev.quad_class = 1) AS q1_verbal_coop,
               count(ev.period) FILTER (WHERE ev.quad_class = 2) AS q2_material_coop,
               count(ev.period) FILTER (WHERE ev.quad_class = 3) AS q3_verbal_conflict,
               count(ev.period) FILTER (WHERE ev.quad_class = 4) AS q4_material_conflict,
               count(ev.period) FILTER (WHERE ev.ab) AS ab_events,
               coalesce(sum(ev.goldstein) FILTER (WHERE ev.ab), 0) AS ab_goldstein_sum,
               coalesce(sum(abs(ev.goldstein)) FILTER (WHERE ev.ab), 0) AS ab_goldstein_abs_sum,
               count(ev.period) FILTER (WHERE NOT ev.ab) AS ba_events,
               coalesce(sum(ev.goldstein) FILTER (WHERE NOT ev.ab), 0) AS ba_goldstein_sum,
               coalesce(sum(abs(ev.goldstein)) FILTER (WHERE NOT ev.ab), 0) AS ba_goldstein_abs_sum
        FROM periods p LEFT JOIN ev ON ev.period = p.period
        GROUP BY p.period ORDER BY p.period
    """
    frame = con.execute(sql, [*psa, *ptb, *params, *bound_params]).df()
    if frame.empty:
        frame.insert(0, "period_label", pd.Series(dtype=str))
        return frame
    frame["period"] = pd.to_datetime(frame["period"]).dt.date
    frame.insert(0, "period_label", [period_label(d, by) for d in frame["period"]])
    frame["goldstein_sum"] = frame["goldstein_sum"].astype(float).round(2)
    frame["goldstein_mean"] = frame["goldstein_mean"].astype(float).round(2)
    return frame


def top_pairs(
    con: duckdb.DuckDBPyConnection,
    *,
    limit: int = 10,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """The most active country pairs (unordered), with their cooperation/conflict mix."""
    where, params = EventFilter(start=start, end=end, facts_only=True).where()
    sql = f"""
        SELECT least(source_country, target_country) AS country_a,
               greatest(source_country, target_country) AS country_b,
               count(*) AS events,
               round(sum(goldstein), 2) AS goldstein_sum,
               round(avg(goldstein), 2) AS goldstein_mean,
               count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
               count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
               min(date_start) AS first_date,
               max(date_start) AS last_date
        FROM events
        WHERE {where} AND source_country IS NOT NULL AND target_country IS NOT NULL
              AND source_country <> target_country
        GROUP BY 1, 2
        ORDER BY events DESC, country_a, country_b
        LIMIT ?
    """
    return con.execute(sql, [*params, limit]).df()


_SUMS = (
    "events", "goldstein_sum", "goldstein_abs_sum", "q1_verbal_coop", "q2_material_coop",
    "q3_verbal_conflict", "q4_material_conflict", "ab_events", "ab_goldstein_sum", "ab_goldstein_abs_sum",
    "ba_events", "ba_goldstein_sum", "ba_goldstein_abs_sum",
)  # fmt: skip


def pair_timelines(
    con: duckdb.DuckDBPyConnection,
    pairs: list[tuple[str, str]],
    *,
    by: str = "month",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> dict[tuple[str, str], pd.DataFrame]:
    """The :func:`relations` frame of many country pairs from one scan of the events.

    Pairs are ISO3 countries, unordered; in each frame ``ab`` means the alphabetically
    first country acting on the second.  Every frame covers the same periods (``start``
    to ``end``, or the span of all the pairs' events), so the pairs can be compared.
    Used by ``detente dyads``, where one query per pair would scan the table once per pair.
    """
    if by not in GRANULARITIES:
        raise InputError(f"--by must be one of {', '.join(GRANULARITIES)}, not {by!r}", code="E109")
    keys = sorted({"|".join(sorted(p)) for p in pairs})
    if not keys:
        return {}
    where, params = EventFilter(start=start, end=end, facts_only=True).where()
    fine = ", ".join(f"'{p}'" for p, rank in _RANK.items() if rank <= _RANK[by])
    countries = sorted({c for key in keys for c in key.split("|")})
    sums = ",\n".join(f"coalesce(a.{c}, 0) AS {c}" for c in _SUMS)
    frame = con.execute(
        f"""
        WITH ev AS MATERIALIZED (
            SELECT least(source_country, target_country) || '|' || greatest(source_country, target_country)
                       AS pair,
                   CAST(date_trunc('{by}', date_start) AS DATE) AS period,
                   source_country < target_country AS ab, quad_class, goldstein
            FROM events
            WHERE {where} AND source_country IS NOT NULL AND target_country IS NOT NULL
              AND source_country <> target_country AND date_start IS NOT NULL
              AND coalesce(date_precision, 'day') IN ({fine})
              AND list_contains(?, source_country) AND list_contains(?, target_country)
        ),
        agg AS (
            SELECT pair, period,
                   count(*) AS events,
                   sum(goldstein) AS goldstein_sum,
                   sum(abs(goldstein)) AS goldstein_abs_sum,
                   count(*) FILTER (WHERE quad_class = 1) AS q1_verbal_coop,
                   count(*) FILTER (WHERE quad_class = 2) AS q2_material_coop,
                   count(*) FILTER (WHERE quad_class = 3) AS q3_verbal_conflict,
                   count(*) FILTER (WHERE quad_class = 4) AS q4_material_conflict,
                   count(*) FILTER (WHERE ab) AS ab_events,
                   sum(goldstein) FILTER (WHERE ab) AS ab_goldstein_sum,
                   sum(abs(goldstein)) FILTER (WHERE ab) AS ab_goldstein_abs_sum,
                   count(*) FILTER (WHERE NOT ab) AS ba_events,
                   sum(goldstein) FILTER (WHERE NOT ab) AS ba_goldstein_sum,
                   sum(abs(goldstein)) FILTER (WHERE NOT ab) AS ba_goldstein_abs_sum
            FROM ev WHERE list_contains(?, pair) GROUP BY pair, period
        ),
        bounds AS (
            SELECT coalesce(CAST(date_trunc('{by}', CAST(? AS DATE)) AS DATE), min(period)) AS lo,
                   coalesce(CAST(date_trunc('{by}', CAST(? AS DATE)) AS DATE), max(period)) AS hi
            FROM agg
        ),
        grid AS (
            SELECT k.pair, CAST(unnest(generate_series(CAST(lo AS TIMESTAMP), CAST(hi AS TIMESTAMP),
                   INTERVAL '{_STEP[by]}')) AS DATE) AS period
            FROM bounds, (SELECT unnest(?) AS pair) k WHERE lo IS NOT NULL
        )
        SELECT g.pair, g.period, {sums}
        FROM grid g LEFT JOIN agg a ON a.pair = g.pair AND a.period = g.period
        ORDER BY g.pair, g.period
        """,
        [*params, countries, countries, keys, start, end, keys],
    ).df()
    if frame.empty:
        return {}
    frame["period"] = pd.to_datetime(frame["period"]).dt.date
    frame["goldstein_sum"] = frame["goldstein_sum"].astype(float).round(2)
    frame["goldstein_mean"] = (frame["goldstein_sum"] / frame["events"].where(frame["events"] > 0)).round(2)
    frame.insert(0, "period_label", [period_label(d, by) for d in frame["period"]])
    out: dict[tuple[str, str], pd.DataFrame] = {}
    for key, rows in frame.groupby("pair", sort=True):
        a, b = str(key).split("|")
        out[(a, b)] = rows.drop(columns=["pair"]).reset_index(drop=True)
    return out
