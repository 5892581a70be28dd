"""The Spark job (local[2]) against the single-process pipeline and store on the same inputs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from detente.export import export_store
from detente.ingest.parquet import ingest_analysed, is_analysed
from detente.scale import records
from detente.store import Store
from detente.store.rows import DOCUMENT_COLUMNS, EVENT_COLUMNS


def _parquet(folder: Path) -> str:
    return f"read_parquet('{folder}/**/*.parquet', hive_partitioning = true)"


def _rows(con: Any, sql: str) -> list[tuple[Any, ...]]:
    return con.execute(sql).fetchall()


@pytest.fixture(scope="module")
def single(spark_job, pipeline, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The same inputs ingested by the single-process store."""
    store = Store(tmp_path_factory.mktemp("single") / "single.duckdb")
    report = store.ingest(spark_job.inputs, pipeline=pipeline)
    yield store, report
    store.close()


@pytest.fixture(scope="module")
def loaded(spark_job, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The Spark output loaded into a fresh store with ``ingest_analysed``."""
    store = Store(tmp_path_factory.mktemp("loaded") / "loaded.duckdb")
    report = ingest_analysed(store, spark_job.out)
    yield store, report
    store.close()


def test_job_writes_documents_mentions_and_rejections_by_month(spark_job) -> None:  # type: ignore[no-untyped-def]
    out = spark_job.out
    assert is_analysed(out)
    assert any(p.name.startswith("month=") for p in (out / "mentions").iterdir())
    assert any(p.name.startswith("month=") for p in (out / "documents").iterdir())
    report = spark_job.report
    assert report.documents == 11  # 8 sample articles, the .txt, the good JSONL line and the copy
    assert report.mentions > 0
    assert report.rejected == 1
    assert report.analysed == report.documents  # each document analysed once: the outputs share one pass
    con = duckdb.connect()
    (bad,) = _rows(con, f"SELECT doc_id, code FROM read_parquet('{out}/rejected/*.parquet')")
    assert bad[1] == "E104" and "more.jsonl" in bad[0]
    month = "coalesce(strftime(date_start, '%Y-%m'), 'unknown')"
    months = _rows(con, f"SELECT DISTINCT month = {month} FROM {_parquet(out / 'mentions')}")
    assert months == [(True,)]


def test_mentions_equal_the_single_process_ones(spark_job, single) -> None:  # type: ignore[no-untyped-def]
    store, _ = single
    cols = ", ".join(EVENT_COLUMNS)
    con = duckdb.connect()
    from_spark = _rows(con, f"SELECT {cols} FROM {_parquet(spark_job.out / 'mentions')} ORDER BY id")
    from_store = _rows(store.con, f"SELECT {cols} FROM mentions ORDER BY id")
    assert len(from_spark) == spark_job.report.mentions
    assert from_spark == from_store


def test_documents_equal_the_single_process_ones(spark_job, single) -> None:  # type: ignore[no-untyped-def]
    store, _ = single
    cols = ", ".join(c for c in DOCUMENT_COLUMNS if c != "ingested_at")
    con = duckdb.connect()
    from_spark = _rows(con, f"SELECT {cols} FROM {_parquet(spark_job.out / 'documents')} ORDER BY id")
    assert from_spark == _rows(store.con, f"SELECT {cols} FROM documents ORDER BY id")


def test_loaded_events_equal_the_single_process_events(single, loaded) -> None:  # type: ignore[no-untyped-def]
    one, one_report = single
    two, two_report = loaded
    assert (two_report.stored, two_report.events) == (one_report.stored, one_report.events)
    for sql in (
        "SELECT * FROM events ORDER BY id",
        "SELECT id, event_id FROM mentions ORDER BY id",
        "SELECT id, duplicate_of FROM documents ORDER BY id",
    ):
        expected = _rows(one.con, sql)
        assert expected, sql
        assert _rows(two.con, sql) == expected, sql


def test_copies_are_linked_as_in_the_single_process_store(single, loaded) -> None:  # type: ignore[no-untyped-def]
    one, _ = single
    two, _ = loaded
    sql = "SELECT id, duplicate_of FROM documents WHERE duplicate_of IS NOT NULL ORDER BY id"
    assert _rows(one.con, sql) == _rows(two.con, sql)
    assert [r[0] for r in _rows(two.con, sql)] == ["copy-of-first"]


def test_output_has_the_schema_of_the_parquet_export(spark_job, single, tmp_path) -> None:  # type: ignore[no-untyped-def]
    store, _ = single
    export_store(store.con, "parquet", tmp_path)
    con = duckdb.connect()
    exported = _rows(con, f"DESCRIBE SELECT * FROM {_parquet(tmp_path / 'mentions')}")
    written = _rows(con, f"DESCRIBE SELECT * FROM {_parquet(spark_job.out / 'mentions')}")
    assert [(r[0], r[1]) for r in written] == [(r[0], r[1]) for r in exported]


def test_loading_again_changes_nothing(spark_job, loaded) -> None:  # type: ignore[no-untyped-def]
    store, _ = loaded
    before = _rows(store.con, "SELECT * FROM events ORDER BY id")
    again = ingest_analysed(store, spark_job.out)
    assert again.unchanged == again.read and again.stored == 0
    assert _rows(store.con, "SELECT * FROM events ORDER BY id") == before


def test_report_splits_the_job_into_analysis_and_writing(spark_job) -> None:  # type: ignore[no-untyped-def]
    report = spark_job.report
    assert report.analyse_seconds > 0 and report.write_seconds > 0
    assert report.analyse_seconds + report.write_seconds == pytest.approx(report.seconds)


def test_local_sessions_get_the_lean_jvm_options(spark) -> None:  # type: ignore[no-untyped-def]
    from detente.scale.spark import LOCAL_JVM_OPTIONS

    assert spark.sparkContext.getConf().get("spark.driver.defaultJavaOptions") == LOCAL_JVM_OPTIONS


def test_pipeline_is_cached_per_worker_process(spark) -> None:  # type: ignore[no-untyped-def]
    """After the job, each Python worker holds at most one pipeline per config (loaded once)."""
    sizes = (
        spark.sparkContext.parallelize(range(8), 4)
        .mapPartitions(lambda _: iter([len(records._PIPELINES)]))
        .collect()
    )
    assert max(sizes) <= 1


def test_missing_and_unsupported_inputs_are_refused(spark, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from detente.errors import InputError
    from detente.scale.spark import read_documents

    with pytest.raises(InputError) as missing:
        read_documents(spark, [str(tmp_path / "nope.jsonl")])
    assert missing.value.code == "E101"
    table = tmp_path / "news.csv"
    table.write_text("id,text\n1,Hello\n", encoding="utf-8")
    with pytest.raises(InputError) as unsupported:
        read_documents(spark, [str(table)])
    assert unsupported.value.code == "E105"


def test_detente_ingest_loads_a_spark_output_folder(spark_job, single, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from detente.cli import app

    db = tmp_path / "cli.duckdb"
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(spark_job.out), "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    one, _ = single
    sql = "SELECT * FROM events ORDER BY id"
    with Store(db) as two:
        assert _rows(two.con, sql) == _rows(one.con, sql)
    mixed = runner.invoke(app, ["ingest", str(spark_job.out), spark_job.inputs[0], "--db", str(db)])
    assert mixed.exit_code != 0 and "on their own" in mixed.stderr
