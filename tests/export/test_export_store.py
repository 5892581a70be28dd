"""`detente export`: GDELT 2.0 records, Parquet partitions, CSV and JSON lines."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from builders import analysis, event
from detente.cli import app
from detente.errors import InputError
from detente.export import GDELT_COLUMNS, export_store
from detente.store import Store

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "x.duckdb"
    with Store(path) as store:
        store.write(
            analysis(
                "a",
                [
                    event(
                        "AZE", "IRN", cameo="161", quad=4, goldstein=-4.0, date="2023-04-06", location="Baku"
                    )
                ],
                published=dt.date(2023, 4, 6),
            )
        )
        store.write(analysis("b", [event("IRN", "AZE", cameo="040", date="2025-04-28")]))
        store.write(analysis("c", [event("RUS", "UKR", cameo="190", quad=4, date=None, precision=None)]))
    return path


def test_gdelt_export_has_61_typed_columns(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    with Store(db) as store:
        assert export_store(store.con, "gdelt", out) == 3
    rows = list(csv.reader(out.open(encoding="utf-8"), delimiter="\t"))
    assert len(rows) == 3 and all(len(r) == len(GDELT_COLUMNS) == 61 for r in rows)
    first = dict(zip(GDELT_COLUMNS, rows[0], strict=True))
    assert (first["Day"], first["MonthYear"], first["Year"]) == ("20230406", "202304", "2023")
    assert (first["EventCode"], first["EventBaseCode"], first["EventRootCode"]) == ("161", "161", "16")
    assert (first["QuadClass"], float(first["GoldsteinScale"])) == ("4", -4.0)
    assert first["Actor1CountryCode"] == "AZE" and first["Actor2CountryCode"] == "IRN"
    assert int(first["NumMentions"]) >= 1 and len(first["DATEADDED"]) == 14
    undated = dict(zip(GDELT_COLUMNS, rows[-1], strict=True))
    assert undated["Day"] == "" and undated["EventRootCode"] == "19"


def test_gdelt_geography_uses_fips(tmp_path: Path) -> None:
    from detente.model import Place, PlaceMention

    path = tmp_path / "g.duckdb"
    ev = event("AZE", "IRN", cameo="040", date="2025-04-28")
    from dataclasses import replace

    ev = replace(
        ev, location=PlaceMention("Baku", 0, 4, 0, Place("Baku", "AZE", 40.38, 49.89, 587084, "city"), 0.9)
    )
    with Store(path) as store:
        store.write(analysis("g", [ev]))
        export_store(store.con, "gdelt", tmp_path / "g.tsv")
    row = dict(zip(GDELT_COLUMNS, (tmp_path / "g.tsv").read_text().rstrip("\n").split("\t"), strict=True))
    assert (row["ActionGeo_CountryCode"], row["ActionGeo_FeatureID"]) == ("AJ", "587084")
    assert row["ActionGeo_FullName"] == "Baku" and float(row["ActionGeo_Lat"]) == 40.38


def test_parquet_export_partitions_events_and_mentions_by_month(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "pq"
    with Store(db) as store:
        export_store(store.con, "parquet", out)
    months = sorted(p.name for p in (out / "events").iterdir())
    assert months == ["month=2023-04", "month=2025-04", "month=unknown"]
    con = duckdb.connect()
    events = con.execute(f"SELECT id, num_mentions FROM read_parquet('{out}/events/*/*.parquet')").fetchall()
    mentions = con.execute(f"SELECT event_id FROM read_parquet('{out}/mentions/*/*.parquet')").fetchall()
    assert len(events) == 3 and {m[0] for m in mentions} == {e[0] for e in events}


def test_csv_jsonl_and_cli(db: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", str(tmp_path / "e.jsonl"), "--format", "jsonl", "--db", str(db),
                                 "--pair", "AZE", "IRN", "--facts"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert len(rows) == 2 and all(r["num_mentions"] == 1 for r in rows)
    assert (
        runner.invoke(app, ["export", str(tmp_path / "e.csv"), "--format", "csv", "--db", str(db)]).exit_code
        == 0
    )
    assert len((tmp_path / "e.csv").read_text().splitlines()) == 4
    bad = runner.invoke(app, ["export", str(tmp_path / "e.x"), "--format", "xml", "--db", str(db)])
    assert bad.exit_code == 1 and "unknown export format" in bad.stderr
    with Store(db) as store, pytest.raises(InputError):
        export_store(store.con, "xml", tmp_path / "x")
