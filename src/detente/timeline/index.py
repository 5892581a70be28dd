"""The cooperation–conflict index: one number per period, in [-1, 1].

Definition
----------
For a period with distinct events ``e`` (each real event counted once, facts
only, as :func:`detente.relations.relations` delivers them)::

    index = Σ goldstein(e) / (Σ |goldstein(e)| + k)

* ``Σ goldstein`` is the net tone: cooperation pulls up, conflict pulls down.
* Dividing by ``Σ |goldstein|`` (the period's total *intensity*) normalises
  by coverage volume: ten times more events of the same mix give the same
  index, so a news spike is not a crisis.  The index reads as the balance of
  cooperative against conflictual intensity: +1 all cooperation, -1 all
  conflict, 0 evenly balanced.  Neutral events (Goldstein 0) weigh nothing.
* ``k`` (default 10, the intensity of one maximal event) shrinks thin
  evidence toward 0: a single +4 meeting gives 4/14 ≈ 0.29, not +1.  With
  ``k > 0`` the index never exceeds the pure ratio ``Σg / Σ|g|`` in absolute
  value, and approaches it as volume grows; more coverage therefore only
  makes the index *more confident*, never more extreme than the mix of events.
  ``k = 0`` gives the pure ratio, exactly invariant to volume.
* A period without events has no index (NaN) and ``covered`` False: a
  silence is not neutrality.

Pooling several periods (``index_smooth``, :func:`pooled_index`) sums first
and charges ``k`` once per covered period::

    pooled = Σ_t Σg_t / (Σ_t Σ|g|_t + k · covered periods)

which is exactly the mean of the period indexes weighted by ``Σ|g|_t + k``:
busy periods weigh more than thin ones, and a steady relation pools to its
own per-period value (charging ``k`` only once would make every pooled value
look more extreme than the periods it summarises).

:func:`with_index` adds ``index_smooth`` (pooled over a trailing window) and,
when the frame carries the per-direction intensity columns,
``index_ab``/``index_ba``.

The frame needs ``goldstein_abs_sum`` (Σ |goldstein| per period) besides the
columns of :func:`detente.relations.relations`; the index cannot be recovered
from ``goldstein_sum`` alone.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from detente.errors import InputError

DEFAULT_K = 10.0
DEFAULT_SMOOTH = 3


def require_columns(frame: pd.DataFrame, columns: Iterable[str], *, what: str) -> None:
    """Raise InputError naming the first missing column, so wiring mistakes read clearly."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"{what} needs column(s) {', '.join(missing)} in the relations frame", code="E110")


def _check_k(k: float) -> float:
    if not np.isfinite(k) or k < 0:
        raise InputError(f"the smoothing constant k must be a finite number >= 0, not {k!r}", code="E111")
    return float(k)


def index_from_sums(
    goldstein_sum: np.ndarray | pd.Series,
    abs_sum: np.ndarray | pd.Series,
    events: np.ndarray | pd.Series,
    *,
    k: float = DEFAULT_K,
    periods: np.ndarray | pd.Series | None = None,
) -> np.ndarray:
    """The index from per-period sums, or pooled sums over ``periods`` covered periods; NaN without events."""
    k = _check_k(k)
    s = np.asarray(goldstein_sum, dtype=float)
    a = np.asarray(abs_sum, dtype=float)
    n = np.asarray(events, dtype=float)
    c = np.ones_like(n) if periods is None else np.maximum(np.asarray(periods, dtype=float), 1.0)
    denom = a + k * c
    with np.errstate(invalid="ignore", divide="ignore"):
        value = np.where(denom > 0, s / np.where(denom > 0, denom, 1.0), 0.0)
    value = np.clip(value, -1.0, 1.0)
    return np.where(n > 0, value, np.nan)


def cooperation_conflict_index(frame: pd.DataFrame, *, k: float = DEFAULT_K) -> pd.Series:
    """Per-period index in [-1, 1] (NaN for periods without events), aligned with ``frame``."""
    require_columns(frame, ("events", "goldstein_sum", "goldstein_abs_sum"), what="the index")
    values = index_from_sums(frame["goldstein_sum"], frame["goldstein_abs_sum"], frame["events"], k=k)
    return pd.Series(values, index=frame.index, name="index", dtype=float)


def with_index(frame: pd.DataFrame, *, k: float = DEFAULT_K, smooth: int = DEFAULT_SMOOTH) -> pd.DataFrame:
    """A copy of ``frame`` with ``volume``, ``covered``, ``index``, ``index_smooth`` (and directions).

    ``index_smooth`` pools the last ``smooth`` periods (this one included; NaN
    when none of them has events):
    trailing rather than centred, so the value for a period never depends on
    later periods and reads as "the state of the relation as of then".
    """
    if smooth < 1:
        raise InputError(f"smooth must be a number of periods >= 1, not {smooth!r}", code="E111")
    require_columns(frame, ("events", "goldstein_sum", "goldstein_abs_sum"), what="the index")
    out = frame.copy()
    out["volume"] = out["events"].astype(int)
    out["covered"] = out["volume"] > 0
    out["index"] = cooperation_conflict_index(out, k=k)
    roll_s = out["goldstein_sum"].astype(float).rolling(smooth, min_periods=1).sum()
    roll_a = out["goldstein_abs_sum"].astype(float).rolling(smooth, min_periods=1).sum()
    roll_n = out["volume"].astype(float).rolling(smooth, min_periods=1).sum()
    roll_c = out["covered"].astype(float).rolling(smooth, min_periods=1).sum()
    out["index_smooth"] = index_from_sums(roll_s, roll_a, roll_n, k=k, periods=roll_c)
    for side in ("ab", "ba"):
        cols = (f"{side}_events", f"{side}_goldstein_sum", f"{side}_goldstein_abs_sum")
        if all(c in out.columns for c in cols):
            out[f"index_{side}"] = index_from_sums(out[cols[1]], out[cols[2]], out[cols[0]], k=k)
    return out


def pooled_index(frame: pd.DataFrame, *, k: float = DEFAULT_K) -> float:
    """One index over all periods of ``frame`` together (NaN if it holds no events); see module doc."""
    require_columns(frame, ("events", "goldstein_sum", "goldstein_abs_sum"), what="the pooled index")
    value = index_from_sums(
        np.array([frame["goldstein_sum"].astype(float).sum()]),
        np.array([frame["goldstein_abs_sum"].astype(float).sum()]),
        np.array([frame["events"].astype(float).sum()]),
        k=k,
        periods=np.array([float((frame["events"] > 0).sum())]),
    )
    return float(value[0])
