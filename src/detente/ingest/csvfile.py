"""CSV files with a column mapping: spreadsheets and database exports as documents.

Each row goes through the same validation as a JSONL record
(:func:`detente.ingest.files.document_from_record`), so a CSV row and a JSONL
line with the same values give the same document or the same rejection.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from pathlib import Path

from detente.errors import InputError
from detente.ingest.files import MAX_FILE_BYTES, document_from_record
from detente.model import Document, Rejected

__all__ = ["DEFAULT_MAPPING", "FIELDS", "read_csv"]

FIELDS = ("id", "text", "published", "title", "url", "source")
DEFAULT_MAPPING: Mapping[str, str] = {name: name for name in FIELDS}


def read_csv(
    path: str | Path, *, mapping: Mapping[str, str] = DEFAULT_MAPPING
) -> Iterator[Document | Rejected]:
    """Documents from a CSV with a header row; ``mapping`` is document field -> column name.

    The id and text columns must be in the header (else the whole file is one
    rejection: every row would be wrong the same way); other mapped columns
    that the header lacks are left unset, and empty cells are None.
    A bad row is a ``Rejected`` naming its line; the rest go on.
    """
    path = Path(path)
    where = str(path)
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        yield Rejected(
            where, "ingest", "E104", f"unknown document fields in the mapping: {', '.join(unknown)}"
        )
        return
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield Rejected(
                where, "ingest", "E107", f"{path} is {size} bytes, over the {MAX_FILE_BYTES} limit"
            )
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Rejected(where, "ingest", "E101", f"cannot read {path}: {exc.strerror}")
        return
    if b"\x00" in data[:4096]:
        yield Rejected(where, "ingest", "E102", f"cannot decode {path}: binary data (NUL bytes)")
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        yield Rejected(
            f"{where}:{line}", "ingest", "E102", f"not UTF-8 (invalid byte 0x{data[exc.start]:02x})"
        )
        return
    yield from _rows(text, where=where, mapping=mapping)


def _rows(text: str, *, where: str, mapping: Mapping[str, str]) -> Iterator[Document | Rejected]:
    reader = csv.reader(text.splitlines(keepends=True))
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        yield Rejected(f"{where}:1", "ingest", "E104", f"unreadable CSV header ({exc})")
        return
    columns = {name.strip(): i for i, name in enumerate(header)}
    required = [mapping[f] for f in ("id", "text") if f in mapping]
    missing = [column for column in required if column not in columns]
    if missing or len(required) < 2:
        yield Rejected(f"{where}:1", "ingest", "E104", f"CSV header lacks the id and text columns {missing}")
        return
    # Optional columns absent from the header are left unset, so the default mapping fits any CSV.
    wanted = {field: columns[column] for field, column in mapping.items() if column in columns}
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Rejected(f"{where}:{line}", "ingest", "E104", f"unreadable CSV row ({exc})")
            continue
        if not any(cell.strip() for cell in row):
            continue
        record = {field: _cell(row, i, keep_empty=field in ("id", "text")) for field, i in wanted.items()}
        try:
            yield document_from_record(record)
        except InputError as exc:
            yield Rejected(f"{where}:{line}", "ingest", exc.code, exc.args[0])


def _cell(row: list[str], index: int, *, keep_empty: bool) -> str | None:
    value = row[index] if index < len(row) else None
    return value if value or keep_empty else None
