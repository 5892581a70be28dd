"""Event location: which place in a sentence an event happened at.

The data (Halterman, "Geolocating Political Events in Text", 2019) are single
sentences, each with one event verb marked and the place span(s) where that event
happened, or none when the sentence does not say.  The 496 records with
``source == "RELABEL"`` are the gold standard (the rest are training-quality
labels and are not scored).  Spans are located by their token indices (the
records' own tokenisation), because some character offsets in the file are wrong.

The labels are per verb, not per coded event, so two things are measured:

- ``rule_*``: the place detente's location rule (``detente.places.locate``) picks
  for the *gold verb* as trigger, over every record.  Correct when it picks a place
  overlapping a gold location, or picks nothing where the gold has none.  This is
  the location logic alone, whatever the event coder does;
- ``pipeline_*``: the ``location`` of the events the full pipeline emits whose
  trigger overlaps the gold verb (``pipeline_coverage`` says for how many records
  there is one), scored the same way.

``first_place_accuracy`` is the obvious baseline: the first place mention in the
verb's sentence, or none.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detente.evaluation.result import EvalResult
from detente.evaluation.scoring import safe_ratio
from detente.model import Analysis, Document, Event, PlaceMention, Rejected, Span
from detente.places.locate import event_location

if TYPE_CHECKING:
    from detente.pipeline import Pipeline

NAME = "event_location"
FILE = Path("event_location") / "labeled_text.jsonl.zip"
GOLD_SOURCE = "RELABEL"


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    text: str
    verb: tuple[int, int]  # character span of the event verb
    locations: tuple[tuple[int, int], ...]  # character spans; empty = no location given


def _char_span(tokens: Sequence[dict[str, Any]], span: dict[str, Any]) -> tuple[int, int] | None:
    ts, te = span.get("token_start"), span.get("token_end")
    if not isinstance(ts, int) or not isinstance(te, int) or not 0 <= ts <= te < len(tokens):
        return None
    return int(tokens[ts]["start"]), int(tokens[te]["end"])


def parse_records(raw: Iterable[dict[str, Any]]) -> list[Record]:
    """Gold records with exactly one verb and readable spans."""
    out: list[Record] = []
    for item in raw:
        if item.get("source") != GOLD_SOURCE or item.get("answer") not in (None, "accept"):
            continue
        tokens, spans = item.get("tokens"), item.get("spans")
        if not tokens or spans is None:
            continue
        verbs = [_char_span(tokens, s) for s in spans if s.get("label") == "VERB"]
        locs = [_char_span(tokens, s) for s in spans if s.get("label") == "LOCATION"]
        if len(verbs) != 1 or verbs[0] is None or any(loc is None for loc in locs):
            continue
        rid = f"{len(out)}:{str(item.get('_id')).strip()}"  # ids repeat in the file
        out.append(Record(rid, item["text"], verbs[0], tuple(loc for loc in locs if loc)))
    return out


def read_records(path: Path) -> list[Record]:
    with zipfile.ZipFile(path) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".jsonl") and not n.startswith("__MACOSX"))
        data = json.loads(zf.read(name))
    return parse_records(data if isinstance(data, list) else [data])


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def correct(record: Record, chosen: PlaceMention | None) -> bool:
    if chosen is None:
        return not record.locations
    return any(_overlaps((chosen.start, chosen.end), loc) for loc in record.locations)


def gold_verb_event(analysis: Analysis, record: Record) -> Event | None:
    """A stand-in event whose trigger is the gold verb (for scoring the rule alone)."""
    toks = [t for t in analysis.parsed.tokens if _overlaps((t.start, t.end), record.verb)]
    if not toks:
        return None
    text = record.text[record.verb[0] : record.verb[1]]
    return Event(
        doc_id=record.id,
        sentence=toks[0].sent,
        evidence=analysis.parsed.sentences[toks[0].sent].text,
        trigger=Span(text, record.verb[0], record.verb[1]),
        source=None,
        target=None,
        cameo="",
        cameo_root="",
        plover=None,
        quad_class=0,
        goldstein=0.0,
    )


@dataclass
class Tally:
    n: int = 0
    right: int = 0
    with_loc: int = 0
    with_loc_right: int = 0
    picked: int = 0
    picked_right: int = 0

    def add(self, record: Record, chosen: PlaceMention | None) -> None:
        ok = correct(record, chosen)
        self.n += 1
        self.right += ok
        if record.locations:
            self.with_loc += 1
            self.with_loc_right += ok
        if chosen is not None:
            self.picked += 1
            self.picked_right += ok

    def metrics(self, prefix: str) -> dict[str, float]:
        none_total = self.n - self.with_loc
        none_right = self.right - self.with_loc_right
        return {
            f"{prefix}_accuracy": safe_ratio(self.right, self.n),
            f"{prefix}_recall": safe_ratio(self.with_loc_right, self.with_loc),
            f"{prefix}_precision": safe_ratio(self.picked_right, self.picked),
            f"{prefix}_none_correct": safe_ratio(none_right, none_total),
        }


def score(records: Sequence[Record], analyses: dict[str, Analysis]) -> EvalResult:
    rule, first, piped = Tally(), Tally(), Tally()
    missing = 0
    for r in records:
        analysis = analyses.get(r.id)
        if analysis is None:
            missing += 1
            continue
        event = gold_verb_event(analysis, r)
        if event is None:
            missing += 1
            continue
        rule.add(r, event_location(analysis.parsed, analysis.places, event))
        in_sentence = [m for m in analysis.places if m.sent == event.sentence]
        first.add(r, in_sentence[0] if in_sentence else None)
        emitted = [e for e in analysis.events if _overlaps((e.trigger.start, e.trigger.end), r.verb)]
        if emitted:
            piped.add(r, emitted[0].location)
    metrics = {
        **rule.metrics("rule"),
        "first_place_accuracy": safe_ratio(first.right, first.n),
        "pipeline_coverage": safe_ratio(piped.n, rule.n),
        **piped.metrics("pipeline"),
    }
    return EvalResult(
        name=NAME,
        metrics=metrics,
        counts={
            "records": len(records),
            "with_location": rule.with_loc,
            "scored": rule.n,
            "pipeline_events_at_verb": piped.n,
            "unscored": missing,
        },
        notes=(
            "gold = the RELABEL records; rule_* = detente's location rule on the gold verb; "
            "pipeline_* = locations of emitted events whose trigger is the gold verb",
        ),
    )


def run(data_dir: Path, *, pipeline: Pipeline, limit: int | None = None) -> EvalResult:
    path = data_dir / FILE
    if not path.is_file():
        return EvalResult.skip(NAME, f"file not found: {path}")
    records = read_records(path)[:limit]
    docs = [Document(id=r.id, text=r.text) for r in records]
    analyses: dict[str, Analysis] = {}
    rejected = 0
    # The rule is scored on every gold verb, also in sentences without an actor,
    # which the pipeline would leave unparsed: parse every sentence here.
    from detente.pipeline import Pipeline

    config = replace(pipeline.config, nlp=replace(pipeline.config.nlp, select_sentences=False))
    full = Pipeline(config, language=pipeline.language, resources=pipeline.resources, stages=pipeline.stages)
    for result in full.analyse(docs):
        if isinstance(result, Rejected):
            rejected += 1
            continue
        analyses[result.document.id] = result
    result = score(records, analyses)
    return EvalResult(
        name=result.name,
        metrics=result.metrics,
        counts={**result.counts, "rejected": rejected},
        notes=result.notes,
    )
