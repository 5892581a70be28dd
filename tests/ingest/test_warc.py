"""WARC reading: HTML responses become documents; the rest is skipped or quarantined, counted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from detente.ingest import read_inputs
from detente.ingest.language import guess_english
from detente.ingest.warc import read_warc
from detente.ingest.web import url_id
from detente.model import Document, Rejected
from ingest.warcs import article_html, write_warc

ENGLISH = (
    "Iran and Azerbaijan held talks in Baku on Monday about the border and the trade routes that run "
    "through the region.\nThe two foreign ministers said they would meet again in Tehran next month, "
    "and that their governments had agreed to reopen a consulate that was closed in the spring."
)
FRENCH = (
    "Le ministre des affaires étrangères a rencontré son homologue lundi à Bakou pour discuter de la "
    "frontière.\nLes deux pays ont convenu de se revoir le mois prochain à Téhéran, selon un communiqué "
    "publié par les deux gouvernements après une longue réunion."
)


def test_html_english_response_becomes_a_document(tmp_path: Path) -> None:
    path = write_warc(
        tmp_path,
        [("https://news.example.org/baku", "text/html; charset=utf-8", article_html("Talks", ENGLISH))],
    )
    (doc,) = read_warc(path)
    assert isinstance(doc, Document)
    assert doc.id == url_id("https://news.example.org/baku") and doc.url == "https://news.example.org/baku"
    assert "held talks in Baku" in doc.text and doc.title == "Talks"
    assert doc.published == dt.date(2025, 4, 28)


def test_non_html_and_non_english_are_skipped_with_reasons(tmp_path: Path) -> None:
    path = write_warc(
        tmp_path,
        [
            ("https://example.org/a.pdf", "application/pdf", b"%PDF-1.4 ..."),
            ("https://example.org/fr", "text/html", article_html("Rencontre", FRENCH)),
            ("https://example.org/en", "text/html", article_html("Talks", ENGLISH)),
            ("https://example.org/empty", "text/html", b"<html><body></body></html>"),
        ],
    )
    items = list(read_warc(path))
    assert [type(i).__name__ for i in items] == ["Rejected", "Rejected", "Document", "Rejected"]
    pdf, french, _, empty = items
    assert isinstance(pdf, Rejected) and pdf.code == "E131" and pdf.extra["disposition"] == "skipped"
    assert isinstance(french, Rejected) and french.code == "E132" and french.extra["language"] == "fr"
    assert isinstance(french.extra["document"], Document) and french.extra["document"].title == "Rencontre"
    assert (
        isinstance(empty, Rejected) and empty.code == "E133" and empty.extra["disposition"] == "quarantined"
    )


def test_truncated_gzip_ends_with_one_rejection(tmp_path: Path) -> None:
    records = [(f"https://example.org/{i}", "text/html", article_html(f"T{i}", ENGLISH)) for i in range(3)]
    path = write_warc(tmp_path, records)
    whole = path.read_bytes()
    for cut in (len(whole) - 10, len(whole) // 2, 30):
        path.write_bytes(whole[:cut])
        items = list(read_warc(path))
        assert isinstance(items[-1], Rejected) and items[-1].code == "E130", cut
        assert all(isinstance(i, Document) for i in items[:-1])


def test_truncated_plain_warc_record_is_quarantined(tmp_path: Path) -> None:
    records = [(f"https://example.org/{i}", "text/html", article_html(f"T{i}", ENGLISH)) for i in range(2)]
    path = write_warc(tmp_path, records, name="news.warc", gzip=False)
    path.write_bytes(path.read_bytes()[:-300])
    items = list(read_warc(path))
    assert isinstance(items[0], Document)
    assert isinstance(items[-1], Rejected) and items[-1].code in ("E130", "E133")


def test_read_inputs_dispatches_warc_files_and_folders(tmp_path: Path) -> None:
    path = write_warc(tmp_path, [("https://example.org/en", "text/html", article_html("Talks", ENGLISH))])
    (doc,) = read_inputs([path])
    assert isinstance(doc, Document)
    (again,) = read_inputs([tmp_path])
    assert again == doc


def test_language_guess_abstains_on_short_texts_and_separates_languages() -> None:
    assert guess_english(ENGLISH).english and guess_english(ENGLISH).share > 0.25
    assert not guess_english(FRENCH).english
    assert not guess_english("Москва и Киев провели переговоры " * 10).english
    assert guess_english("Talks in Baku").english  # too short to judge: kept
