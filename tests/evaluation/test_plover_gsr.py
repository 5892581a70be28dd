"""PLOVER gold-record scoring on hand-made records (fictional sentences, not the data)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

from detente.evaluation import plover_gsr
from detente.evaluation.plover_gsr import GoldRecord, best_event, read_records, score
from detente.model import Analysis, Document, Event, ParsedDocument, Rejected


def _record(rid: str, plover: str, sources: tuple[str, ...], targets: tuple[str, ...] = (), *,
            reciprocal: bool = False) -> GoldRecord:  # fmt: skip
    return GoldRecord(rid, "text", plover, plover, sources, targets, reciprocal)


def test_read_records_maps_legacy_types_and_compound_actors(tmp_path: Path) -> None:
    data = [
        {"id": "X-DOCUMENT-1", "event": "DOCUMENT", "eventText": "about this file"},
        {
            "id": "X-1",
            "event": "DEMAND",
            "text": "Ruritania and Freedonia demanded talks with Sylvania.",
            "source": [{"actorText": "Ruritania", "code": "RUR", "sector": "GOV"},
                       {"actorText": "Freedonia", "code": "FRE"}],
            "target": [{"actorText": "Sylvania", "code": "SYL"}],
            "textInfo": {"markup": "(SRC: Ruritania) and (SRC: Freedonia) ..."},
        },
        {
            "id": "X-2",
            "event": "AGREE",
            "text": "Ruritanian and Sylvanian envoys agreed to cooperate.",
            "source": [{"actorText": "Ruritanian", "code": "RUR"},
                       {"actorText": "Sylvanian", "code": "SYL"}],
            "target": "context word",
            "textInfo": {"markup": "(SRC/TAR: Ruritanian) and (SRC/TAR: Sylvanian) envoys"},
        },
    ]  # fmt: skip
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    recs = read_records(path)
    assert [r.id for r in recs] == ["X-1", "X-2"]
    assert recs[0].plover == "REQUEST" and recs[0].coded_as == "DEMAND"
    assert recs[0].triples() == [("RUR", "SYL", "REQUEST"), ("FRE", "SYL", "REQUEST")]
    assert recs[1].targets == () and recs[1].reciprocal
    assert recs[1].triples() == [("RUR", "SYL", "AGREE"), ("SYL", "RUR", "AGREE")]


def test_best_event_is_highest_confidence_first_on_ties(make_event: Callable[..., Event]) -> None:
    a = make_event(source="RUR", target="SYL", plover="AGREE", confidence=0.6)
    b = make_event(source="RUR", target="SYL", plover="CONSULT", confidence=0.9)
    c = make_event(source="RUR", target="SYL", plover="ACCUSE", confidence=0.9)
    assert best_event([a, b, c]) is b
    assert best_event([]) is None


def test_score_type_accuracy_triples_and_ratio(make_event: Callable[..., Event]) -> None:
    records = [
        _record("r1", "AGREE", ("RUR", "SYL"), reciprocal=True),
        _record("r2", "ASSAULT", ("FRE",), ("SYL",)),
        _record("r3", "ACCUSE", ("IGO",), ("RUR",)),
    ]
    predicted = {
        # both ordered pairs of the joint agreement: two true positives
        "r1": [
            make_event(source="RURGOV", target="SYLGOV", plover="AGREE"),
            make_event(source="SYLGOV", target="RURGOV", plover="AGREE"),
        ],
        # right pair, wrong type, then a duplicate: two false positives
        "r2": [
            make_event(source="FREMIL", target="SYL", plover="THREATEN", confidence=0.8),
            make_event(source="FREMIL", target="SYL", plover="THREATEN", confidence=0.2),
        ],
        # a non-state source is keyed by its code root (IGO), as gold codes it
        "r3": [make_event(source="IGOUNO", target="RUR", plover="ACCUSE", source_country=None)],
    }
    result = score(records, predicted)
    m, c = result.metrics, result.counts
    assert m["type_accuracy"] == pytest.approx(2 / 3)
    assert c["gold_triples"] == 4 and c["events_emitted"] == 5 and c["triples_matched"] == 3
    assert m["triple_precision"] == pytest.approx(3 / 5)
    assert m["triple_recall"] == pytest.approx(3 / 4)
    assert m["events_emitted_per_gold"] == pytest.approx(5 / 4)
    # AGREE f1 1, ACCUSE f1 1, ASSAULT f1 0 (missed); THREATEN only predicted
    assert m["type_macro_f1"] == pytest.approx(2 / 3)
    assert m["type_macro_f1_all_labels"] == pytest.approx(2 / 4)
    rows = {r["type"]: r for r in result.rows}
    assert rows["ASSAULT"]["records"] == 1 and rows["ASSAULT"]["type_correct"] == 0
    assert rows["THREATEN"]["records"] == 0 and rows["THREATEN"]["predicted"] == 1


def test_triples_do_not_match_across_records(make_event: Callable[..., Event]) -> None:
    records = [_record("r1", "ASSAULT", ("FRE",), ("SYL",)), _record("r2", "AGREE", ("RUR",))]
    predicted = {"r2": [make_event(source="FRE", target="SYL", plover="ASSAULT")]}
    result = score(records, predicted)
    assert result.counts["triples_matched"] == 0
    assert result.metrics["record_coverage"] == 0.5


def test_run_skips_without_the_file(tmp_path: Path) -> None:
    result = plover_gsr.run(tmp_path, pipeline=None)  # type: ignore[arg-type]
    assert result.skipped is not None and "not found" in result.skipped


class _FakePipeline:
    """Stands in for Pipeline: one canned result per document id."""

    def __init__(self, events: dict[str, list[Event]], reject: set[str]) -> None:
        self.events, self.reject, self.seen = events, reject, []

    def analyse(self, documents: Iterable[Document]) -> Iterator[Analysis | Rejected]:
        for doc in documents:
            self.seen.append(doc)
            if doc.id in self.reject:
                yield Rejected(doc.id, "events", "E500", "boom")
            else:
                parsed = ParsedDocument(document=doc, tokens=(), sentences=())
                yield Analysis(parsed=parsed, events=tuple(self.events.get(doc.id, ())))


def test_run_feeds_the_pipeline_and_counts_rejections(
    tmp_path: Path, make_event: Callable[..., Event]
) -> None:
    folder = tmp_path / "plover_gsr"
    folder.mkdir()
    data = [
        {"id": f"X-{i}", "event": "AGREE", "text": f"Sentence {i}.",
         "source": [{"code": "RUR"}], "target": [{"code": "SYL"}]}
        for i in range(3)
    ]  # fmt: skip
    (folder / "PLOVER_GSR_CAMEO.dev.json").write_text(json.dumps(data), encoding="utf-8")
    fake = _FakePipeline({"X-0": [make_event(source="RUR", target="SYL", plover="AGREE")]}, {"X-1"})
    result = plover_gsr.run(tmp_path, pipeline=fake, limit=2)  # type: ignore[arg-type]
    assert [d.id for d in fake.seen] == ["X-0", "X-1"]
    assert all(d.published == plover_gsr.PUBLISHED for d in fake.seen)
    assert result.counts["records"] == 2 and result.counts["rejected"] == 1
    assert result.metrics["type_accuracy"] == 0.5
    assert result.metrics["triple_precision"] == 1.0 and result.metrics["triple_recall"] == 0.5
