"""Cross-article deduplication: many mentions, one real event.

A *mention* is one extraction from one article; an *event* is the real-world
happening that one or more mentions report.  The rule, applied within a block of
mentions that share the CAMEO root and the mode (fact, negated, hypothetical,
future — a threatened attack never merges with a real one):

1. **Dyad.** Two mentions are compatible when their sides agree; a side that is
   unknown (``None``) agrees with anything, but at least one side must be known
   and equal.  For symmetric types (consult, material cooperation, signing an
   agreement, fighting) the pair may be swapped ("A met B" = "B met A").
2. **Date.** Two day- or week-precise dates agree when they are at most
   ``date_tolerance_days`` apart.  A coarser date ("January 2023", "2023")
   agrees with a finer one it contains, so a recap written years later ("the
   2023 attack on the embassy") joins the original event.
3. **Place.** Locations agree when either is unknown, or both are in the same
   country and at most ``max_km`` apart.

Clustering is deterministic whatever the order in which documents arrived:
mentions are sorted (finest date first, then date, then publication, then id)
and each joins the largest compatible cluster, comparing with the cluster's
*anchor* (its first, finest mention) rather than with every member, so chains
of near-misses do not snowball into one giant event.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "year": 4, "decade": 5}
FINE = 1  # ranks up to this (day, week) are "fine" dates


@dataclass(frozen=True, slots=True)
class DedupConfig:
    """Thresholds of the merge rule (see the module docstring)."""

    date_tolerance_days: int = 1
    max_km: float = 300.0
    symmetric_roots: tuple[str, ...] = ("04", "06", "19")
    symmetric_codes: tuple[str, ...] = ("057", "0311", "036")
    near_duplicate_threshold: float = 0.7


@dataclass(frozen=True, slots=True)
class MentionKey:
    """What the merge rule reads of one stored mention."""

    id: str
    doc_id: str
    published: dt.date | None
    source: str | None
    target: str | None
    cameo: str
    root: str
    mode: str
    date_start: dt.date | None
    date_end: dt.date | None
    precision: str | None
    country: str | None
    lat: float | None
    lon: float | None

    @property
    def rank(self) -> int:
        if self.date_start is None:
            return 9
        return _PRECISION_RANK.get(self.precision or "day", 0)


@dataclass(slots=True)
class Cluster:
    anchor: MentionKey
    order: int
    members: list[MentionKey] = field(default_factory=list)

    @property
    def id(self) -> str:
        digest = hashlib.sha1(f"{block_key(self.anchor)}|{self.anchor.id}".encode()).hexdigest()
        return f"E{digest[:15]}"


def mode_of(row: Mapping[str, Any]) -> str:
    for flag in ("negated", "hypothetical", "future"):
        if row.get(flag):
            return flag
    return "fact"


def side(country: Any, code: Any) -> str | None:
    """A side of the dyad at country level; an actor without country keeps its code."""
    if isinstance(country, str) and country:
        return country
    if isinstance(code, str) and code:
        return code
    return None


def block_key(m: MentionKey) -> str:
    return f"{m.mode}:{m.root}"


def key_from_row(row: Mapping[str, Any]) -> MentionKey:
    def as_date(v: Any) -> dt.date | None:
        if v is None or (isinstance(v, float) and math.isnan(v)) or v != v:  # v != v: pandas NaT
            return None
        if isinstance(v, dt.datetime):
            return v.date()
        if isinstance(v, dt.date):
            return v
        try:
            return v.date()  # pandas Timestamp
        except (AttributeError, ValueError):
            return None

    def as_float(v: Any) -> float | None:
        if v is None:
            return None
        f = float(v)
        return None if math.isnan(f) else f

    return MentionKey(
        id=str(row["id"]),
        doc_id=str(row["doc_id"]),
        published=as_date(row.get("published")),
        source=side(row.get("source_country"), row.get("source_code")),
        target=side(row.get("target_country"), row.get("target_code")),
        cameo=str(row["cameo"]),
        root=str(row["cameo_root"]),
        mode=mode_of(row),
        date_start=as_date(row.get("date_start")),
        date_end=as_date(row.get("date_end")),
        precision=row.get("date_precision") if isinstance(row.get("date_precision"), str) else None,
        country=row.get("location_country") if isinstance(row.get("location_country"), str) else None,
        lat=as_float(row.get("location_lat")),
        lon=as_float(row.get("location_lon")),
    )


def _sides_agree(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    shared = False
    for x, y in zip(a, b, strict=True):
        if x is not None and y is not None:
            if x != y:
                return False
            shared = True
    return shared


def dyad_compatible(a: MentionKey, b: MentionKey, *, config: DedupConfig) -> bool:
    if _sides_agree((a.source, a.target), (b.source, b.target)):
        return True
    symmetric = a.root in config.symmetric_roots or a.cameo in config.symmetric_codes
    return symmetric and _sides_agree((a.source, a.target), (b.target, b.source))


def dates_compatible(anchor: MentionKey, m: MentionKey, *, config: DedupConfig) -> bool:
    if anchor.date_start is None or m.date_start is None:
        return anchor.date_start is None and m.date_start is None
    assert anchor.date_end is not None and m.date_end is not None
    tol = dt.timedelta(days=config.date_tolerance_days)
    if anchor.rank <= FINE and m.rank <= FINE:
        return m.date_start - tol <= anchor.date_end and anchor.date_start - tol <= m.date_end
    # A coarse date agrees with what it contains (either way round).
    inner, outer = (anchor, m) if anchor.rank <= m.rank else (m, anchor)
    assert inner.date_start is not None and inner.date_end is not None
    assert outer.date_start is not None and outer.date_end is not None
    return outer.date_start <= inner.date_start and inner.date_end <= outer.date_end


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def places_compatible(a: MentionKey, b: MentionKey, *, config: DedupConfig) -> bool:
    if a.country is None or b.country is None:
        return True
    if a.country != b.country:
        return False
    if None in (a.lat, a.lon, b.lat, b.lon):
        return True
    return distance_km(a.lat, a.lon, b.lat, b.lon) <= config.max_km  # type: ignore[arg-type]


def compatible(anchor: MentionKey, m: MentionKey, *, config: DedupConfig) -> bool:
    return (
        anchor.root == m.root
        and anchor.mode == m.mode
        and dyad_compatible(anchor, m, config=config)
        and dates_compatible(anchor, m, config=config)
        and places_compatible(anchor, m, config=config)
    )


def sort_key(m: MentionKey) -> tuple[Any, ...]:
    return (m.rank, m.date_start or dt.date.max, m.published or dt.date.max, m.doc_id, m.id)


def cluster(mentions: Iterable[MentionKey], *, config: DedupConfig) -> list[Cluster]:
    """Group mentions into events; the result depends only on the set of mentions."""
    clusters: list[Cluster] = []
    by_block: dict[str, list[Cluster]] = {}
    for m in sorted(mentions, key=sort_key):
        candidates = [c for c in by_block.get(block_key(m), []) if compatible(c.anchor, m, config=config)]
        if candidates:
            best = max(candidates, key=lambda c: (len(c.members), -c.order))
            best.members.append(m)
            continue
        c = Cluster(anchor=m, order=len(clusters), members=[m])
        clusters.append(c)
        by_block.setdefault(block_key(m), []).append(c)
    return clusters


def pairwise_scores(
    predicted: Sequence[Sequence[str]], gold: Sequence[Sequence[str]]
) -> tuple[float, float, float]:
    """Pairwise merge precision, recall and F1 of a clustering against gold clusters."""

    def pairs(groups: Sequence[Sequence[str]]) -> set[tuple[str, str]]:
        out: set[tuple[str, str]] = set()
        for g in groups:
            items = sorted(set(g))
            out.update((a, b) for i, a in enumerate(items) for b in items[i + 1 :])
        return out

    p, g = pairs(predicted), pairs(gold)
    tp = len(p & g)
    precision = tp / len(p) if p else 1.0
    recall = tp / len(g) if g else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
