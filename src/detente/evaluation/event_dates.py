"""Event dates: is each coded event filed under the day it happened?

Two small sets, both scored on events the pipeline extracts:

* ``plovigy_dedi_sample``: 30 human-coded protest/repression events (PITF DEDI,
  December 2022), one sentence each, with the event's date.  The records carry no
  publication date, so the sentence is read twice: against the coded event date
  (the DEDI codebook dates an event by its report unless the text says otherwise,
  so this measures whether the dater keeps the report's day and moves only when
  the text says so) and against the coding date, 2022-12-19, a week later (so only
  a date read from the text can be right).  A record counts as right when an
  extracted event of that sentence (the gold CAMEO root preferred) has a
  day-precision date within one day of the gold date.
* the bundled sample corpus against ``tests/fixtures/sample_expectations.yaml``:
  each expected event is matched by document, CAMEO root, country pair and
  sentence (not by date), and its date is right when it begins with the expected
  date ("2023-04" accepts "2023-04-06"); expected null dates (announced or feared
  events) are right when the event has no date.  The expectations live with the
  tests, so this part is skipped outside a source checkout.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from detente.evaluation.result import EvalResult
from detente.evaluation.scoring import safe_ratio
from detente.model import Analysis, Document, Event

if TYPE_CHECKING:
    from detente.pipeline import Pipeline

NAME = "event_dates"
PLOVIGY = Path("plovigy_dedi_sample") / "plovigy-DEDI-input-sample.jsonl"
EXPECTATIONS = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "sample_expectations.yaml"
CODED = dt.date(2022, 12, 19)  # every record's codedDate
SYMMETRIC_ROOTS = frozenset({"03", "04", "05", "06", "08"})


@dataclass(frozen=True, slots=True)
class DediRecord:
    id: str
    text: str
    title: str
    cameo: str
    date: dt.date


def read_dedi(path: Path) -> list[DediRecord]:
    """The records: pretty-printed JSON objects one after another, not JSONL."""
    raw = path.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    out: list[DediRecord] = []
    i = 0
    while True:
        while i < len(raw) and raw[i].isspace():
            i += 1
        if i >= len(raw):
            return out
        rec, i = decoder.raw_decode(raw, i)
        out.append(
            DediRecord(
                id=str(rec["id"]),
                text=str(rec["text"]),
                title=str(rec.get("headline") or ""),
                cameo=str(rec["event"]),
                date=dt.date.fromisoformat(str(rec["date"])[:10]),
            )
        )


def _day(event: Event) -> dt.date | None:
    if event.date is None or event.date_precision != "day":
        return None
    try:
        return dt.date.fromisoformat(event.date[:10])
    except ValueError:
        return None


def dedi_event(events: Sequence[Event], cameo: str) -> Event | None:
    """The event a record is compared with: same CAMEO root first, then the most confident."""
    same = [e for e in events if e.cameo_root == cameo[:2]]
    pool = same or list(events)
    return max(pool, key=lambda e: e.confidence) if pool else None


def score_dedi(records: Sequence[DediRecord], events: Mapping[str, Sequence[Event]]) -> dict[str, int]:
    right = with_event = from_text = 0
    for rec in records:
        ev = dedi_event(events.get(rec.id, ()), rec.cameo)
        if ev is None:
            continue
        with_event += 1
        from_text += ev.date_basis == "text"
        day = _day(ev)
        right += day is not None and abs((day - rec.date).days) <= 1
    return {"right": right, "with_event": with_event, "from_text": from_text}


def _analyse(pipeline: Pipeline, docs: Iterable[Document]) -> dict[str, tuple[Event, ...]]:
    out: dict[str, tuple[Event, ...]] = {}
    for result in pipeline.analyse(docs):
        if isinstance(result, Analysis):
            out[result.document.id] = result.events
    return out


def run_dedi(path: Path, *, pipeline: Pipeline, limit: int | None) -> tuple[dict[str, float], dict[str, int]]:
    records = read_dedi(path)[:limit]
    metrics: dict[str, float] = {}
    counts: dict[str, int] = {"dedi_records": len(records)}
    for label, published in (("report_date", None), ("coded_date", CODED)):
        docs = [Document(id=r.id, text=r.text, title=r.title, published=published or r.date) for r in records]
        scored = score_dedi(records, _analyse(pipeline, docs))
        metrics[f"dedi_within_1d@{label}"] = safe_ratio(scored["right"], len(records))
        metrics[f"dedi_within_1d_when_coded@{label}"] = safe_ratio(scored["right"], scored["with_event"])
        counts[f"dedi_records_with_event@{label}"] = scored["with_event"]
        counts[f"dedi_dated_from_text@{label}"] = scored["from_text"]
    return metrics, counts


def matches(expected: Mapping[str, Any], event: Event) -> bool:
    """Same document, CAMEO root, country pair (either order for joint acts) and sentence."""
    src = event.source.actor.country if event.source else None
    tgt = event.target.actor.country if event.target else None
    pair = (expected["source_country"], expected["target_country"])
    root = str(expected["cameo_root"]).zfill(2)
    ok_pair = (src, tgt) == pair or (root in SYMMETRIC_ROOTS and (tgt, src) == pair)
    return ok_pair and event.cameo_root == root and expected["sentence_contains"] in event.evidence


def date_right(expected: str | None, event: Event) -> bool:
    if expected is None:
        return event.date is None
    return (event.date or "").startswith(str(expected))


def score_sample(
    expectations: Sequence[Mapping[str, Any]], events: Mapping[str, Sequence[Event]]
) -> tuple[dict[str, int], list[dict[str, Any]]]:
    counts = {
        "expected": len(expectations),
        "found": 0,
        "found_dated": 0,
        "date_right": 0,
        "precision_right": 0,
    }
    counts |= {"expected_dated": 0, "dated_right": 0, "expected_null": 0, "null_right": 0}
    misses: list[dict[str, Any]] = []
    for exp in expectations:
        found = [ev for ev in events.get(exp["doc_id"], ()) if matches(exp, ev)]
        want = exp.get("date")
        want = None if want is None else str(want)
        counts["expected_dated" if want else "expected_null"] += 1
        if not found:
            continue
        counts["found"] += 1
        counts["found_dated"] += want is not None
        best = next((ev for ev in found if date_right(want, ev)), found[0])
        ok = date_right(want, best)
        counts["date_right"] += ok
        counts["dated_right" if want else "null_right"] += ok
        precision = {4: "year", 7: "month", 10: "day"}.get(len(want)) if want else None
        counts["precision_right"] += bool(want) and ok and best.date_precision == precision
        if not ok:
            misses.append(
                {"doc": exp["doc_id"], "expected": want or "null", "got": best.date or "null",
                 "basis": best.date_basis or "-", "text": best.date_text or "-"}
            )  # fmt: skip
    return counts, misses


def sample_documents() -> list[Document]:
    text = files("detente").joinpath("data/sample/corpus.jsonl").read_text(encoding="utf-8")
    from detente.ingest import read_jsonl_lines

    return [d for d in read_jsonl_lines(text.splitlines(), where="corpus.jsonl") if isinstance(d, Document)]


def run_sample(
    pipeline: Pipeline, *, limit: int | None
) -> tuple[dict[str, float], dict[str, int], list[Any]]:
    expectations = yaml.safe_load(EXPECTATIONS.read_text(encoding="utf-8"))["events"][:limit]
    wanted = {e["doc_id"] for e in expectations}
    docs = [d for d in sample_documents() if d.id in wanted]
    counts, misses = score_sample(expectations, _analyse(pipeline, docs))
    metrics = {
        "sample_date_accuracy": safe_ratio(counts["date_right"], counts["found"]),
        "sample_date_accuracy_dated": safe_ratio(counts["dated_right"], counts["found_dated"]),
        "sample_null_respected": safe_ratio(counts["null_right"], counts["found"] - counts["found_dated"]),
        "sample_precision_accuracy": safe_ratio(counts["precision_right"], counts["found_dated"]),
    }
    return metrics, {f"sample_{k}": v for k, v in counts.items()}, misses


def run(data_dir: Path, *, pipeline: Pipeline, limit: int | None = None) -> EvalResult:
    """Score event dates on the DEDI sample and on the bundled sample corpus."""
    metrics: dict[str, float] = {}
    counts: dict[str, int] = {}
    notes: list[str] = []
    rows: list[dict[str, Any]] = []
    path = data_dir / PLOVIGY
    if path.is_file():
        m, c = run_dedi(path, pipeline=pipeline, limit=limit)
        metrics |= m
        counts |= c
    else:
        notes.append(f"DEDI sample skipped: file not found: {path}")
    if EXPECTATIONS.is_file():
        m, c, rows = run_sample(pipeline, limit=limit)
        metrics |= m
        counts |= c
    else:
        notes.append(f"sample corpus skipped: {EXPECTATIONS} not found (not a source checkout)")
    if not metrics:
        return EvalResult.skip(NAME, "; ".join(notes))
    notes.append(
        "dedi_within_1d@X: share of the 30 records whose event has a day date within one day of gold, "
        "read against X as publication date (the records carry none); sample_*: expected events of "
        "the bundled corpus matched without their date, then their date compared"
    )
    return EvalResult(name=NAME, metrics=metrics, counts=counts, rows=rows,
                      columns=["doc", "expected", "got", "basis", "text"], notes=notes)  # fmt: skip
