"""IndiaPoliceEvents sentence scoring on hand-made documents (not the data)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from detente.evaluation import indiapoliceevents as ipe
from detente.model import Event, Span


def test_read_docs_limits_documents_and_joins_sentences(tmp_path: Path) -> None:
    folder = tmp_path / "indiapoliceevents"
    folder.mkdir()
    rows = [
        {"doc_id": 1, "sent_id": 0, "sent_labels": [], "sent_text": "riots broke out."},
        {
            "doc_id": 1,
            "sent_id": 1,
            "sent_labels": ["ARREST", "ANY_ACTION"],
            "sent_text": "police arrested 5.",
        },
        {"doc_id": 2, "sent_id": 0, "sent_labels": [], "sent_text": "calm returned."},
    ]
    (folder / "sents.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    (folder / "metadata.jsonl").write_text(json.dumps({"doc_id": 1, "date": "2002-03-01"}), encoding="utf-8")
    docs = ipe.read_docs(folder, limit=1)
    assert [d.id for d in docs] == ["1"] and docs[0].published is not None
    doc, spans = docs[0].document()
    assert [doc.text[a:b] for a, b in spans] == ["riots broke out.", "police arrested 5."]


def test_event_labels_need_police_and_facts(make_event: Callable[..., Event]) -> None:
    arrest = make_event(source="INDCOP", target=None, cameo="173")
    assert ipe.event_labels(arrest) == {"ARREST"}
    assert ipe.event_labels(make_event(source=None, target="INDCVL", cameo="173")) == {"ARREST"}
    assert ipe.event_labels(make_event(source="INDREB", target=None, cameo="173")) == set()
    assert ipe.event_labels(make_event(source="INDCOP", target="INDCVL", cameo="190")) == {"FORCE"}
    assert ipe.event_labels(make_event(source="INDCOP", target="INDCVL", cameo="175")) == {"FORCE"}
    assert ipe.event_labels(replace(arrest, negated=True)) == set()


def test_sentence_mapping_and_scores(make_event: Callable[..., Event]) -> None:
    spans = [(0, 10), (11, 30), (31, 50)]
    ev = replace(make_event(source="INDCOP", target=None, cameo="173"), trigger=Span("arrested", 15, 23))
    pred = ipe.sentence_predictions([ev], spans)
    assert pred == [set(), {"ARREST"}, set()]
    gold = [frozenset(), frozenset({"ARREST"}), frozenset({"ARREST", "FORCE"})]
    r = ipe.score(gold, pred, docs=1)
    assert r.metrics["arrest_precision"] == 1.0 and r.metrics["arrest_recall"] == pytest.approx(0.5)
    assert r.metrics["force_recall"] == 0.0 and r.metrics["arrest_predicted_per_gold"] == pytest.approx(0.5)


def test_missing_data_is_skipped(tmp_path: Path) -> None:
    assert ipe.run(tmp_path, pipeline=None).skipped  # type: ignore[arg-type]
