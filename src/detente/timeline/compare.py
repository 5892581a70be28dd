"""Which relationships are changing fastest, for ``detente dyads``.

For each pair the window is cut in two and the index is pooled over each
part (sums of Goldstein and of |Goldstein| first, then the ratio, with the
same smoothing constant ``k`` as the per-period index), so busy periods weigh
more than thin ones and one stray event cannot dominate a half:

* ``recent=None`` (default): the first half of the periods against the
  second half (with an odd count the middle period is left out, so both
  halves have equal length);
* ``recent=r``: the last ``r`` periods against the ``r`` before them (fewer
  if the timeline is shorter than ``2r``).

``change`` = later − earlier; pairs are ranked by its absolute value, the
largest first; a part without events has no index, so its pair has no change
and is ranked last.  The frames should cover the same window (pass the same
``start``/``end`` to :func:`detente.relations.relations` for every pair):
otherwise each pair's halves are its own.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from detente.errors import InputError
from detente.timeline.changepoint import classify
from detente.timeline.index import DEFAULT_K, pooled_index

COLUMNS = (
    "a",
    "b",
    "periods",
    "earlier",
    "later",
    "events_earlier",
    "events_later",
    "index_earlier",
    "index_later",
    "change",
    "direction",
)


def _parts(n: int, recent: int | None) -> tuple[slice, slice]:
    if recent is None:
        half = n // 2
        return slice(0, half), slice(n - half, n)
    later = min(recent, n)
    earlier = min(recent, n - later)
    return slice(n - later - earlier, n - later), slice(n - later, n)


def _span(part: pd.DataFrame) -> str:
    if part.empty:
        return ""
    first, last = str(part["period_label"].iloc[0]), str(part["period_label"].iloc[-1])
    return first if first == last else f"{first}..{last}"


def fastest_changing(
    frames_by_pair: Mapping[tuple[str, str], pd.DataFrame],
    *,
    recent: int | None = None,
    k: float = DEFAULT_K,
    limit: int | None = None,
) -> pd.DataFrame:
    """Pairs ranked by how much their index moved between the earlier and the later part of the window."""
    if recent is not None and recent < 1:
        raise InputError(f"recent must be a number of periods >= 1, not {recent!r}", code="E111")
    rows: list[dict[str, object]] = []
    for (a, b), frame in frames_by_pair.items():
        first, second = _parts(len(frame), recent)
        before, after = frame.iloc[first], frame.iloc[second]
        i_before = pooled_index(before, k=k) if len(before) else float("nan")
        i_after = pooled_index(after, k=k) if len(after) else float("nan")
        change = i_after - i_before
        rows.append(
            {
                "a": a,
                "b": b,
                "periods": len(frame),
                "earlier": _span(before),
                "later": _span(after),
                "events_earlier": int(before["events"].sum()) if len(before) else 0,
                "events_later": int(after["events"].sum()) if len(after) else 0,
                "index_earlier": round(i_before, 4) if np.isfinite(i_before) else np.nan,
                "index_later": round(i_after, 4) if np.isfinite(i_after) else np.nan,
                "change": round(change, 4) if np.isfinite(change) else np.nan,
                "direction": classify(i_before, i_after) if np.isfinite(change) and change != 0 else "",
            }
        )
    out = pd.DataFrame(rows, columns=list(COLUMNS))
    if out.empty:
        return out
    out["_abs"] = out["change"].abs()
    out = out.sort_values(
        ["_abs", "a", "b"], ascending=[False, True, True], na_position="last", kind="mergesort"
    )
    out = out.drop(columns="_abs").reset_index(drop=True)
    return out.head(limit) if limit is not None else out
