"""Synthetic relations frames for the timeline tests (no store, no spaCy)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
import pytest

FrameFactory = Callable[..., pd.DataFrame]


def month_start(first: dt.date, i: int) -> dt.date:
    total = first.year * 12 + first.month - 1 + i
    return dt.date(total // 12, total % 12 + 1, 1)


def build_frame(periods: Sequence[Sequence[float]], *, first: dt.date = dt.date(2022, 1, 1)) -> pd.DataFrame:
    """A monthly relations frame (with ``goldstein_abs_sum``) from each month's Goldstein values (A→B)."""
    rows = []
    for i, values in enumerate(periods):
        day = month_start(first, i)
        g = np.asarray(values, dtype=float)
        rows.append(
            {
                "period_label": f"{day.year}-{day.month:02d}",
                "period": day,
                "events": len(g),
                "goldstein_sum": float(g.sum()),
                "goldstein_abs_sum": float(np.abs(g).sum()),
                "goldstein_mean": float(g.mean()) if len(g) else np.nan,
                "q1_verbal_coop": int(((g > 0) & (g < 5)).sum()),
                "q2_material_coop": int((g >= 5).sum()),
                "q3_verbal_conflict": int(((g < 0) & (g > -5)).sum()),
                "q4_material_conflict": int((g <= -5).sum()),
                "ab_events": len(g),
                "ab_goldstein_sum": float(g.sum()),
                "ba_events": 0,
                "ba_goldstein_sum": 0.0,
            }
        )
    return pd.DataFrame(rows)


def index_frame(values: Sequence[float], *, first: dt.date = dt.date(2020, 1, 1)) -> pd.DataFrame:
    """A monthly frame carrying an ``index`` column directly (NaN = a month without events)."""
    days = [month_start(first, i) for i in range(len(values))]
    return pd.DataFrame(
        {
            "period_label": [f"{d.year}-{d.month:02d}" for d in days],
            "period": days,
            "index": np.asarray(values, dtype=float),
        }
    )


@pytest.fixture
def make_frame() -> FrameFactory:
    return build_frame


@pytest.fixture
def make_index_frame() -> FrameFactory:
    return index_frame
