"""IndiaPoliceEvents: did the police arrest someone, or use force, in this sentence?

Times of India reports on the 2002 Gujarat violence, with adjudicated labels per
sentence (Halterman et al. 2021).  detente codes each document whole (so that
"they" and "the force" can find their referents across sentences), then maps
each event's trigger to the annotated sentence that holds it.  A sentence is
predicted

- ARREST when it holds a CAMEO 173 event (arrest, detain, charge) whose source
  is a police actor (sector COP) or has no source (an agentless passive: "20 were
  arrested", which in these reports the police did);
- FORCE (the labels "police killed" and "police used other force") when it holds
  an event of CAMEO 175 (violent repression) or roots 18-20 with a police source.

Scores are sentence-level precision, recall and F1 per label, and the ratio of
predicted to gold positive sentences (the set's extra-event rate).  ``limit``
counts documents; the set has about 1,250, so a sample of a few hundred is the
practical default.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from detente.evaluation.result import EvalResult
from detente.evaluation.scoring import PRF, safe_ratio
from detente.model import Analysis, Document, Event, Rejected

if TYPE_CHECKING:
    from detente.pipeline import Pipeline

NAME = "indiapoliceevents"
FOLDER = Path("indiapoliceevents")
SENTS = "sents.jsonl"
METADATA = "metadata.jsonl"
LABELS = ("ARREST", "FORCE")
POLICE = frozenset({"COP"})
FORCE_ROOTS = frozenset({"18", "19", "20"})


@dataclass(frozen=True, slots=True)
class Sent:
    doc_id: str
    sent_id: int
    text: str
    labels: frozenset[str]


@dataclass(frozen=True, slots=True)
class Doc:
    id: str
    published: dt.date | None
    sents: tuple[Sent, ...]

    def document(self) -> tuple[Document, list[tuple[int, int]]]:
        """The document text (sentences joined by a space) and each sentence's span."""
        parts: list[str] = []
        spans: list[tuple[int, int]] = []
        pos = 0
        for s in self.sents:
            text = s.text.strip()
            spans.append((pos, pos + len(text)))
            parts.append(text)
            pos += len(text) + 1
        return Document(id=self.id, text=" ".join(parts), published=self.published), spans


def read_docs(folder: Path, *, limit: int | None = None) -> list[Doc]:
    """Documents in file order, with their annotated sentences and dates."""
    dates: dict[str, dt.date | None] = {}
    meta = folder / METADATA
    if meta.is_file():
        for line in meta.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                try:
                    dates[str(rec["doc_id"])] = dt.date.fromisoformat(str(rec.get("date")))
                except ValueError:
                    dates[str(rec["doc_id"])] = None
    by_doc: dict[str, list[Sent]] = {}
    for line in (folder / SENTS).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        doc_id = str(rec["doc_id"])
        if doc_id not in by_doc and limit is not None and len(by_doc) >= limit:
            break
        by_doc.setdefault(doc_id, []).append(
            Sent(doc_id, int(rec["sent_id"]), str(rec["sent_text"]), frozenset(rec.get("sent_labels") or ()))
        )
    return [Doc(d, dates.get(d), tuple(sorted(ss, key=lambda s: s.sent_id))) for d, ss in by_doc.items()]


def _police(event: Event) -> bool:
    return event.source is not None and event.source.actor.sector in POLICE


def event_labels(event: Event) -> set[str]:
    """The set's labels one event supports (see the module docstring)."""
    out: set[str] = set()
    if event.negated or event.hypothetical or event.future:
        return out
    if event.cameo.startswith("173") and (event.source is None or _police(event)):
        out.add("ARREST")
    if _police(event) and (event.cameo_root in FORCE_ROOTS or event.cameo.startswith("175")):
        out.add("FORCE")
    return out


