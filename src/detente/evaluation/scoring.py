"""Scoring arithmetic shared by every evaluation set.

Kept free of I/O and of any knowledge of the data files so that the numbers the
project publishes can be checked by hand-built unit tests: a scorer that is
wrong makes every later comparison meaningless.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import permutations, product
from typing import TypeVar

T = TypeVar("T", bound=Hashable)


@dataclass(frozen=True, slots=True)
class PRF:
    """True positives, false positives and false negatives, with the usual ratios.

    An empty denominator gives 0.0 rather than an error, except that a system that
    predicts nothing where nothing is expected scores a perfect 1.0 F1: it made no
    mistake, and averaging it as 0 would punish correct silence.
    """

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        denom = self.tp + self.fp
        if denom == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / denom

    @property
    def recall(self) -> float:
        denom = self.tp + self.fn
        if denom == 0:
            return 1.0 if self.fp == 0 else 0.0
        return self.tp / denom

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


def prf_sets(gold: Iterable[T], predicted: Iterable[T]) -> PRF:
    """Compare two collections as sets (duplicates collapse)."""
    g, p = set(gold), set(predicted)
    return PRF(tp=len(g & p), fp=len(p - g), fn=len(g - p))


def prf_multisets(gold: Iterable[T], predicted: Iterable[T]) -> PRF:
    """Compare two collections as multisets: emitting the same triple twice when
    gold has it once costs one false positive, which is how over-generation
    (one event coded several times from one sentence) shows up in the score."""
    g, p = Counter(gold), Counter(predicted)
    tp = sum((g & p).values())
    return PRF(tp=tp, fp=sum(p.values()) - tp, fn=sum(g.values()) - tp)


def per_label_prf(pairs: Iterable[tuple[str | None, str | None]]) -> dict[str, PRF]:
    """Single-label classification counts per label from (gold, predicted) pairs.

    ``None`` means "no label" (no gold type, or no prediction); it never becomes a
    class of its own, but a missing prediction still counts as a false negative
    for the gold label, and a prediction where gold has none as a false positive.
    """
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for gold, pred in pairs:
        if gold is not None and gold == pred:
            tp[gold] += 1
            continue
        if pred is not None:
            fp[pred] += 1
        if gold is not None:
            fn[gold] += 1
    labels = sorted(set(tp) | set(fp) | set(fn))
    return {label: PRF(tp[label], fp[label], fn[label]) for label in labels}


def macro_f1(per_label: dict[str, PRF], *, labels: Sequence[str] | None = None) -> float:
    """Unweighted mean F1 over ``labels`` (default: every label seen in gold or
    prediction), so rare event types weigh as much as common ones."""
    names = list(labels) if labels is not None else list(per_label)
    if not names:
        return 0.0
    return sum(per_label.get(n, PRF(0, 0, 0)).f1 for n in names) / len(names)


def accuracy(pairs: Iterable[tuple[object, object]]) -> float:
    """Share of (gold, predicted) pairs that agree; 0.0 for no pairs."""
    n = hit = 0
    for gold, pred in pairs:
        n += 1
        hit += gold == pred
    return hit / n if n else 0.0


Triple = tuple[str | None, str | None, str | None]


def expand_triples(
    sources: Sequence[str | None],
    targets: Sequence[str | None],
    label: str | None,
    *,
    reciprocal: bool = False,
) -> list[Triple]:
    """Expand one coded event with compound actors into (source, target, label) triples.

    ``sources`` and ``targets`` are the actors' keys (country codes, actor codes);
    an empty side means "no actor" and contributes ``None``.  Compound actors give
    the cross product ("A and B accused C" -> (A, C), (B, C)).  A reciprocal event
    with only one listed side ("A and B agreed") gives every ordered pair of distinct
    participants ((A, B) and (B, A)), which is how detente codes joint actions; two
    participants with the same key (two actors of one country) still pair up.
    """
    if reciprocal and not targets and len(sources) > 1:
        return [(a, b, label) for a, b in permutations(sources, 2)]
    src: Sequence[str | None] = sources or (None,)
    tgt: Sequence[str | None] = targets or (None,)
    return [(s, t, label) for s, t in product(src, tgt)]


def safe_ratio(numerator: float, denominator: float) -> float:
    """A ratio that reports 0.0 instead of failing when nothing was expected."""
    return numerator / denominator if denominator else 0.0
