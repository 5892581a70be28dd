"""``detente spark``: the same pipeline over a Spark cluster, Parquet out.

    detente spark s3a://bucket/news/ --out s3a://bucket/detente/2024-06 [--master yarn]
    python -m detente.scale.spark INPUT... --out DIR [--master local[2]]

Spark does the reading, the spreading and the writing; detente does the rest,
unchanged: every partition goes through :meth:`detente.pipeline.Pipeline.analyse`
(via :func:`detente.scale.records.analyse_partition`), so a document gets the
same events here as from ``detente extract``.  Input files are read with
Spark's own readers (``text`` for JSONL, ``binaryFile`` for ``.txt`` and WARC),
so any Hadoop filesystem works (local, HDFS, ``s3a://``, ``gs://``) and large
JSONL files split across tasks; each record is then parsed with detente's own
ingest functions.

Output, under ``--out``:

* ``documents/month=YYYY-MM/`` — one row per analysed document (the store's
  ``documents`` columns, less ``ingested_at``), by publication month;
* ``mentions/month=YYYY-MM/`` — one row per extracted event, with exactly the
  columns and types of ``mentions/`` in ``detente export --format parquet``
  (``event_id`` is empty: mentions are not clustered yet), by event month;
* ``rejected/`` — inputs that could not be read or analysed, and why.

Deduplication (many mentions, one event), near-duplicate documents and
relations are the store's: ``detente ingest OUT`` (or ``--db FILE`` here) loads
the output into a DuckDB store, which clusters the mentions with its own code;
``detente export --format parquet`` then writes ``events/`` and ``mentions/``.
We chose this over re-expressing the merge rule in Spark SQL because the rule
is order-independent Python (:mod:`detente.store.dedup`) that the store already
tests; the costly part, the NLP, is what needs the cluster.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from detente.config import Config
from detente.errors import InputError
from detente.scale import records
from detente.scale.schema import all_types, coerce_row, tagged_row, tagged_schema

if TYPE_CHECKING:
    import datetime as dt

    from pyspark import RDD
    from pyspark.sql import DataFrame, SparkSession

log = logging.getLogger(__name__)

JSONL_GLOB = "*.{jsonl,ndjson,jsonl.gz,ndjson.gz}"
TEXT_GLOB = "*.txt"
WARC_GLOB = "*.{warc,warc.gz}"
PARTITIONS_PER_CORE = 4
# JVM flags of a local-mode job (driver and executor are one JVM sharing the machine with the
# Python workers): the JVM only moves bytes between Python and files, so C2's optimising compiler
# and the parallel collector threads cost more CPU than they save, CPU the workers need.
# Measured on a 2-core machine: the JVM's CPU over a 60-article job fell from about 60 to 25 CPU-seconds.
LOCAL_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"


@dataclass(frozen=True, slots=True)
class SparkReport:
    """What the job wrote; ``seconds`` is the wall time of the analysis and writing.

    ``analyse_seconds`` (reading, grouping by id, the pipeline) and ``write_seconds``
    (the three Parquet outputs) split it, because they scale differently: the
    analysis spreads over every core, the writing is mostly the JVM's fixed cost.
    """

    out: str
    documents: int
    mentions: int
    rejected: int
    partitions: int
    seconds: float
    analysed: int = 0  # documents that went through the pipeline, counted in the tasks
    analyse_seconds: float = 0.0
    write_seconds: float = 0.0

    def summary(self) -> str:
        rate = self.documents / self.seconds if self.seconds else 0.0
        return (
            f"{self.documents} documents analysed, {self.mentions} event mentions, "
            f"{self.rejected} rejected, in {self.seconds:.1f} s ({rate:.2f} documents/s, "
            f"{self.partitions} partitions); written to {self.out}"
        )


def require_pyspark() -> None:
    """A clear error instead of an ImportError where the extra is not installed."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise InputError(
            "detente spark needs pyspark: pip install 'detente[spark]' (and Java 17 or newer)", code="E150"
        ) from None


