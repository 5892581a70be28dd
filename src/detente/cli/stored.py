"""Commands over a store: ingest, events, relations, demo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from detente.cli.common import (
    By,
    DbOption,
    InputsArg,
    ModelOption,
    TableFormat,
    emit_json_lines,
    guarded,
    ingest_paths,
    is_missing,
    make_console,
    open_store,
    option_date,
    print_frame,
    report,
)


def ingest_cli(
    inputs: InputsArg,
    db: DbOption = Path("detente.duckdb"),
    published: Annotated[
        str | None, typer.Option(help="Publication date of .txt inputs, YYYY-MM-DD.")
    ] = None,
    model: ModelOption = None,
) -> None:
    """Analyse documents and store them with their events (re-ingesting adds nothing)."""
    day = option_date(published, "--published")
    with open_store(db) as store:
        result = ingest_paths(store, inputs, published=day, model=model)
        for rejected in result.rejected:
            report(rejected)
        typer.echo(result.summary(), err=True)
    if result.rejected:
        raise typer.Exit(1)


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

    start, end = option_date(date_from, "--from"), option_date(date_to, "--to")
    with open_store(db, read_only=True) as store:
        frame = guarded(
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
        emit_json_lines(row_to_contract(r) for r in frame.to_dict(orient="records"))
        return
    frame = frame.assign(
        flags=[
            ",".join(f for f in ("negated", "hypothetical", "future", "historical") if r[f])
            for r in frame.to_dict(orient="records")
        ]
    )
    print_frame(
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
    start, end = option_date(date_from, "--from"), option_date(date_to, "--to")
    with open_store(db, read_only=True) as store:
        frame = guarded(lambda: store.relations(a, b, by=by.value, start=start, end=end))
    print_relations(frame, fmt, a=a, b=b, by=by.value)


def print_relations(frame: Any, fmt: TableFormat, *, a: str, b: str, by: str) -> None:
    if fmt is not TableFormat.table:
        print_frame(frame.drop(columns=["period"]), fmt, title="")
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
            "" if is_missing(mean) else f"{mean:+.1f}",
            bar,
        )
    make_console().print(table)


def demo_cli(
    db: Annotated[Path, typer.Option("--db", help="DuckDB file to create or update.")] = Path(
        "detente-demo.duckdb"
    ),
    model: ModelOption = None,
) -> None:
    """Ingest the bundled sample corpus and show the busiest pairs and the Azerbaijan–Iran timeline."""
    from importlib.resources import as_file, files

    console = make_console()
    resource = files("detente").joinpath("data/sample/corpus.jsonl")
    with as_file(resource) as corpus, open_store(db) as store:
        console.print(f"[bold]detente demo[/bold]: ingesting the bundled sample corpus into {db}")
        result = ingest_paths(store, [str(corpus)], published=None, model=model)
        console.print(result.summary())
        for rejected in result.rejected:
            report(rejected)
        print_frame(
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
