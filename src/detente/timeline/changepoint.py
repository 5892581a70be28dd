"""Turning points: sustained shifts in the mean of the cooperation–conflict index.

Method: binary segmentation on mean shifts, with a BIC-style penalty.

1. Only covered periods count (a month without events has no index; it
   neither starts nor breaks a regime).
2. The series is passed through a running median of 3 (the ends use the
   median of the first / last three values).  A step survives a running
   median unchanged, a one-period spike does not: a single bad month is an
   event, not a turning point.
3. Binary segmentation: for every current segment find the split that most
   reduces the sum of squared deviations from the segment means (the
   Gaussian log-likelihood of a mean shift), and the best pair of splits
   (a short regime inside the segment, which no single split may reveal),
   against twice the penalty; among the segments whose best split (pair)
   beats its penalty and moves the mean by at least ``min_shift`` index
   units, take the one with the highest gain/penalty ratio; repeat.
   Each side keeps at least ``min_size`` periods, so a break in the latest
   period is confirmed only once ``min_size`` periods follow it.
4. Penalty (BIC-style): ``beta · σ̂² · ln n``.  ``σ̂`` is the noise level
   estimated robustly from the raw series (median absolute first difference
   / (0.6745·√2), unaffected by steps and spikes), floored at 0.02 so a
   noise-free synthetic step does not split on rounding.  A segment of 6 or
   more periods that is noisier than the whole uses its own, larger ``σ̂``:
   a calm, heavily reported phase must not make a later noisy phase look
   like a string of breaks (never smaller, so a short segment cannot lower
   its own bar).  ``beta`` defaults to 4, chosen by simulation (Gaussian
   noise σ = 0.15, 1000 series each, ``min_shift`` 0.1): a plain BIC
   (``beta = 2``) raised a false turning point in 12% of pure-noise series;
   ``beta = 4`` in about 2% (2.8%, 2.5%, 1.3% for 24, 36, 60 periods), and in
   1.8% of series with one spike of 8σ.  It finds 98% of 3σ steps that leave
   only 6 periods after the break, places a mid-series 3σ step within one
   period 96% of the time (exactly 75%), recovers both breaks of a 4σ
   down-and-up pattern exactly 88% of the time (more than two points: 1.8%),
   and both breaks of a calm-calm-noisy series (σ 0.02, 0.02, 0.15) 97%.
   The search for pairs of splits (step 3) was checked the same way (1000
   series each, σ = 0.15): a 12-period 4σ dip inside 36 periods is recovered
   exactly 80% of the time instead of 62%, with more than two points 0.6%
   instead of 3.3%, while pure-noise false alarms stay as they were (3.6%,
   1.4%, 0.7% for 24, 36, 60 periods).

Assumptions: piecewise-constant mean, roughly independent noise.  Periods
with few events are noisier (the smoothing constant of the index damps them
toward 0), and short series are hard: with 11 covered periods false alarms
rise to 7% and a 2.4σ step is found only 56% of the time.  For thin pairs
prefer quarters to months (the sample corpus's Azerbaijan–Iran thaw shows at
2023-Q3 by quarter, not in its 11 scattered covered months).

Results are deterministic: ties go to the earliest split.  Each turning point
reports the means of the adjacent segments (of the raw index), the signed
shift's size, and ``score``: the shift in standard errors,
``|after − before| / (σ̂ · √(1/n_before + 1/n_after))`` with the ``σ̂`` of
the two segments together.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

import numpy as np
import pandas as pd

from detente.errors import InputError
from detente.timeline.index import DEFAULT_K, cooperation_conflict_index, require_columns

Direction = Literal["rupture", "deterioration", "thaw", "improvement"]
DEFAULT_BETA = 4.0
DEFAULT_MIN_SHIFT = 0.1
SIGMA_FLOOR = 0.02
LOCAL_NOISE_MIN = 6  # a segment this long may raise its own noise level above the global one
STRONG_SHIFT = 0.3  # a shift this large into (out of) conflict is a rupture (thaw)


@dataclass(frozen=True, slots=True)
class TurningPoint:
    """A sustained change of the index starting at ``period`` (the first period of the new regime)."""

    period_label: str
    period: dt.date
    direction: Direction
    before_mean: float
    after_mean: float
    magnitude: float  # |after_mean - before_mean|
    score: float  # shift in standard errors
    position: int  # row of ``period`` in the frame given to turning_points
    before_periods: int  # covered periods in the segment before
    after_periods: int  # covered periods in the segment after

    @property
    def worsening(self) -> bool:
        return self.after_mean < self.before_mean

    @property
    def shift(self) -> float:
        return self.after_mean - self.before_mean


def classify(before: float, after: float) -> Direction:
    """Name a shift: ruptures and thaws cross into / out of conflict, or move far within it."""
    size = abs(after - before)
    if after < before:
        if after < 0 and (before >= 0 or size >= STRONG_SHIFT):
            return "rupture"
        return "deterioration"
    if before < 0 and (after >= 0 or size >= STRONG_SHIFT):
        return "thaw"
    return "improvement"


def running_median3(x: np.ndarray) -> np.ndarray:
    """Running median of 3; the two ends take the median of the first / last three values."""
    n = len(x)
    if n < 3:
        return x.copy()
    out = np.median(np.vstack([x[:-2], x[1:-1], x[2:]]), axis=0)
    return np.concatenate([[np.median(x[:3])], out, [np.median(x[-3:])]])


def noise_sigma(x: np.ndarray) -> float:
    """Robust noise level from first differences (MAD), floored at SIGMA_FLOOR."""
    if len(x) < 3:
        return SIGMA_FLOOR
    mad = float(np.median(np.abs(np.diff(x))))
    return max(mad / (0.6745 * math.sqrt(2.0)), SIGMA_FLOOR)


def _best_split(cs: np.ndarray, lo: int, hi: int, min_size: int) -> tuple[int, float, float]:
    """Best split tau in [lo+min_size, hi-min_size] of segment [lo, hi): (tau, gain, shift)."""
    taus = np.arange(lo + min_size, hi - min_size + 1)
    if len(taus) == 0:
        return -1, 0.0, 0.0
    n_l = (taus - lo).astype(float)
    n_r = (hi - taus).astype(float)
    mean_l = (cs[taus] - cs[lo]) / n_l
    mean_r = (cs[hi] - cs[taus]) / n_r
    gains = n_l * n_r / (hi - lo) * (mean_l - mean_r) ** 2
    best = int(np.argmax(gains))  # first maximum: deterministic
    return int(taus[best]), float(gains[best]), float(mean_r[best] - mean_l[best])


def _sse(cs: np.ndarray, cs2: np.ndarray, lo: np.ndarray | int, hi: np.ndarray | int) -> np.ndarray:
    """Sum of squared deviations from the mean of x[lo:hi], from cumulative sums."""
    n = np.asarray(hi - lo, dtype=float)
    total = cs[hi] - cs[lo]
    return np.asarray(cs2[hi] - cs2[lo] - total * total / n)


def _best_pair(
    cs: np.ndarray, cs2: np.ndarray, lo: int, hi: int, min_size: int
) -> tuple[int, int, float, float, float]:
    """Best two splits t1 < t2 of [lo, hi): (t1, t2, gain, first shift, second shift)."""
    best = (-1, -1, 0.0, 0.0, 0.0)
    whole = float(_sse(cs, cs2, lo, hi))
    for t1 in range(lo + min_size, hi - 2 * min_size + 1):
        t2 = np.arange(t1 + min_size, hi - min_size + 1)
        gains = whole - (float(_sse(cs, cs2, lo, t1)) + _sse(cs, cs2, t1, t2) + _sse(cs, cs2, t2, hi))
        j = int(np.argmax(gains))
        if gains[j] > best[2]:
            u = int(t2[j])
            m0 = (cs[t1] - cs[lo]) / (t1 - lo)
            m1 = (cs[u] - cs[t1]) / (u - t1)
            m2 = (cs[hi] - cs[u]) / (hi - u)
            best = (t1, u, float(gains[j]), float(m1 - m0), float(m2 - m1))
    return best


def binary_segmentation(
    x: np.ndarray,
    *,
    penalty: float | Callable[[int, int], float],
    min_size: int = 2,
    min_shift: float = DEFAULT_MIN_SHIFT,
    max_points: int | None = None,
) -> list[int]:
    """Change positions (first index of each new segment) of ``x``, sorted.

    ``penalty`` is a constant or a function of the segment ``(lo, hi)``; the
    split taken next is the one whose gain most exceeds its segment's penalty
    (as a ratio), so segments with different noise levels compete fairly.

    Each segment is also offered its best *pair* of splits, against twice the
    penalty: a short regime inside a segment (down, then back up) moves the
    segment's mean little, so no single split of it may pay for itself although
    the two together do -- plain binary segmentation's known blind spot.
    """
    cs = np.concatenate([[0.0], np.cumsum(x, dtype=float)])
    cs2 = np.concatenate([[0.0], np.cumsum(np.asarray(x, dtype=float) ** 2)])
    open_segments = [(0, len(x))]
    splits: list[int] = []
    while open_segments and (max_points is None or len(splits) < max_points):
        candidates: list[tuple[float, int, tuple[int, ...], int, int]] = []
        for lo, hi in open_segments:
            pen = penalty(lo, hi) if callable(penalty) else penalty
            tau, gain, shift = _best_split(cs, lo, hi, min_size)
            if tau >= 0 and gain > pen and abs(shift) >= min_shift:
                candidates.append((gain / max(pen, 1e-12), -lo, (tau,), lo, hi))
            if max_points is None or len(splits) + 2 <= max_points:
                t1, t2, gain2, shift1, shift2 = _best_pair(cs, cs2, lo, hi, min_size)
                if t1 >= 0 and gain2 > 2 * pen and min(abs(shift1), abs(shift2)) >= min_shift:
                    candidates.append((gain2 / max(2 * pen, 1e-12), -lo, (t1, t2), lo, hi))
        if not candidates:
            break
        _, _, taus, lo, hi = max(candidates)  # ties: the earliest segment
        open_segments.remove((lo, hi))
        bounds = [lo, *taus, hi]
        open_segments += list(pairwise(bounds))
        splits.extend(taus)
    return sorted(splits)


def turning_points(
    frame: pd.DataFrame,
    *,
    method: str = "binseg",
    penalty: float | None = None,
    beta: float = DEFAULT_BETA,
    min_size: int = 2,
    min_shift: float = DEFAULT_MIN_SHIFT,
    max_points: int | None = None,
    column: str = "index",
    k: float = DEFAULT_K,
) -> list[TurningPoint]:
    """Sustained changes of the index in a relations frame, oldest first.

    ``column`` is read when present (see :func:`detente.timeline.with_index`);
    otherwise the index is computed with smoothing constant ``k``.  ``penalty``
    overrides the BIC-style default ``beta · σ̂² · ln n``.
    """
    if method != "binseg":
        raise InputError(f"unknown change-point method {method!r}: use 'binseg'", code="E111")
    if min_size < 1:
        raise InputError(f"min_size must be >= 1, not {min_size!r}", code="E111")
    require_columns(frame, ("period_label", "period"), what="turning points")
    if column in frame.columns:
        series = frame[column].astype(float)
    else:
        series = cooperation_conflict_index(frame, k=k)
    values = series.to_numpy()
    rows = np.flatnonzero(np.isfinite(values))  # covered periods
    x = values[rows]
    n = len(x)
    if n < 2 * min_size:
        return []
    log_n = math.log(n)

    sigma = noise_sigma(x)

    def local_sigma(lo: int, hi: int) -> float:
        return max(sigma, noise_sigma(x[lo:hi])) if hi - lo >= LOCAL_NOISE_MIN else sigma

    def bic(lo: int, hi: int) -> float:
        return beta * local_sigma(lo, hi) ** 2 * log_n

    splits = binary_segmentation(
        running_median3(x),
        penalty=penalty if penalty is not None else bic,
        min_size=min_size,
        min_shift=min_shift,
        max_points=max_points,
    )
    bounds = [0, *splits, n]
    labels = frame["period_label"].to_numpy()
    periods = frame["period"].to_numpy()
    points: list[TurningPoint] = []
    for i, tau in enumerate(splits):
        before = x[bounds[i] : tau]
        after = x[tau : bounds[i + 2]]
        b_mean, a_mean = float(before.mean()), float(after.mean())
        se = local_sigma(bounds[i], bounds[i + 2]) * math.sqrt(1.0 / len(before) + 1.0 / len(after))
        row = int(rows[tau])
        points.append(
            TurningPoint(
                period_label=str(labels[row]),
                period=_as_date(periods[row]),
                direction=classify(b_mean, a_mean),
                before_mean=round(b_mean, 4),
                after_mean=round(a_mean, 4),
                magnitude=round(abs(a_mean - b_mean), 4),
                score=round(abs(a_mean - b_mean) / se, 2),
                position=row,
                before_periods=len(before),
                after_periods=len(after),
            )
        )
    return points


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return pd.Timestamp(value).date()  # type: ignore[arg-type]
