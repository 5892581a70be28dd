"""Reading files, folders and JSONL: bad items are reported, good ones go on."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from detente.errors import InputError
from detente.ingest import parse_published, read_inputs
from detente.model import Document, Rejected


def test_txt_uses_given_date_and_stem_as_id(tmp_path: Path) -> None:
    f = tmp_path / "seed.txt"
    f.write_text("Iran and Azerbaijan held talks.", encoding="utf-8")
    (doc,) = read_inputs([f], published=dt.date(2025, 4, 30))
    assert doc == Document(id="seed", text="Iran and Azerbaijan held talks.", published=dt.date(2025, 4, 30))


def test_txt_without_date_defaults_to_mtime_with_notice(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("text", encoding="utf-8")
    notices = []
    (doc,) = read_inputs([f], on_notice=notices.append)
    assert isinstance(doc, Document) and doc.published is not None
    assert notices and "modification date" in notices[0].message


def test_bad_jsonl_line_is_rejected_with_line_number_and_others_go_on(tmp_path: Path) -> None:
    f = tmp_path / "docs.jsonl"
    f.write_text(
        '{"id": "a", "text": "one", "published": "2024-07-15"}\n'
        "{broken\n"
        '{"id": "c", "text": "three", "published": "2024-07-15T10:00:00Z"}\n'
        '{"id": "d", "text": "four", "published": "15/07/2024"}\n'
        '{"text": "no id"}\n',
        encoding="utf-8",
    )
    items = list(read_inputs([f]))
    docs = [i for i in items if isinstance(i, Document)]
    bad = [i for i in items if isinstance(i, Rejected)]
    assert [d.id for d in docs] == ["a", "c"]
    assert docs[1].published == dt.date(2024, 7, 15)
    assert [b.doc_id for b in bad] == [f"{f}:2", f"{f}:4", f"{f}:5"]
    assert bad[1].code == "E103"


def test_invalid_utf8_file_is_rejected(tmp_path: Path) -> None:
    f = tmp_path / "latin.txt"
    f.write_bytes("Bak\xfb".encode("latin-1") + b"\xff\xfe")
    (item,) = read_inputs([f], published=dt.date(2025, 1, 1))
    assert isinstance(item, Rejected) and item.code == "E102"


def test_binary_file_is_rejected(tmp_path: Path) -> None:
    f = tmp_path / "blob.txt"
    f.write_bytes(b"\x00\x01\x02" * 10)
    (item,) = read_inputs([f], published=dt.date(2025, 1, 1))
    assert isinstance(item, Rejected) and "binary" in item.detail


def test_undecodable_jsonl_line_loses_only_that_line(tmp_path: Path) -> None:
    f = tmp_path / "mixed.jsonl"
    f.write_bytes(b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "\xff"}\n{"id": "c", "text": "ok"}\n')
    items = list(read_inputs([f]))
    assert [type(i).__name__ for i in items] == ["Document", "Rejected", "Document"]


def test_missing_file_and_folder_walk(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("b", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text('{"id": "x", "text": "x"}\n', encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    items = list(read_inputs([tmp_path, tmp_path / "missing.txt"], published=dt.date(2025, 1, 1)))
    assert [getattr(i, "id", None) or i.doc_id for i in items] == ["x", "b", str(tmp_path / "missing.txt")]
    assert isinstance(items[-1], Rejected) and items[-1].code == "E101"


def test_stdin_jsonl() -> None:
    stdin = io.StringIO('{"id": "s", "text": "t", "published": null}\n')
    (doc,) = read_inputs(["-"], stdin=stdin)
    assert doc == Document(id="s", text="t", published=None)


@pytest.mark.parametrize("value", ["2025-02-30", "yesterday", "0001-01-01", "3025-01-01", "2025/04/28"])
def test_bad_published_dates(value: str) -> None:
    with pytest.raises(InputError) as info:
        parse_published(value)
    assert info.value.code == "E103"


def test_good_published_dates() -> None:
    assert parse_published("2025-04-28") == dt.date(2025, 4, 28)
    assert parse_published("2025-04-28T23:30:00+04:00") == dt.date(2025, 4, 28)
    assert parse_published(None) is None
