"""Files, folders and standard input to documents, one bad item at a time."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from detente.errors import E101, E102, E105, InputError
from detente.ingest.dates import parse_published
from detente.model import Document, Rejected

# A single article above this is not news; refuse it rather than exhaust memory.
MAX_FILE_BYTES = 64 * 1024 * 1024
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)
WARC_SUFFIXES = (".warc", ".warc.gz")
OPTIONAL_FIELDS = ("title", "url", "source")


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the user should know that is not an error (e.g. a defaulted date)."""

    where: str
    message: str


NoticeSink = Callable[[Notice], None]


def _ignore(_notice: Notice) -> None:
    return None


def decode(data: bytes, *, where: str) -> str:
    """UTF-8 (with or without BOM) or a clear E102; binary data is refused, not mangled."""
    if b"\x00" in data[:4096]:
        raise InputError(E102.format(path=where, reason="binary data (NUL bytes)"), code="E102")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        reason = f"invalid byte 0x{data[exc.start]:02x} at offset {exc.start}"
        raise InputError(E102.format(path=where, reason=reason), code="E102") from None


def read_inputs(
    paths: Sequence[str | Path],
    *,
    published: dt.date | None = None,
    stdin: IO[str] | None = None,
    on_notice: NoticeSink | None = None,
) -> Iterator[Document | Rejected]:
    """Yield every document of every input, in order; bad items become ``Rejected``."""
    notice = on_notice or _ignore
    for raw in paths:
        if str(raw) == "-":
            if stdin is None:
                yield Rejected("-", "ingest", "E105", "standard input is not available")
                continue
            yield from read_jsonl_lines(stdin, where="<stdin>")
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and (
                    p.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES
                    or p.name.lower().endswith(WARC_SUFFIXES)
                )
            )
            if not files:
                notice(Notice(str(path), "folder holds no .txt, .jsonl, .csv or .warc(.gz) files"))
            for f in files:
                yield from _read_file(f, published=published, notice=notice)
        elif path.exists():
            yield from _read_file(path, published=published, notice=notice)
        else:
            yield Rejected(str(path), "ingest", "E101", E101.format(path=path))


def _read_file(path: Path, *, published: dt.date | None, notice: NoticeSink) -> Iterator[Document | Rejected]:
    suffix = path.suffix.lower()
    # Imported here: these modules build on this one (document_from_record, MAX_FILE_BYTES).
    if path.name.lower().endswith(WARC_SUFFIXES):
        from detente.ingest.warc import read_warc

        yield from read_warc(path)
        return
    if suffix in CSV_SUFFIXES:
        from detente.ingest.csvfile import read_csv

        yield from read_csv(path)
        return
    if suffix in JSONL_SUFFIXES:
        try:
            with path.open("rb") as fh:
                yield from read_jsonl_lines(_decoded_lines(fh, str(path)), where=str(path))
        except InputError as exc:
            yield Rejected(str(path), "ingest", exc.code, exc.args[0])
        except OSError as exc:
            yield Rejected(str(path), "ingest", "E101", f"cannot read {path}: {exc.strerror}")
        return
    if suffix not in TEXT_SUFFIXES:
        yield Rejected(str(path), "ingest", "E105", E105.format(path=path))
        return
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield Rejected(
                path.stem, "ingest", "E107", f"{path} is {size} bytes, over the {MAX_FILE_BYTES} limit"
            )
            return
        text = decode(path.read_bytes(), where=str(path))
    except InputError as exc:
        yield Rejected(path.stem, "ingest", exc.code, exc.args[0])
        return
    except OSError as exc:
        yield Rejected(path.stem, "ingest", "E101", f"cannot read {path}: {exc.strerror}")
        return
    day = published
    if day is None:
        day = dt.date.fromtimestamp(path.stat().st_mtime)
        notice(Notice(str(path), f"no --published date: using the file's modification date {day}"))
    yield Document(id=path.stem, text=text, published=day)


def _decoded_lines(fh: IO[bytes], where: str) -> Iterator[str | InputError]:
    """Decode line by line so one undecodable line loses one document, not the file."""
    for n, raw in enumerate(fh, start=1):
        if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield InputError(f"not UTF-8 (invalid byte at column {exc.start})", code="E102")


def read_jsonl_lines(lines: Iterable[str | InputError], *, where: str) -> Iterator[Document | Rejected]:
    """Documents from JSONL lines; a bad line is a ``Rejected`` naming its line number."""
    for n, line in enumerate(lines, start=1):
        if isinstance(line, InputError):
            yield Rejected(f"{where}:{n}", "ingest", line.code, line.args[0])
            continue
        if not line.strip():
            continue
        try:
            yield document_from_record(json.loads(line))
        except json.JSONDecodeError as exc:
            yield Rejected(f"{where}:{n}", "ingest", "E104", f"invalid JSON ({exc.msg})")
        except InputError as exc:
            yield Rejected(f"{where}:{n}", "ingest", exc.code, exc.args[0])


def document_from_record(record: Any) -> Document:
    """Validate one JSONL object against the input contract."""
    if not isinstance(record, dict):
        raise InputError("expected a JSON object", code="E104")
    doc_id = record.get("id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise InputError('missing or empty "id" (a string)', code="E104")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError('missing "text" (a string)', code="E104")
    extras: dict[str, str | None] = {}
    for name in OPTIONAL_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(f'"{name}" must be a string or null', code="E104")
        extras[name] = value
    published = record.get("published")
    if published is not None and not isinstance(published, str):
        raise InputError('"published" must be "YYYY-MM-DD", an ISO datetime or null', code="E103")
    return Document(
        id=doc_id.strip(),
        text=text,
        published=parse_published(published),
        title=extras["title"],
        url=extras["url"],
        source=extras["source"],
    )
