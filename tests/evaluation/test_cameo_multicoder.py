"""CAMEO multi-coder scoring on hand-made coder tables (not the data)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from detente.evaluation import cameo_multicoder as cm
from detente.model import Event


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    cols = ["ids", "No", "sentences"]
    for k in ("1", "2", "3"):
        cols += [f"anncomplete_{k}", f"1_Relevant_{k}", f"Action1_CAMEO_{k}", f"Action2_CAMEO_{k}"]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=cols)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in cols})
    return path


def _row(no: str, text: str, *labels: str | None) -> dict[str, str]:
    row = {"ids": f"x_{no}", "No": f"No. {no} ", "sentences": text, "anncomplete_2": "False"}
    for k, label in zip(("1", "3"), labels, strict=False):
        row[f"anncomplete_{k}"] = "True"
        row[f"1_Relevant_{k}"] = "True" if label else "False"
        row[f"Action1_CAMEO_{k}"] = label or ""
    return row


def test_parse_root() -> None:
    assert cm.parse_root("4-18 Assualt") == "18"
    assert cm.parse_root("0-1 Make Public Statement") == "01"
    assert cm.parse_root("") is None and cm.parse_root(None) is None


def test_read_skips_incomplete_coders_and_finds_majority(tmp_path: Path) -> None:
    rows = [
        _row("1", "Ruritania attacked Freedonia.", "4-19 Fight", "4-19 Fight"),
        _row("2", "The weather was fine.", None, None),
        _row("3", "Ruritania met Freedonia.", "1-4 Consult", "3-11 Disapprove"),
    ]
    sents = cm.read_sentences(_write(tmp_path / "s.csv", rows))
    assert [s.id for s in sents] == ["1", "2", "3"]
    assert set(sents[0].labels) == {"1", "3"}  # coder 2 did not complete
    assert sents[0].gold() == "19" and sents[1].gold() == cm.NONE and sents[2].gold() is None


def test_score_accuracy_agreement_and_kappa(make_event: Callable[..., Event]) -> None:
    sents = [
        cm.CodedSentence("1", "t", {"1": "19", "3": "19"}, {"1": frozenset({"19"}), "3": frozenset({"19"})}),
        cm.CodedSentence("2", "t", {"1": "none", "3": "none"}, {"1": frozenset(), "3": frozenset()}),
        cm.CodedSentence("3", "t", {"1": "04", "3": "11"}, {"1": frozenset({"04"}), "3": frozenset({"11"})}),
        cm.CodedSentence("4", "t", {"1": "04", "3": "04"}, {"1": frozenset({"04"}), "3": frozenset({"04"})}),
    ]
    predicted = {
        "1": [make_event(source="RUR", target="FRE", cameo="190")],
        "3": [make_event(source="RUR", target="FRE", cameo="111")],
        "4": [make_event(source="RUR", target="FRE", cameo="057")],
    }
    r = cm.score(sents, predicted)
    assert r.counts["sentences_with_majority"] == 3
    assert r.metrics["root_accuracy"] == pytest.approx(2 / 3)  # 1 and 2 right, 4 wrong
    assert r.metrics["event_detection_precision"] == 1.0 and r.metrics["event_detection_recall"] == 1.0
    assert r.metrics["agreement_system_coder_1"] == pytest.approx(0.5)
    assert r.metrics["agreement_system_coder_3"] == pytest.approx(0.75)
    assert r.metrics["agreement_coders_mean"] == pytest.approx(0.75)
    assert cm.kappa(["a", "b"], ["a", "b"]) == pytest.approx(1.0)
    # sentence 3 (no majority) is left out of the ratio: 2 events over 2 event sentences
    assert r.metrics["events_emitted_per_gold"] == pytest.approx(1.0)


def test_missing_data_is_skipped(tmp_path: Path) -> None:
    assert cm.run(tmp_path, pipeline=None).skipped  # type: ignore[arg-type]
