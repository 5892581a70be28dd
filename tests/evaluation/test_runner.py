"""The registry, the skip behaviour, the adapters and the result's rendering."""

from __future__ import annotations

import importlib.util
import io
import sys
from pathlib import Path

import pytest
from rich.console import Console

from detente.errors import InputError
from detente.evaluation import REGISTRY, EvalResult, run_evaluation
from detente.evaluation.adapters import as_result

BENCH = Path(__file__).resolve().parents[2] / "bench" / "throughput.py"


def test_registry_lists_the_sets() -> None:
    assert list(REGISTRY) == [
        "plover_gsr", "petrarch2_unittest", "cameo_multicoder", "indiapoliceevents",
        "actors_plover", "actors_petrarch", "actors_conll", "tempeval3", "event_dates",
        "geoparsing", "event_location",
    ]  # fmt: skip


def test_absent_data_folder_skips_every_set(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    results = run_evaluation([], data_dir=missing, pipeline=None)  # type: ignore[arg-type]
    assert [r.name for r in results] == list(REGISTRY)
    assert all(r.skipped and str(missing) in r.skipped for r in results)
    assert not any(r.ok for r in results)


def test_empty_data_folder_skips_each_set_with_its_own_reason(tmp_path: Path) -> None:
    results = run_evaluation(
        ["plover_gsr", "petrarch2_unittest", "tempeval3", "geoparsing"],
        data_dir=tmp_path,
        pipeline=None,  # type: ignore[arg-type]
    )
    reasons = {r.name: r.skipped for r in results}
    assert all(reasons.values()), reasons
    assert "PLOVER_GSR_CAMEO.dev.json" in str(reasons["plover_gsr"])
    assert "tempeval3" in str(reasons["tempeval3"])


def test_unknown_set_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown evaluation set nope"):
        run_evaluation(["nope"], data_dir=tmp_path, pipeline=None)  # type: ignore[arg-type]


def test_as_result_wraps_a_stage_scorers_mapping() -> None:
    r = as_result("tempeval3", {"value_f1": 0.5, "documents": 3, "flag": True})
    assert r.metrics == {"value_f1": 0.5} and r.counts == {"documents": 3}
    same = EvalResult(name="x")
    assert as_result("x", same) is same
    with pytest.raises(TypeError):
        as_result("x", 3)


def test_result_renders_and_serialises() -> None:
    result = EvalResult(
        name="demo",
        metrics={"f1": 0.123456},
        counts={"records": 7},
        rows=[{"category": "A", "records": 3, "rate": 0.5}],
        notes=("a note",),
    )
    buf = io.StringIO()
    Console(file=buf, width=100).print(result)
    text = buf.getvalue()
    assert "demo" in text and "0.123" in text and "records" in text and "a note" in text
    assert "demo: by category" in text
    assert result.to_dict()["metrics"] == {"f1": 0.1235}
    skipped = EvalResult.skip("gone", "folder not found: /x")
    buf = io.StringIO()
    Console(file=buf, width=100).print(skipped)
    assert "folder not found: /x" in buf.getvalue()
    assert skipped.category_table() is None


def test_throughput_bench_skips_without_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("throughput", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["throughput"] = module
    spec.loader.exec_module(module)
    assert module.main(["--data", str(tmp_path / "absent.jsonl")]) == 0
    assert "skipped" in capsys.readouterr().err
    rows = [{"id": str(i), "text": "a b"} for i in range(10)]
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(__import__("json").dumps(r) for r in rows) + "\n")
    picked = module.read_articles(path, limit=3)
    assert [r["id"] for r in picked] == ["0", "3", "6"]  # spread over the file
    assert len(module.read_articles(path, limit=None)) == 10


def test_adapter_passes_only_declared_keywords(tmp_path: Path) -> None:
    from detente.evaluation.adapters import _call

    def scorer(folder: Path, *, limit: int | None = None) -> dict[str, float]:
        return {"folder_ok": float(folder == tmp_path), "limit": float(limit or 0)}

    assert _call(scorer, tmp_path, {"pipeline": object(), "limit": 5}) == {
        "folder_ok": 1.0,
        "limit": 5.0,
    }


def test_as_result_reads_a_scores_dataclass() -> None:
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Scores:
        documents: int
        value_f1: float
        errors: tuple[str, ...] = ("kept out",)

    r = as_result("tempeval3", Scores(documents=4, value_f1=0.25))
    assert r.name == "tempeval3"
    assert r.metrics == {"value_f1": 0.25} and r.counts == {"documents": 4}
