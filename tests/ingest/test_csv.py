"""CSV input with a column mapping, through read_csv and read_inputs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from detente.ingest import read_inputs
from detente.ingest.csvfile import read_csv
from detente.model import Document, Rejected


def test_default_mapping_uses_same_named_columns_and_rejects_bad_rows(tmp_path: Path) -> None:
    f = tmp_path / "news.csv"
    f.write_text(
        "id,text,published,title\n"
        'a,"Iran and Azerbaijan, neighbours, held talks.",2025-04-28,Talks\n'
        "b,Second text.,28/04/2025,\n"
        ",No id.,2025-04-28,\n"
        "\n"
        'c,"Multi\nline",,\n',
        encoding="utf-8",
    )
    items = list(read_inputs([f]))
    assert items[0] == Document(
        id="a",
        text="Iran and Azerbaijan, neighbours, held talks.",
        published=dt.date(2025, 4, 28),
        title="Talks",
    )
    assert isinstance(items[1], Rejected) and items[1].code == "E103" and items[1].doc_id.endswith(":3")
    assert isinstance(items[2], Rejected) and items[2].code == "E104" and items[2].doc_id.endswith(":4")
    assert items[3] == Document(id="c", text="Multi\nline")
    assert len(items) == 4


def test_custom_mapping(tmp_path: Path) -> None:
    f = tmp_path / "export.csv"
    f.write_text("ArticleID;Body;Date;Outlet\n7;Talks resumed.;2024-07-15;Courier\n", encoding="utf-8")
    f.write_text(f.read_text().replace(";", ","), encoding="utf-8")
    mapping = {"id": "ArticleID", "text": "Body", "published": "Date", "source": "Outlet"}
    (doc,) = read_csv(f, mapping=mapping)
    assert doc == Document(id="7", text="Talks resumed.", published=dt.date(2024, 7, 15), source="Courier")


def test_missing_required_columns_reject_the_file_once(tmp_path: Path) -> None:
    f = tmp_path / "x.csv"
    f.write_text("name,body\nx,y\nz,w\n", encoding="utf-8")
    (only,) = read_csv(f)
    assert isinstance(only, Rejected) and only.code == "E104"
    (bad,) = read_csv(f, mapping={"id": "name", "body": "body"})
    assert isinstance(bad, Rejected) and "unknown document fields" in bad.detail


def test_binary_and_non_utf8_csv_are_rejected(tmp_path: Path) -> None:
    f = tmp_path / "bin.csv"
    f.write_bytes(b"id,text\n\x00\x01\x02")
    g = tmp_path / "latin.csv"
    g.write_bytes("id,text\na,Café\n".encode("latin-1"))
    (bin_item,) = read_inputs([f])
    (latin,) = read_inputs([g])
    assert isinstance(bin_item, Rejected) and bin_item.code == "E102"
    assert isinstance(latin, Rejected) and latin.code == "E102" and latin.doc_id.endswith(":2")


def test_oversized_field_is_one_rejected_row_and_the_rest_go_on(tmp_path: Path) -> None:
    f = tmp_path / "big.csv"
    f.write_text(f'id,text\na,"{"x" * 200_000}"\nb,fine\n', encoding="utf-8")
    items = list(read_csv(f))
    assert isinstance(items[0], Rejected) and items[0].code == "E104"
    assert items[-1] == Document(id="b", text="fine")