def session(master: str | None = None, *, app_name: str = "detente", conf: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """A SparkSession: the given master, spark-submit's, or ``local[*]`` when run as a plain script.

    In local mode the Python workers are told to use this interpreter, so they
    import the same detente and spaCy model as the driver, and the JVM gets
    :data:`LOCAL_JVM_OPTIONS` (as ``spark.driver.defaultJavaOptions``: a
    ``spark.driver.extraJavaOptions`` in ``conf`` adds to them; giving
    ``spark.driver.defaultJavaOptions`` replaces them).  On a cluster the JVMs
    are spark-submit's and nothing is changed.
    """
    require_pyspark()
    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    chosen = master or SparkConf().get("spark.master", None) or "local[*]"
    builder = builder.master(chosen)
    if chosen.startswith("local"):
        # PySpark starts local workers with $PYSPARK_PYTHON (default: whatever python3 is on PATH),
        # not with spark.pyspark.python, which only spark-submit reads.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = builder.config("spark.ui.enabled", "false")
        builder = builder.config("spark.driver.defaultJavaOptions", LOCAL_JVM_OPTIONS)
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


# -- reading ------------------------------------------------------------------------------------


def _lower(path: str) -> str:
    return path.lower().rstrip("/")


def _reader(spark: SparkSession, glob: str | None, *, recursive: bool) -> Any:
    reader = spark.read
    if recursive:
        reader = reader.option("recursiveFileLookup", "true")
    if glob:
        reader = reader.option("pathGlobFilter", glob)
    return reader


def _jsonl(spark: SparkSession, path: str, *, recursive: bool) -> RDD[Any]:
    frame = _reader(spark, JSONL_GLOB if recursive else None, recursive=recursive).text(path)
    return frame.select("_metadata.file_path", "value").rdd.flatMap(
        lambda r: records.documents_from_line(r[0], r[1])
    )


def _binary(spark: SparkSession, path: str, glob: str | None, *, recursive: bool) -> DataFrame:
    return _reader(spark, glob, recursive=recursive).format("binaryFile").load(path)


def _text_files(spark: SparkSession, path: str, *, recursive: bool, published: dt.date | None) -> RDD[Any]:
    frame = _binary(spark, path, TEXT_GLOB if recursive else None, recursive=recursive)
    return frame.select("path", "modificationTime", "content").rdd.map(
        lambda r: records.document_from_text_file(r[0], bytes(r[2]), modified=r[1], published=published)
    )


def _warcs(spark: SparkSession, path: str, *, recursive: bool) -> RDD[Any]:
    frame = _binary(spark, path, WARC_GLOB if recursive else None, recursive=recursive)
    return frame.select("path", "content").rdd.flatMap(
        lambda r: records.documents_from_warc(r[0], bytes(r[1]))
    )


def _status(spark: SparkSession, path: str) -> str:
    """``missing``, ``dir`` or ``file``, asked of Hadoop's filesystem (local, hdfs://, s3a://, gs://)."""
    jvm = spark.sparkContext._jvm  # type: ignore[attr-defined]
    hadoop_path = jvm.org.apache.hadoop.fs.Path(path)
    fs = hadoop_path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())  # type: ignore[attr-defined]
    if not fs.exists(hadoop_path):
        return "missing"
    return "dir" if fs.getFileStatus(hadoop_path).isDirectory() else "file"


def read_documents(
    spark: SparkSession, inputs: Sequence[str], *, published: dt.date | None = None
) -> RDD[Any]:
    """Documents and rejections of every input: a ``.jsonl``, ``.txt`` or WARC file, or a folder of them."""
    parts: list[RDD[Any]] = []
    for path in inputs:
        status = _status(spark, path)
        if status == "missing":
            raise InputError(f"file not found: {path}", code="E101")
        low = _lower(path)
        if status == "dir":
            parts.append(_jsonl(spark, path, recursive=True))
            parts.append(_text_files(spark, path, recursive=True, published=published))
            parts.append(_warcs(spark, path, recursive=True))
        elif low.endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")):
            parts.append(_jsonl(spark, path, recursive=False))
        elif low.endswith(".txt"):
            parts.append(_text_files(spark, path, recursive=False, published=published))
        elif low.endswith((".warc", ".warc.gz")):
            parts.append(_warcs(spark, path, recursive=False))
        else:
            raise InputError(
                f"unsupported input {path}: detente spark reads .jsonl, .txt, .warc(.gz) or a folder",
                code="E105",
            )
    if not parts:
        raise InputError("empty input: no documents were read", code="E106")
    return spark.sparkContext.union(parts)


