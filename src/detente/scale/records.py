"""What a Spark task does to its records, in plain Python (no pyspark import here).

Spark's readers hand each task raw records: a JSONL line with the file it came
from, or a whole ``.txt``/WARC file as bytes.  This module turns them into
:class:`~detente.model.Document` objects with detente's own ingest functions,
runs :meth:`detente.pipeline.Pipeline.analyse` over the partition, and returns
the rows that are written as Parquet: one per document, one per event mention
(the store's ``mentions`` columns, :data:`detente.store.rows.EVENT_COLUMNS`,
built by :func:`detente.store.rows.event_row`, the function the store itself
uses) and one per rejected input.  Keeping this free of pyspark lets it be
unit-tested without a JVM and makes clear that Spark only moves data around:
the analysis is the single-process one.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from detente.config import Config
from detente.errors import InputError
from detente.ingest.files import MAX_FILE_BYTES, decode, read_jsonl_lines
from detente.model import Analysis, Document, Rejected
from detente.pipeline import Pipeline
from detente.store.rows import DOCUMENT_COLUMNS, EVENT_COLUMNS, content_hash, document_values, event_row

# The document columns the Spark job writes: the store's, less what the store sets when loading.
SPARK_DOCUMENT_COLUMNS: tuple[str, ...] = tuple(c for c in DOCUMENT_COLUMNS if c != "ingested_at")
MENTION_COLUMNS: tuple[str, ...] = (*EVENT_COLUMNS, "event_id")
REJECTED_COLUMNS: tuple[str, ...] = ("doc_id", "stage", "code", "detail", "disposition")
E108 = "E108"  # empty or whitespace-only text: skipped, as the store does

# Record kinds a task emits, tagged so one cached pass feeds three outputs.
DOCUMENT, MENTION, REJECTED = "document", "mention", "rejected"
KINDS = (DOCUMENT, MENTION, REJECTED)  # the three outputs, in the order of their columns

# One Pipeline per worker process and per Config: see pipeline_for.
_PIPELINES: dict[Config, Pipeline] = {}


def pipeline_for(config: Config) -> Pipeline:
    """The pipeline for ``config``, loaded on first use in this process and then reused.

    Why a per-process cache and not a broadcast or a closure: a Spark task gets
    its function pickled, so anything captured in it would be shipped and
    rebuilt for every partition; a spaCy pipeline is hundreds of megabytes and
    is faster to load from the installed package than to unpickle.  PySpark
    reuses its Python worker processes across tasks (``spark.python.worker.reuse``,
    on by default), so a cache in the module makes the model load once per
    worker process, i.e. once per executor core, for the whole job.  It is keyed
    by the (frozen, hashable) :class:`~detente.config.Config` so that two jobs
    with different models sharing a worker never get each other's pipeline;
    nothing else in this package keeps state between calls.
    """
    found = _PIPELINES.get(config)
    if found is None:
        found = _PIPELINES[config] = Pipeline(config)
    return found


def month_of(day: dt.date | None) -> str:
    """The ``month=`` partition of a date, as ``detente export --format parquet`` names it."""
    return day.strftime("%Y-%m") if day else "unknown"


# -- raw records to documents ---------------------------------------------------------------


def documents_from_line(path: str, line: str) -> Iterator[Document | Rejected]:
    """One JSONL line (Spark splits files into lines; line numbers are not kept)."""
    yield from read_jsonl_lines([line], where=path)


def document_from_text_file(
    path: str, data: bytes, *, modified: dt.datetime | None, published: dt.date | None
) -> Document | Rejected:
    """A ``.txt`` file is one article, named by its stem, as in :func:`detente.ingest.read_inputs`."""
    stem = PurePosixPath(path).stem
    if len(data) > MAX_FILE_BYTES:
        return Rejected(
            stem, "ingest", "E107", f"{path} is {len(data)} bytes, over the {MAX_FILE_BYTES} limit"
        )
    try:
        text = decode(data, where=path)
    except InputError as exc:
        return Rejected(stem, "ingest", exc.code, exc.args[0])
    day = published or (modified.date() if modified else None)
    return Document(id=stem, text=text, published=day)


def documents_from_warc(path: str, data: bytes) -> Iterator[Document | Rejected]:
    """The documents of one WARC file, read by :func:`detente.ingest.warc.read_warc`.

    warcio and the archive's gzip check read a local file, so the bytes Spark
    fetched (from HDFS, S3, GCS...) are spooled to a temporary file first;
    rejections name the original path, not the spool file.
    """
    from detente.ingest.warc import read_warc

    name = PurePosixPath(path).name
    with tempfile.TemporaryDirectory(prefix="detente-warc-") as tmp:
        local = Path(tmp) / name
        local.write_bytes(data)
        for item in read_warc(local):
            if isinstance(item, Rejected) and item.doc_id.startswith(str(local)):
                item = Rejected(
                    path + item.doc_id[len(str(local)) :], item.stage, item.code, item.detail, item.extra
                )
            yield item


def is_document(item: Document | Rejected) -> bool:
    return isinstance(unwrap(item), Document)


def keyed(item: Document | Rejected) -> tuple[str, Document | Rejected]:
    """The grouping key: a document's id, so one version per id survives; a rejection its own key.

    Rejections travel with the documents (one read of the input, one shuffle)
    but must never merge, so each gets a unique key that no document id can equal.
    """
    found = unwrap(item)
    if isinstance(found, Document):
        return found.id, found
    return f"\x00rejected:{uuid.uuid4().hex}", found


def newer(a: Document | Rejected, b: Document | Rejected) -> Document | Rejected:
    """Of two versions of one document id, the one kept: the later published, then the larger hash.

    ``detente ingest`` keeps the last version it reads; a cluster has no
    reading order, so the choice must depend on the versions alone.
    """
    if not isinstance(a, Document) or not isinstance(b, Document):  # never: rejections have unique keys
        return a
    key_a = (a.published or dt.date.min, content_hash(a))
    key_b = (b.published or dt.date.min, content_hash(b))
    return a if key_a >= key_b else b


# -- analysis -------------------------------------------------------------------------------


def document_row(doc: Document, *, n_events: int, language: str = "en") -> tuple[Any, ...]:
    values = document_values(doc, digest=content_hash(doc), n_events=n_events, language=language)
    return (*(values[c] for c in SPARK_DOCUMENT_COLUMNS), month_of(doc.published))


def mention_rows(analysis: Analysis) -> Iterator[tuple[Any, ...]]:
    """The store's mention rows (same ids: ``doc_id#n``); ``event_id`` is set when the store clusters."""
    doc_id = analysis.document.id
    for n, event in enumerate(analysis.events):
        row = event_row(event, event_id=f"{doc_id}#{n}")
        start = row[EVENT_COLUMNS.index("date_start")]
        yield (*row, None, month_of(start))


