"""The ``detente`` command: the contract's output and its behaviour on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.store import Store

runner = CliRunner()

TEXT = (
    "Azerbaijani President Ilham Aliyev and Iranian President Masoud Pezeshkian "
    "held talks in Baku on Monday. "
    "Iran expelled four Azerbaijani diplomats in April 2023."
)
CONTRACT_KEYS = {
    "doc_id", "sentence", "evidence", "trigger", "source", "target", "cameo", "cameo_root", "plover",
    "plover_mode", "quad_class", "goldstein", "date", "date_precision", "date_text", "date_basis",
    "location", "negated", "hypothetical", "future", "historical", "confidence",
}  # fmt: skip


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    f = tmp_path / "seed.txt"
    f.write_text(TEXT, encoding="utf-8")
    return f


def test_extract_prints_contract_objects(seed: Path) -> None:
    result = runner.invoke(app, ["extract", str(seed), "--published", "2025-04-30"])
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows, "expected at least one event"
    for row in rows:
        assert set(row) >= CONTRACT_KEYS
        assert row["doc_id"] == "seed"
        t = row["trigger"]
        assert TEXT[t["start"] : t["end"]] == t["text"]
        assert row["quad_class"] in (1, 2, 3, 4)
        assert row["date_basis"] in ("text", "publication")


def test_extract_json_and_tsv_formats(seed: Path) -> None:
    as_json = runner.invoke(app, ["extract", str(seed), "--published", "2025-04-30", "--format", "json"])
    assert as_json.exit_code == 0
    rows = json.loads(as_json.stdout)
    tsv = runner.invoke(app, ["extract", str(seed), "--published", "2025-04-30", "--format", "tsv"])
    lines = tsv.stdout.splitlines()
    assert lines[0].split("\t")[:3] == ["GlobalEventID", "Day", "MonthYear"]
    assert len(lines[0].split("\t")) == 61
    assert len(lines) == len(rows) + 1


def test_missing_file_is_one_line_and_nonzero(tmp_path: Path, seed: Path) -> None:
    result = runner.invoke(
        app, ["extract", str(tmp_path / "nope.txt"), str(seed), "--published", "2025-04-30"]
    )
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "file not found" in result.stderr
    assert result.stdout.strip(), "the good file is still processed"


def test_bad_published_date(seed: Path) -> None:
    result = runner.invoke(app, ["extract", str(seed), "--published", "2025-02-30"])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "detente: --published: [E103] bad date '2025-02-30': expected YYYY-MM-DD or an ISO datetime"
    ]


def test_unreadable_encoding(tmp_path: Path) -> None:
    f = tmp_path / "cp1251.txt"
    f.write_bytes("Тегеран".encode("cp1251"))
    result = runner.invoke(app, ["extract", str(f), "--published", "2025-04-30"])
    assert result.exit_code == 1
    assert "E102" in result.stderr and "Traceback" not in result.stderr


def test_bad_jsonl_line_among_good_ones(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    good = {"id": "g1", "text": TEXT, "published": "2025-04-30"}
    f.write_text(
        json.dumps(good) + "\n{not json\n" + json.dumps({**good, "id": "g2"}) + "\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["extract", str(f)])
    assert result.exit_code == 1
    assert f"{f}:2" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    ids = {json.loads(line)["doc_id"] for line in result.stdout.splitlines()}
    assert ids == {"g1", "g2"}


def test_empty_document_exits_zero(tmp_path: Path) -> None:
    f = tmp_path / "empty.txt"
    f.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(f), "--published", "2025-04-30"])
    assert result.exit_code == 0 and result.stdout == ""


def test_ingest_is_idempotent_and_queryable(tmp_path: Path, seed: Path) -> None:
    db = tmp_path / "s.duckdb"
    first = runner.invoke(app, ["ingest", str(seed), "--db", str(db), "--published", "2025-04-30"])
    assert first.exit_code == 0, first.stderr
    assert "1 new" in first.stderr
    again = runner.invoke(app, ["ingest", str(seed), "--db", str(db), "--published", "2025-04-30"])
    assert "0 new" in again.stderr and "1 already stored" in again.stderr
    events = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"])
    assert events.exit_code == 0
    assert all(json.loads(line)["doc_id"] == "seed" for line in events.stdout.splitlines())
    rel = runner.invoke(
        app, ["relations", "AZE", "IRN", "--db", str(db), "--by", "year", "--format", "jsonl"]
    )
    assert rel.exit_code == 0, rel.stderr


def test_relations_unknown_actor_is_a_clean_error(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["relations", "AZE", "IRN", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "no database" in missing.stderr
    Store(tmp_path / "x.duckdb").close()
    result = runner.invoke(app, ["relations", "Atlantis", "IRN", "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1 and "unknown actor" in result.stderr


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    """The installed entry point, as a user runs it: stdin JSONL, exit code, stderr."""
    proc = subprocess.run(
        [sys.executable, "-c", "from detente.cli import main; main()", "extract", "-"],
        input='{"id": "s", "text": "", "published": "2025-04-30"}\n{"id": 1.5}\n',
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "<stdin>:2" in proc.stderr


def test_relations_plot_and_dyads(tmp_path: Path) -> None:
    from builders import analysis, event

    db = tmp_path / "t.duckdb"
    with Store(db) as store:
        for n, month in enumerate(range(1, 13)):
            hostile = month <= 6
            store.write(
                analysis(
                    f"d{n}",
                    [
                        event(
                            "AZE", "IRN", cameo="161" if hostile else "040", quad=4 if hostile else 1,
                            goldstein=-4.0 if hostile else 4.0, date=f"2024-{month:02d}-15",
                        )
                    ],
                )
            )  # fmt: skip
    svg = tmp_path / "chart.svg"
    result = runner.invoke(app, ["relations", "AZE", "IRN", "--db", str(db), "--plot", str(svg)])
    assert result.exit_code == 0, result.stderr
    assert svg.read_text().lstrip().startswith("<") and "svg" in svg.read_text()[:200]
    assert "thaw" in result.stdout and "index" in result.stdout
    bad = runner.invoke(app, ["relations", "AZE", "IRN", "--db", str(db), "--plot", str(tmp_path / "c.gif")])
    assert bad.exit_code == 1 and "Traceback" not in bad.stderr
    dyads = runner.invoke(app, ["dyads", "--db", str(db), "--by", "month"])
    assert dyads.exit_code == 0, dyads.stderr
    assert "Fastest-changing" in dyads.stdout and "AZE" in dyads.stdout


def test_extract_explain_says_why(tmp_path: Path) -> None:
    f = tmp_path / "why.txt"
    f.write_text("Iran expelled four Azerbaijani diplomats. Relations remained tense.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(f), "--published", "2023-04-12", "--explain", "json"])
    assert result.exit_code == 0, result.stderr
    reasons = [json.loads(line) for line in result.stderr.splitlines()]
    assert any(r["reason"] == "emitted" and r["trigger"]["text"].startswith("expel") for r in reasons)
    assert json.loads(result.stdout.splitlines()[0])["cameo_root"] == "16"
    bad = runner.invoke(app, ["extract", str(f), "--published", "2023-04-12", "--explain", "xml"])
    assert bad.exit_code == 1