# -- the job --------------------------------------------------------------------------------------


def run(
    inputs: Sequence[str],
    *,
    out: str,
    spark: SparkSession | None = None,
    master: str | None = None,
    config: Config | None = None,
    partitions: int | None = None,
    published: dt.date | None = None,
) -> SparkReport:
    """Analyse ``inputs`` on Spark and write documents, mentions and rejections under ``out``.

    Documents are grouped by id on the way to the tasks (one version per id,
    the newest: :func:`detente.scale.records.newer`), which also spreads them
    evenly over ``partitions``.  The analysed rows cross from Python to the JVM
    once, as one DataFrame tagged by kind and cached (memory, then disk); the
    counts and the three outputs are then JVM-only queries over that cache, so
    the pipeline runs once and no row goes back through a Python worker.
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    spark = spark or session(master)
    config = config or Config.build()
    types = all_types()
    started = time.perf_counter()
    # Counts documents entering the pipeline; more than were written would mean a recomputation.
    seen = spark.sparkContext.accumulator(0)
    docs = read_documents(spark, inputs, published=published)
    n = partitions or spark.sparkContext.defaultParallelism * PARTITIONS_PER_CORE
    tagged = (
        docs.map(records.keyed)
        .reduceByKey(records.newer, numPartitions=n)
        .values()
        .mapPartitions(functools.partial(_analyse, config=config, types=types, seen=seen))
    )
    frame = spark.createDataFrame(tagged, schema=tagged_schema(types)).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        counts = {row[0]: int(row[1]) for row in frame.groupBy("kind").count().collect()}
        analysed_at = time.perf_counter()
        base = out.rstrip("/")
        for kind, name in OUTPUTS:
            rows = frame.where(F.col("kind") == kind).select(f"{kind}.*")
            if kind == records.REJECTED:
                rows.coalesce(1).write.mode("overwrite").parquet(f"{base}/{name}")
            else:
                rows.write.mode("overwrite").partitionBy("month").parquet(f"{base}/{name}")
    finally:
        frame.unpersist()
    done = time.perf_counter()
    return SparkReport(
        out=out,
        documents=counts.get(records.DOCUMENT, 0),
        mentions=counts.get(records.MENTION, 0),
        rejected=counts.get(records.REJECTED, 0),
        partitions=n,
        seconds=done - started,
        analysed=int(seen.value),
        analyse_seconds=analysed_at - started,
        write_seconds=done - analysed_at,
    )


OUTPUTS = (
    (records.DOCUMENT, "documents"),
    (records.MENTION, "mentions"),
    (records.REJECTED, "rejected"),
)


def _analyse(
    items: Iterator[Any], *, config: Config, types: Mapping[str, tuple[str, ...]], seen: Any = None
) -> Iterator[tuple[Any, ...]]:
    """The task body: the pipeline over the partition, values coerced to their Parquet column types,
    each row in its kind's slot of :func:`detente.scale.schema.tagged_schema`."""

    def counted() -> Iterator[Any]:
        for item in items:
            if seen is not None and records.is_document(item):
                seen.add(1)
            yield item

    for kind, row in records.analyse_partition(counted(), config=config):
        yield tagged_row(kind, coerce_row(row, types[kind]))


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m detente.scale.spark``: the ``detente spark`` command without the rest of the CLI."""
    # The command table imports detente.scale.cli; importing it first keeps that order (no cycle).
    import detente.cli  # noqa: F401
    from detente.scale.cli import app

    app(args=list(argv) if argv is not None else None, prog_name="python -m detente.scale.spark")


if __name__ == "__main__":
    main()