def rejected_row(item: Rejected) -> tuple[Any, ...]:
    extra = item.extra or {}
    return (item.doc_id, item.stage, item.code, item.detail, extra.get("disposition"))


def unwrap(item: Document | Rejected) -> Document | Rejected:
    """A reader's non-English document travels inside its ``Rejected``; the store keeps it, so do we."""
    carried = item.extra.get("document") if isinstance(item, Rejected) and item.extra else None
    return carried if isinstance(carried, Document) else item


def analyse_partition(
    items: Iterable[Document | Rejected], *, config: Config
) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """Analyse a partition's documents; yield ``(kind, row)`` for documents, mentions and rejections.

    The store's gates apply, in its order: empty text is skipped (E108); a text
    that is not English is kept as a document with its language and no events,
    never analysed; the rest goes through the pipeline.
    """
    from detente.ingest.language import detect_language

    aside: list[tuple[str, tuple[Any, ...]]] = []

    def documents() -> Iterator[Document]:
        for raw in items:
            item = unwrap(raw)
            if isinstance(item, Rejected):
                aside.append((REJECTED, rejected_row(item)))
            elif not item.text.strip():
                skipped = Rejected(
                    item.id, "ingest", E108, "empty or whitespace-only text", {"disposition": "skipped"}
                )
                aside.append((REJECTED, rejected_row(skipped)))
            elif (language := detect_language(item.text)) != "en":
                aside.append((DOCUMENT, document_row(item, n_events=0, language=language)))
            else:
                yield item

    pipe = pipeline_for(config)
    for result in pipe.analyse(documents()):
        while aside:
            yield aside.pop()
        if isinstance(result, Rejected):
            yield REJECTED, rejected_row(result)
            continue
        yield DOCUMENT, document_row(result.document, n_events=len(result.events))
        for row in mention_rows(result):
            yield MENTION, row
    yield from aside