def sentence_predictions(events: Iterable[Event], spans: Sequence[tuple[int, int]]) -> list[set[str]]:
    """Labels per annotated sentence from the events whose trigger lies in it."""
    out: list[set[str]] = [set() for _ in spans]
    for ev in events:
        labels = event_labels(ev)
        if not labels:
            continue
        for n, (start, end) in enumerate(spans):
            if start <= ev.trigger.start < end:
                out[n] |= labels
                break
    return out


def score(gold: Sequence[frozenset[str]], predicted: Sequence[set[str]], *, docs: int) -> EvalResult:
    """Sentence-level scores from gold and predicted label sets (pure)."""
    metrics: dict[str, float] = {}
    counts: dict[str, int] = {"documents": docs, "sentences": len(gold)}
    rows = []
    for label in LABELS:
        tp = sum(label in g and label in p for g, p in zip(gold, predicted, strict=True))
        fp = sum(label not in g and label in p for g, p in zip(gold, predicted, strict=True))
        fn = sum(label in g and label not in p for g, p in zip(gold, predicted, strict=True))
        prf = PRF(tp, fp, fn)
        key = label.lower()
        metrics[f"{key}_precision"] = prf.precision
        metrics[f"{key}_recall"] = prf.recall
        metrics[f"{key}_f1"] = prf.f1
        metrics[f"{key}_predicted_per_gold"] = safe_ratio(tp + fp, tp + fn)
        counts[f"{key}_gold_sentences"] = tp + fn
        counts[f"{key}_predicted_sentences"] = tp + fp
        rows.append(
            {
                "label": label,
                "gold": tp + fn,
                "predicted": tp + fp,
                "tp": tp,
                "precision": prf.precision,
                "recall": prf.recall,
                "f1": prf.f1,
            }
        )
    return EvalResult(
        name=NAME,
        metrics=metrics,
        counts=counts,
        rows=rows,
        columns=["label", "gold", "predicted", "tp", "precision", "recall", "f1"],
        notes=(
            "ARREST: a CAMEO 173 event by police (sector COP) or without a source; FORCE: CAMEO 175 or "
            "roots 18-20 by police; negated, future and hypothetical events are not counted",
            "FORCE gold = the set's FORCE label (police killed, or used other force); limit = documents",
            "predicted_per_gold = predicted / gold positive sentences (the extra-event rate of this set)",
        ),
    )


def run(data_dir: Path, *, pipeline: Pipeline, limit: int | None = 300) -> EvalResult:
    """Code a sample of documents (``limit``, default 300) and score their sentences."""
    folder = data_dir / FOLDER
    if not (folder / SENTS).is_file():
        return EvalResult.skip(NAME, f"file not found: {folder / SENTS}")
    docs = read_docs(folder, limit=300 if limit is None else limit)
    built = {d.id: d.document() for d in docs}
    events: dict[str, tuple[Event, ...]] = {}
    rejected = 0
    for result in pipeline.analyse(doc for doc, _ in built.values()):
        if isinstance(result, Rejected):
            rejected += 1
            continue
        assert isinstance(result, Analysis)
        events[result.document.id] = result.events
    gold: list[frozenset[str]] = []
    predicted: list[set[str]] = []
    for d in docs:
        gold.extend(s.labels & frozenset(LABELS) for s in d.sents)
        predicted.extend(sentence_predictions(events.get(d.id, ()), built[d.id][1]))
    scored = score(gold, predicted, docs=len(docs))
    return EvalResult(
        name=scored.name,
        metrics=scored.metrics,
        counts={**scored.counts, "rejected": rejected},
        rows=scored.rows,
        columns=scored.columns,
        notes=scored.notes,
    )


def label_counts(docs: Sequence[Doc]) -> Mapping[str, int]:
    """How many sentences carry each label (for a quick look at a sample)."""
    out: dict[str, int] = {}
    for d in docs:
        for s in d.sents:
            for label in s.labels:
                out[label] = out.get(label, 0) + 1
    return out
