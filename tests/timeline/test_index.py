"""The cooperation–conflict index: bounds, volume normalisation, shrinkage, gaps."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from detente.errors import InputError
from detente.timeline import cooperation_conflict_index, pooled_index, with_index


def test_index_stays_inside_bounds_for_random_periods(make_frame) -> None:
    rng = np.random.default_rng(7)
    periods = [rng.uniform(-10, 10, size=rng.integers(1, 40)).round(1) for _ in range(200)]
    index = cooperation_conflict_index(make_frame(periods))
    assert index.between(-1, 1).all()
    assert (index.abs() < 1).all()  # k > 0: never exactly ±1
    all_conflict = cooperation_conflict_index(make_frame([[-10.0] * 50]), k=0)
    assert all_conflict.iloc[0] == -1.0


def test_doubling_every_count_leaves_the_pure_ratio_unchanged(make_frame) -> None:
    mix = [-9.0, -4.0, 3.4, 1.0, 7.0]
    frame = make_frame([mix, mix * 2, mix * 10])
    raw = cooperation_conflict_index(frame, k=0)
    assert raw.iloc[0] == pytest.approx(raw.iloc[1]) == pytest.approx(raw.iloc[2])
    assert raw.iloc[0] == pytest.approx(sum(mix) / sum(abs(g) for g in mix))


def test_a_news_spike_never_makes_the_index_more_extreme_than_its_mix(make_frame) -> None:
    mix = [-9.0, -4.0, 3.4, 1.0]
    ratio = sum(mix) / sum(abs(g) for g in mix)
    shrunk = cooperation_conflict_index(make_frame([mix, mix * 2, mix * 10, mix * 100]))
    assert shrunk.iloc[0] > shrunk.iloc[1] > shrunk.iloc[2] > shrunk.iloc[3] > ratio  # ratio < 0
    assert shrunk.iloc[3] == pytest.approx(ratio, abs=0.01)
    # with large volume, doubling barely moves the shrunk index either
    assert abs(shrunk.iloc[3] - cooperation_conflict_index(make_frame([mix * 200])).iloc[0]) < 0.005


def test_one_event_is_not_plus_or_minus_one(make_frame) -> None:
    index = cooperation_conflict_index(make_frame([[4.0], [-10.0]]))
    assert index.iloc[0] == pytest.approx(4 / 14)
    assert index.iloc[1] == pytest.approx(-0.5)


def test_silent_periods_have_no_index_and_neutral_ones_score_zero(make_frame) -> None:
    frame = with_index(make_frame([[3.0], [], [0.0, 0.0]]))
    assert math.isnan(frame["index"].iloc[1])
    assert list(frame["covered"]) == [True, False, True]
    assert list(frame["volume"]) == [1, 0, 2]
    assert frame["index"].iloc[2] == 0.0


def test_smoothed_index_pools_the_trailing_window(make_frame) -> None:
    frame = with_index(make_frame([[-8.0], [], [2.0, 2.0], [6.0]]), smooth=3)
    # period 3 pools periods 1..3: sums 4+6 = 10 over |.| 10, plus k for each of 2 covered periods
    assert frame["index_smooth"].iloc[3] == pytest.approx(10 / 30)
    assert frame["index_smooth"].iloc[2] == pytest.approx((-8 + 4) / (12 + 20))
    assert not math.isnan(frame["index_smooth"].iloc[1])  # covered by period 0 in its window


def test_directional_indexes_appear_when_their_columns_do(make_frame) -> None:
    frame = make_frame([[-5.0, 5.0]])
    assert "index_ab" not in with_index(frame).columns
    frame["ab_events"], frame["ab_goldstein_sum"], frame["ab_goldstein_abs_sum"] = 1, -5.0, 5.0
    frame["ba_events"], frame["ba_goldstein_sum"], frame["ba_goldstein_abs_sum"] = 1, 5.0, 5.0
    out = with_index(frame)
    assert out["index_ab"].iloc[0] == pytest.approx(-5 / 15)
    assert out["index_ba"].iloc[0] == pytest.approx(5 / 15)


def test_pooled_index_sums_before_dividing(make_frame) -> None:
    frame = make_frame([[-10.0] * 20, [5.0]])
    assert pooled_index(frame) == pytest.approx((-200 + 5) / (205 + 20))
    # a steady relation pools to its own per-period value
    steady = make_frame([[3.0, -1.0]] * 5)
    assert pooled_index(steady) == pytest.approx(cooperation_conflict_index(steady).iloc[0])
    assert math.isnan(pooled_index(make_frame([[], []])))


def test_bad_input_is_reported(make_frame) -> None:
    frame = make_frame([[1.0]])
    with pytest.raises(InputError, match="goldstein_abs_sum") as err:
        cooperation_conflict_index(frame.drop(columns="goldstein_abs_sum"))
    assert err.value.code == "E110"
    with pytest.raises(InputError, match="k must be"):
        with_index(frame, k=-1)
    with pytest.raises(InputError, match="smooth"):
        with_index(frame, smooth=0)
    assert isinstance(with_index(frame.iloc[0:0])["index"], pd.Series)
