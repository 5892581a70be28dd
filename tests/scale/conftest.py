"""One local[2] Spark session and one job for the Spark tests; skipped without pyspark or Java."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import pytest

# Documents of the sample corpus the job runs on: enough to share events across articles
# (so deduplication has work to do) while keeping the Spark tests within about two minutes.
SAMPLE_DOCS = 8


def _why_no_spark() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install 'detente[spark]')"
    java_home = os.environ.get("JAVA_HOME")
    if shutil.which("java") is None and not (java_home and Path(java_home, "bin", "java").exists()):
        return "Java is not installed: Spark needs Java 17 or newer (java on PATH or JAVA_HOME)"
    return None


@pytest.fixture(scope="session")
def spark() -> Iterator[object]:
    reason = _why_no_spark()
    if reason:
        pytest.skip(reason)
    from detente.scale.spark import session

    spark = session("local[2]", app_name="detente-tests", conf={"spark.sql.shuffle.partitions": "4"})
    spark.sparkContext.setLogLevel("ERROR")
    yield spark
    spark.stop()


@dataclass(frozen=True)
class Job:
    inputs: list[str]
    out: Path
    report: object


def write_inputs(root: Path, *, docs: int = SAMPLE_DOCS) -> list[str]:
    """A slice of the sample corpus, plus a folder with a .txt article and a JSONL file with a bad line."""
    corpus = files("detente").joinpath("data/sample/corpus.jsonl").read_text(encoding="utf-8")
    lines = [line for line in corpus.splitlines() if line.strip()][:docs]
    sample = root / "sample.jsonl"
    sample.write_text("\n".join(lines) + "\n", encoding="utf-8")
    folder = root / "folder"
    folder.mkdir()
    (folder / "wire-note.txt").write_text(
        "Azerbaijan's foreign minister met his Iranian counterpart in Baku on Monday.", encoding="utf-8"
    )
    good = {"id": "folder-doc", "text": "Turkey condemned the attack on Sunday.", "published": "2022-01-10"}
    first = json.loads(lines[0])  # a syndicated copy: the store links it to the original
    copy = {**first, "id": "copy-of-first", "source": "another desk"}
    rows = [json.dumps(good), "{broken json", json.dumps(copy)]
    (folder / "more.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return [str(sample), str(folder)]


@pytest.fixture(scope="session")
def spark_job(spark, tmp_path_factory) -> Job:  # type: ignore[no-untyped-def]
    from detente.config import Config
    from detente.scale.spark import run

    root = tmp_path_factory.mktemp("spark")
    inputs = write_inputs(root)
    out = root / "out"
    report = run(inputs, out=str(out), spark=spark, config=Config())
    return Job(inputs=inputs, out=out, report=report)
