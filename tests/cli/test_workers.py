"""``--workers``: two processes print and store what one process does."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from typer.testing import CliRunner

from detente.cli import app
from detente.store import Store

runner = CliRunner()


def _corpus(tmp_path: Path, n: int = 10) -> Path:
    """More documents than one chunk (8), so that the pool really starts."""
    lines = files("detente").joinpath("data/sample/corpus.jsonl").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "ten.jsonl"
    path.write_text("\n".join(lines[:n]) + "\n", encoding="utf-8")
    return path


def test_extract_and_ingest_with_two_workers_equal_one(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    one = runner.invoke(app, ["extract", str(corpus), "--workers", "1"])
    two = runner.invoke(app, ["extract", str(corpus), "--workers", "2"])
    assert one.exit_code == 0 and two.exit_code == 0, two.stderr
    assert one.stdout.strip(), "the sample corpus has events"
    assert two.stdout == one.stdout  # same events, same order

    rows = {}
    for n in ("1", "2"):
        db = tmp_path / f"w{n}.duckdb"
        result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--workers", n])
        assert result.exit_code == 0, result.stderr
        with Store(db, read_only=True) as store:
            rows[n] = store.con.execute(
                "SELECT id, doc_id, cameo, source_code, target_code, date FROM mentions ORDER BY id"
            ).fetchall()
    assert rows["1"] and rows["2"] == rows["1"]


def test_workers_must_not_be_negative(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(_corpus(tmp_path, 1)), "--workers", "-1"])
    assert result.exit_code != 0
