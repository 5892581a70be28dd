"""PLOVER gold-standard records: event type and (source, target, type) triples.

The records (PLOVER_GSR_CAMEO, edited examples of the CAMEO manual) each hold one
sentence, one coded event, and its source and target actors as ISO-3166 alpha-3
codes with a sector.  They were coded with PLOVER 0.5; four of that version's
types were later folded into others, so gold types are mapped to PLOVER 0.8 (the
version detente emits) before comparison, per the PLOVER 0.8 manual and its
CAMEO-to-PLOVER table: DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE,
FIGHT -> ASSAULT.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detente.evaluation.result import EvalResult
from detente.evaluation.running import events_by_document
from detente.evaluation.scoring import (
    PRF,
    Triple,
    expand_triples,
    macro_f1,
    per_label_prf,
    prf_multisets,
    safe_ratio,
)
from detente.model import ActorMention, Document, Event

if TYPE_CHECKING:
    from detente.pipeline import Pipeline

NAME = "plover_gsr"
FILE = Path("plover_gsr") / "PLOVER_GSR_CAMEO.dev.json"
# The records carry no real date; every one is dated 2000-01-01 (see the readme).
PUBLISHED = dt.date(2000, 1, 1)
LEGACY_TYPES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    text: str
    plover: str  # PLOVER 0.8 type
    coded_as: str  # the type as written in the file
    sources: tuple[str, ...]  # actor country keys (ISO alpha-3, or IGO/NGO/IMG)
    targets: tuple[str, ...]
    reciprocal: bool  # marked SRC/TAR: each participant acts on the others

    def triples(self) -> list[Triple]:
        return expand_triples(self.sources, self.targets, self.plover, reciprocal=self.reciprocal)


def _actor_keys(value: Any) -> tuple[str, ...]:
    """Actor country keys of a ``source``/``target`` field; a few records hold a
    stray string there (a context word), which means no actor."""
    if not isinstance(value, list):
        return ()
    return tuple(str(a["code"])[:3].upper() for a in value if isinstance(a, dict) and a.get("code"))


def read_records(path: Path) -> list[GoldRecord]:
    """Read the gold file; the DOCUMENT record (file documentation) is not an event."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out: list[GoldRecord] = []
    for rec in data:
        if rec.get("event") == "DOCUMENT" or not rec.get("text"):
            continue
        info = rec.get("textInfo")
        markup = info.get("markup", "") if isinstance(info, dict) else str(info or "")
        coded = str(rec["event"])
        out.append(
            GoldRecord(
                id=str(rec["id"]),
                text=str(rec["text"]),
                plover=LEGACY_TYPES.get(coded, coded),
                coded_as=coded,
                sources=_actor_keys(rec.get("source")),
                targets=_actor_keys(rec.get("target")),
                reciprocal="SRC/TAR" in markup,
            )
        )
    return out


def actor_key(mention: ActorMention | None) -> str | None:
    """The country of an emitted actor, or its non-state root (IGO, NGO ...),
    which is how the gold file codes international bodies."""
    if mention is None:
        return None
    actor = mention.actor
    if actor.country:
        return actor.country.upper()
    return actor.code[:3].upper() if actor.code else None


def best_event(events: Sequence[Event]) -> Event | None:
    """The event a one-label comparison uses: highest confidence, first on ties."""
    best: Event | None = None
    for ev in events:
        if best is None or ev.confidence > best.confidence:
            best = ev
    return best


def event_triple(event: Event) -> Triple:
    return (actor_key(event.source), actor_key(event.target), event.plover)


def score(records: Sequence[GoldRecord], predicted: Mapping[str, Sequence[Event]]) -> EvalResult:
    """Score emitted events against gold, record by record (pure: no pipeline)."""
    pairs: list[tuple[str | None, str | None]] = []
    # Triples are keyed by record: a pair coded from one sentence must not match
    # the same pair in another sentence.
    gold_triples: list[tuple[str, Triple]] = []
    pred_triples: list[tuple[str, Triple]] = []
    by_type: dict[str, Counter[str]] = {}
    emitted = with_event = 0
    for rec in records:
        events = predicted.get(rec.id, ())
        best = best_event(events)
        label = best.plover if best is not None else None
        pairs.append((rec.plover, label))
        gold_triples.extend((rec.id, t) for t in dict.fromkeys(rec.triples()))
        pred_triples.extend((rec.id, event_triple(ev)) for ev in events)
        emitted += len(events)
        with_event += bool(events)
        row = by_type.setdefault(rec.plover, Counter())
        row["records"] += 1
        row["with_event"] += bool(events)
        row["type_correct"] += label == rec.plover
    labels = per_label_prf(pairs)
    gold_labels = sorted({rec.plover for rec in records})
    triples = prf_multisets(gold_triples, pred_triples)
    correct = sum(g == p for g, p in pairs)
    rows = []
    for name in sorted(set(by_type) | set(labels)):
        c = by_type.get(name, Counter())
        prf = labels.get(name, PRF(0, 0, 0))
        rows.append(
            {
                "type": name,
                "records": c["records"],
                "with_event": c["with_event"],
                "type_correct": c["type_correct"],
                "predicted": prf.tp + prf.fp,
                "precision": prf.precision,
                "recall": prf.recall,
                "f1": prf.f1,
            }
        )
    metrics = {
        "type_accuracy": safe_ratio(correct, len(records)),
        "type_accuracy_when_emitted": safe_ratio(correct, with_event),
        "type_macro_f1": macro_f1(labels, labels=gold_labels),
        "type_macro_f1_all_labels": macro_f1(labels),
        "triple_precision": triples.precision,
        "triple_recall": triples.recall,
        "triple_f1": triples.f1,
        "record_coverage": safe_ratio(with_event, len(records)),
        "events_emitted_per_gold": safe_ratio(emitted, len(gold_triples)),
    }
    counts = {
        "records": len(records),
        "records_with_event": with_event,
        "events_emitted": emitted,
        "gold_triples": len(gold_triples),
        "triples_matched": triples.tp,
    }
    return EvalResult(
        name=NAME,
        metrics=metrics,
        counts=counts,
        rows=rows,
        columns=list(rows[0]) if rows else [],
        notes=(
            "type = PLOVER type of the highest-confidence emitted event; gold PLOVER 0.5 "
            "types mapped to 0.8 (DEMAND->REQUEST, DISAPPROVE/INVESTIGATE->ACCUSE, "
            "FIGHT->ASSAULT)",
            "type_macro_f1 averages over gold types; _all_labels also counts types only predicted",
            "triples = (source country, target country, PLOVER type), compound actors "
            "expanded; events_emitted_per_gold = emitted events / gold triples "
            "(1.0 = as many as gold)",
        ),
    )


def run(data_dir: Path, *, pipeline: Pipeline, limit: int | None = None) -> EvalResult:
    """Run the pipeline over the gold sentences and score what it emits."""
    path = data_dir / FILE
    if not path.is_file():
        return EvalResult.skip(NAME, f"file not found: {path}")
    records = read_records(path)
    if limit is not None:
        records = records[:limit]
    docs = [Document(id=r.id, text=r.text, published=PUBLISHED) for r in records]
    predicted, rejected = events_by_document(pipeline, docs)
    scored = score(records, predicted)
    return replace(scored, counts={**scored.counts, "rejected": rejected})
