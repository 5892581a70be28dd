"""WARC archives (Common Crawl News) to documents: HTML responses only, English only.

Each ``response`` record with an HTML payload becomes a document through the
same extraction as fetched URLs (so ids agree across sources).  Everything
else that could have been a document is accounted for as a ``Rejected`` whose
``extra["disposition"]`` says ``"skipped"`` (by policy: not HTML, not English;
a non-English one carries its document in ``extra["document"]`` for the store to keep)
or ``"quarantined"`` (broken: no text, unreadable record, truncated archive).
Records that are never documents (``warcinfo``, ``request``, ``metadata``) are
passed over silently.

warcio stops quietly at a truncated gzip member, so the archive's gzip framing
is verified separately at the end (a second, decompress-only pass), and a
truncated plain record is caught by its unread Content-Length.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from detente.ingest.http import HTML_TYPES, FetchError
from detente.ingest.language import detect_language
from detente.ingest.web import document_from_html
from detente.model import Document, Rejected

__all__ = ["E130", "E131", "E132", "E133", "E134", "MAX_RECORD_BYTES", "is_warc", "read_warc"]

E130 = "E130"  # archive unreadable or truncated
E131 = "E131"  # response is not HTML (skipped)
E132 = "E132"  # not English (skipped)
E133 = "E133"  # HTML with no extractable text, or a broken record (quarantined)
E134 = "E134"  # record payload over the size cap (skipped)
MAX_RECORD_BYTES = 5 * 1024 * 1024
WARC_SUFFIXES = (".warc", ".warc.gz")


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def read_warc(path: str | Path, *, max_record_bytes: int = MAX_RECORD_BYTES) -> Iterator[Document | Rejected]:
    """Documents of one WARC file; never raises for bad content (an unreadable file is one Rejected)."""
    from warcio.archiveiterator import ArchiveIterator

    path = Path(path)
    where = str(path)
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield _rejected(where, E130, f"cannot read {path}: {exc.strerror}", "quarantined")
        return
    with fh:
        records = iter(ArchiveIterator(fh))
        n = 0
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except Exception as exc:  # warcio on hostile bytes raises anything; report it
                yield _rejected(
                    f"{where}#{n}", E130, f"unreadable WARC after {n} records ({_name(exc)})", "quarantined"
                )
                return
            n += 1
            if record.rec_type != "response":
                continue
            try:
                yield _document(record, where=f"{where}#{n}", max_bytes=max_record_bytes)
            except Exception as exc:  # one broken record must not end the archive
                yield _rejected(f"{where}#{n}", E133, f"broken record ({_name(exc)})", "quarantined")
    if path.name.lower().endswith(".gz"):
        problem = gzip_problem(path)
        if problem is not None:
            yield _rejected(f"{where}#end", E130, f"{path}: {problem}", "quarantined")


def _document(record: Any, *, where: str, max_bytes: int) -> Document | Rejected:
    uri = (record.rec_headers.get_header("WARC-Target-URI") or "").strip()
    label = uri or where
    headers = record.http_headers
    content_type = headers.get_header("Content-Type", "") if headers is not None else ""
    media = content_type.split(";")[0].strip().lower()
    if not uri:
        return _rejected(label, E133, "response record without WARC-Target-URI", "quarantined")
    if media not in HTML_TYPES:
        return _rejected(label, E131, f"not HTML ({media or 'no content type'})", "skipped")
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return _rejected(label, E134, f"payload over {max_bytes} bytes", "skipped")
    if getattr(record.raw_stream, "limit", 0):
        return _rejected(label, E133, "record shorter than its Content-Length (truncated)", "quarantined")
    html = payload.decode(_charset(content_type) or "utf-8", errors="replace")
    try:
        doc = document_from_html(
            html, url=uri, allow_private=True, fallback_date=_warc_date(record), where=label
        )
    except FetchError as exc:
        return _rejected(label, E133, exc.detail, "quarantined")
    language = detect_language(doc.text)
    if language != "en":
        # The document rides along: the store keeps it with its language, unanalysed.
        return Rejected(
            label,
            "ingest",
            E132,
            f"not English ({language})",
            {"disposition": "skipped", "language": language, "url": uri, "document": doc},
        )
    return doc


def gzip_problem(path: Path, *, chunk: int = 1 << 20) -> str | None:
    """Why a (multi-member) gzip file is incomplete or corrupt, or None if it is sound."""
    in_member = False
    try:
        with path.open("rb") as fh:
            decoder = zlib.decompressobj(zlib.MAX_WBITS | 16)
            for data in iter(lambda: fh.read(chunk), b""):
                while data:
                    decoder.decompress(data, chunk)  # bounded output: a gzip bomb costs time, not memory
                    if decoder.eof:  # a member ended; what is left starts the next one
                        data = decoder.unused_data
                        decoder = zlib.decompressobj(zlib.MAX_WBITS | 16)
                        in_member = False
                    else:
                        data = decoder.unconsumed_tail
                        in_member = True
    except zlib.error as exc:
        return f"corrupt gzip data ({exc})"
    except OSError as exc:
        return f"cannot read ({exc.strerror})"
    return "gzip stream truncated (last record incomplete)" if in_member else None


def _rejected(doc_id: str, code: str, detail: str, disposition: str) -> Rejected:
    return Rejected(doc_id, "ingest", code, detail, {"disposition": disposition})


def _name(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {str(exc)[:120]}"


def _charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            name = value.strip().strip("\"'")
            try:
                "".encode(name)
            except LookupError:
                return None
            return name
    return None


def _warc_date(record: Any) -> dt.date | None:
    value = record.rec_headers.get_header("WARC-Date") or ""
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
