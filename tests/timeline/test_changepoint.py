"""Turning points on synthetic series with known breaks (fixed seeds)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from detente.errors import InputError
from detente.timeline import TurningPoint, turning_points, with_index
from detente.timeline.changepoint import classify, running_median3


def noisy(levels: list[tuple[float, int]], *, seed: int, sigma: float = 0.08) -> np.ndarray:
    rng = np.random.default_rng(seed)
    base = np.concatenate([np.full(n, level) for level, n in levels])
    return np.clip(base + rng.normal(0, sigma, len(base)), -1, 1)


def test_step_up_is_one_thaw_at_the_break(make_index_frame) -> None:
    frame = make_index_frame(noisy([(-0.5, 15), (0.3, 15)], seed=1))
    points = turning_points(frame)
    assert len(points) == 1
    p = points[0]
    assert isinstance(p, TurningPoint)
    assert (p.position, p.period_label, p.period) == (15, "2021-04", dt.date(2021, 4, 1))
    assert p.direction == "thaw" and not p.worsening
    assert p.before_mean == pytest.approx(-0.5, abs=0.06) and p.after_mean == pytest.approx(0.3, abs=0.06)
    assert p.magnitude == pytest.approx(0.8, abs=0.08)
    assert p.score > 10
    assert (p.before_periods, p.after_periods) == (15, 15)


def test_step_down_is_a_rupture(make_index_frame) -> None:
    frame = make_index_frame(noisy([(0.2, 20), (-0.4, 10)], seed=2))
    points = turning_points(frame)
    assert [(p.position, p.direction) for p in points] == [(20, "rupture")]
    assert points[0].worsening


def test_two_breaks_are_both_found_in_order(make_index_frame) -> None:
    frame = make_index_frame(noisy([(0.1, 12), (-0.6, 12), (0.2, 12)], seed=3))
    points = turning_points(frame)
    assert [p.position for p in points] == [12, 24]
    assert [p.direction for p in points] == ["rupture", "thaw"]
    assert points[0].after_mean == pytest.approx(points[1].before_mean)


def test_pure_noise_rarely_yields_a_turning_point(make_index_frame) -> None:
    series = [noisy([(0.1, 36)], seed=s, sigma=0.15) for s in range(200)]
    alarms = sum(bool(turning_points(make_index_frame(x))) for x in series)
    assert alarms <= 10  # under 5%; the default penalty aims at about 2.5% (see the module docstring)


@pytest.mark.parametrize("where", [0, 1, 9, 18, 34, 35])
def test_a_single_spike_is_not_a_turning_point(make_index_frame, where: int) -> None:
    values = noisy([(0.3, 36)], seed=4, sigma=0.05)
    values[where] = -0.9
    assert turning_points(make_index_frame(values)) == []


def test_a_sustained_shift_of_two_periods_is_kept_but_a_break_in_the_last_period_waits(
    make_index_frame,
) -> None:
    values = noisy([(0.3, 20)], seed=5, sigma=0.05)
    values[-1] = -0.6  # only one period of the new regime: not confirmed yet
    assert turning_points(make_index_frame(values)) == []
    values[-2] = -0.6  # a second one confirms it
    assert [p.position for p in turning_points(make_index_frame(values))] == [18]


def test_silent_periods_are_skipped_and_positions_map_back_to_rows(make_index_frame) -> None:
    values = list(noisy([(0.4, 10), (-0.4, 10)], seed=6))
    for row in (3, 10, 11):  # the regime change sits in a silence
        values[row] = float("nan")
    frame = make_index_frame(values)
    points = turning_points(frame)
    assert [p.position for p in points] == [12]  # first covered period of the new regime
    assert points[0].period_label == frame["period_label"].iloc[12]
    assert (points[0].before_periods, points[0].after_periods) == (9, 8)


def test_detection_is_deterministic_and_works_from_raw_sums(make_frame) -> None:
    rng = np.random.default_rng(8)
    months = [list(rng.uniform(1, 6, 8)) for _ in range(12)] + [
        [*rng.uniform(-9, -2, 8), 2.0] for _ in range(12)
    ]
    frame = make_frame(months)
    first = turning_points(frame)
    assert first == turning_points(frame) == turning_points(with_index(frame))
    assert [(p.position, p.direction) for p in first] == [(12, "rupture")]


def test_small_shifts_are_ignored_by_min_shift(make_index_frame) -> None:
    frame = make_index_frame(noisy([(0.30, 20), (0.36, 20)], seed=9, sigma=0.002))
    assert turning_points(frame) == []
    assert [p.position for p in turning_points(frame, min_shift=0.02)] == [20]


def test_options_are_checked(make_index_frame) -> None:
    frame = make_index_frame([0.1] * 10)
    with pytest.raises(InputError, match="method"):
        turning_points(frame, method="pelt")
    with pytest.raises(InputError, match="min_size"):
        turning_points(frame, min_size=0)
    assert turning_points(make_index_frame([0.1, -0.9, -0.9])) == []  # too short for two segments of 2


def test_explicit_penalty_and_max_points(make_index_frame) -> None:
    frame = make_index_frame(noisy([(0.1, 12), (-0.6, 12), (0.2, 12)], seed=3))
    assert len(turning_points(frame, max_points=1)) == 1
    assert turning_points(frame, penalty=1e6) == []


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (0.3, -0.2, "rupture"),  # crosses into conflict
        (-0.1, -0.5, "rupture"),  # a large fall within conflict
        (0.6, 0.3, "deterioration"),
        (-0.1, -0.2, "deterioration"),
        (-0.4, 0.1, "thaw"),
        (-0.6, -0.2, "thaw"),
        (0.1, 0.5, "improvement"),
        (-0.3, -0.1, "improvement"),
    ],
)
def test_classify_names_the_shift(before: float, after: float, expected: str) -> None:
    assert classify(before, after) == expected


def test_running_median_keeps_steps_and_drops_spikes() -> None:
    assert list(running_median3(np.array([0, 0, 0, 1, 1, 1.0]))) == [0, 0, 0, 1, 1, 1]
    assert list(running_median3(np.array([0, 0, 5, 0, 0, 5.0]))) == [0, 0, 0, 0, 0, 0]
