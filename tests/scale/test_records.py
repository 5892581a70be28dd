"""What a Spark task does, without Spark: records to documents, documents to rows."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.config import Config
from detente.model import Document, Rejected
from detente.scale import records, schema
from detente.store.rows import EVENT_COLUMNS


def test_jsonl_line_becomes_a_document_and_a_bad_line_a_rejection() -> None:
    (doc,) = records.documents_from_line(
        "s3a://b/a.jsonl", '{"id": "x", "text": "Hi.", "published": "2024-05-02"}'
    )
    assert isinstance(doc, Document)
    assert (doc.id, doc.published) == ("x", dt.date(2024, 5, 2))
    (bad,) = records.documents_from_line("s3a://b/a.jsonl", "{not json")
    assert isinstance(bad, Rejected)
    assert bad.code == "E104"
    assert bad.doc_id.startswith("s3a://b/a.jsonl")


def test_text_file_is_named_by_its_stem_and_dated_by_option_then_file_time() -> None:
    modified = dt.datetime(2023, 3, 4, 12, 0)
    doc = records.document_from_text_file(
        "hdfs://n/news/story-1.txt", b"Text.", modified=modified, published=None
    )
    assert isinstance(doc, Document)
    assert (doc.id, doc.text, doc.published) == ("story-1", "Text.", dt.date(2023, 3, 4))
    given = records.document_from_text_file(
        "story-1.txt", b"Text.", modified=modified, published=dt.date(2020, 1, 1)
    )
    assert isinstance(given, Document) and given.published == dt.date(2020, 1, 1)
    binary = records.document_from_text_file("b.txt", b"\x00\x01", modified=None, published=None)
    assert isinstance(binary, Rejected) and binary.code == "E102"


def test_newer_keeps_the_later_version_whatever_the_order() -> None:
    old = Document(id="a", text="first", published=dt.date(2024, 1, 1))
    new = Document(id="a", text="second", published=dt.date(2024, 1, 2))
    assert records.newer(old, new) is new
    assert records.newer(new, old) is new
    twin = Document(id="a", text="other", published=dt.date(2024, 1, 2))
    assert records.newer(new, twin) == records.newer(twin, new)


def test_month_partition_names_match_the_export() -> None:
    assert records.month_of(dt.date(2021, 10, 1)) == "2021-10"
    assert records.month_of(None) == "unknown"


def test_non_english_reader_documents_are_unwrapped() -> None:
    doc = Document(id="fr", text="Le texte.")
    carried = Rejected("fr", "ingest", "E132", "not English", {"document": doc, "disposition": "skipped"})
    assert records.unwrap(carried) is doc
    assert records.is_document(carried)
    plain = Rejected("x", "ingest", "E104", "bad")
    assert records.unwrap(plain) is plain and not records.is_document(plain)


def test_column_types_come_from_the_store_schema() -> None:
    types = schema.all_types()
    mention = dict(zip(schema.column_names(records.MENTION), types[records.MENTION], strict=True))
    assert mention["quad_class"] == "TINYINT"
    assert mention["goldstein"] == "DOUBLE"
    assert mention["date_start"] == "DATE"
    assert mention["event_id"] == "VARCHAR"
    assert mention["month"] == "VARCHAR"
    assert schema.column_names(records.MENTION)[: len(EVENT_COLUMNS)] == EVENT_COLUMNS
    assert "ingested_at" not in schema.column_names(records.DOCUMENT)


def test_coerce_turns_values_into_their_column_types() -> None:
    assert schema.coerce(3, "DOUBLE") == 3.0 and isinstance(schema.coerce(3, "DOUBLE"), float)
    assert schema.coerce(True, "INTEGER") == 1
    assert schema.coerce(None, "DOUBLE") is None
    assert schema.coerce(dt.datetime(2024, 1, 2, 3), "DATE") == dt.date(2024, 1, 2)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_partition_rows_match_the_pipeline(pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    config = Config()
    monkeypatch.setitem(records._PIPELINES, config, pipeline)
    text = "Iran's army held military exercises near the border with Azerbaijan on Friday."
    docs = [
        Document(id="d1", text=text, published=dt.date(2021, 10, 1)),
        Document(id="empty", text="   ", published=None),
        Rejected("bad.jsonl:3", "ingest", "E104", "invalid JSON"),
    ]
    out = list(records.analyse_partition(docs, config=config))
    kinds = [k for k, _ in out]
    assert kinds.count(records.DOCUMENT) == 1
    assert kinds.count(records.REJECTED) == 2
    rejected = {row[0]: row for k, row in out if k == records.REJECTED}
    assert rejected["empty"][2] == "E108" and rejected["empty"][4] == "skipped"
    (expected,) = list(pipeline.analyse([docs[0]]))
    mentions = [row for k, row in out if k == records.MENTION]
    assert len(mentions) == len(expected.events)
    for n, row in enumerate(mentions):
        assert row[0] == f"d1#{n}"
        assert row[-2] is None  # event_id: set by the store's clustering
    assert records.pipeline_for(config) is pipeline


def test_keys_group_versions_of_a_document_but_never_rejections() -> None:
    a = Document(id="a", text="one")
    assert records.keyed(a) == ("a", a)
    bad = Rejected("x.jsonl:1", "ingest", "E104", "invalid JSON")
    first, second = records.keyed(bad), records.keyed(bad)
    assert first[0] != second[0] and first[1] is bad
    assert not first[0].startswith("x.jsonl")


def test_tagged_rows_put_each_row_in_its_kind_slot_only() -> None:
    row = ("doc-1", "stage", "E1", "detail", None)
    tagged = schema.tagged_row(records.REJECTED, row)
    assert tagged == (records.REJECTED, None, None, row)
    assert schema.tagged_row(records.DOCUMENT, row)[1:] == (row, None, None)
    assert schema.tagged_row(records.MENTION, row)[1:] == (None, row, None)


def test_tagged_schema_holds_each_output_schema_unchanged() -> None:
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'detente[spark]')")
    types = schema.all_types()
    tagged = schema.tagged_schema(types)
    assert tagged.fieldNames() == ["kind", records.DOCUMENT, records.MENTION, records.REJECTED]
    for kind in (records.DOCUMENT, records.MENTION, records.REJECTED):
        assert tagged[kind].dataType == schema.spark_schema(kind, types[kind])
