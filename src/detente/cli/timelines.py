"""Commands about relationships over time: relations (with index, turning points, chart) and dyads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from detente.cli.common import (
    By,
    DbOption,
    TableFormat,
    guarded,
    is_missing,
    make_console,
    open_store,
    option_date,
    print_frame,
)

CAPTION = "q1 verbal cooperation · q2 material cooperation · q3 verbal conflict · q4 material conflict"


def relations_cli(
    a: Annotated[str, typer.Argument(help="First actor: IRN, AZEGOV or a name.")],
    b: Annotated[str, typer.Argument(help="Second actor.")],
    db: DbOption = Path("detente.duckdb"),
    by: Annotated[By, typer.Option(help="Period length.")] = By.month,
    date_from: Annotated[str | None, typer.Option("--from", help="First date, YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last date, YYYY-MM-DD.")] = None,
    plot: Annotated[
        Path | None, typer.Option(help="Write the timeline with its turning points to this .svg or .png.")
    ] = None,
    fmt: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
) -> None:
    """The relationship between two actors per period: counts, Goldstein, index, turning points."""
    from detente.timeline import save_chart, turning_points, with_index

    start, end = option_date(date_from, "--from"), option_date(date_to, "--to")
    with open_store(db, read_only=True) as store:
        frame = guarded(lambda: store.relations(a, b, by=by.value, start=start, end=end))
        if plot is not None:
            indexed = with_index(frame)
            guarded(lambda: save_chart(plot, indexed, turning_points(indexed), a=a, b=b))
            typer.echo(f"chart written to {plot}", err=True)
        print_relations(frame, fmt, a=a, b=b, by=by.value)
        if fmt is TableFormat.table:
            print_turning_points(store, frame, a=a, b=b, by=by.value)


def print_relations(frame: Any, fmt: TableFormat, *, a: str, b: str, by: str) -> None:
    from rich.table import Table

    from detente.timeline import sparkline_markup, with_index

    indexed = with_index(frame) if len(frame) else frame
    if fmt is not TableFormat.table:
        print_frame(indexed.drop(columns=["period"]), fmt, title="")
        return
    spark = sparkline_markup(list(indexed["index"]), scale=1.0) if len(indexed) else ""
    table = Table(
        title=f"{a} – {b} by {by}: events that happened, both directions",
        caption=f"index {spark}  (−1 conflict … +1 cooperation)\n{CAPTION}",
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
        "index",
        "trend",
    ):
        table.add_column(col, justify="left" if col in ("period", "trend") else "right")
    for r in indexed.to_dict(orient="records"):
        index = r.get("index")
        bar = ""
        if r["events"] and not is_missing(index):
            width = max(1, round(abs(index) * 10))
            bar = (
                f"[green]{'+' * width}[/green]"
                if index > 0
                else f"[red]{'-' * width}[/red]"
                if index < 0
                else "·"
            )
        table.add_row(
            r["period_label"], str(r["events"]), str(r["ab_events"]), str(r["ba_events"]),
            str(r["q1_verbal_coop"]), str(r["q2_material_coop"]), str(r["q3_verbal_conflict"]),
            str(r["q4_material_conflict"]), f"{r['goldstein_sum']:+.1f}" if r["events"] else "",
            "" if is_missing(index) else f"{index:+.2f}", bar,
        )  # fmt: skip
    make_console().print(table)


def print_turning_points(store: Any, frame: Any, *, a: str, b: str, by: str) -> None:
    """The detected turning points of a relations frame, each with the events that drove it."""
    from detente.timeline import drivers, turning_points, with_index

    console = make_console()
    if not len(frame):
        return
    points = turning_points(with_index(frame))
    if not points:
        console.print(
            f"No turning point in the {a}–{b} index by {by} (too few periods or no significant shift)."
        )
        return
    events = store.events(pair=(a, b), facts_only=True)
    for p in points:
        colour = "red" if p.worsening else "green"
        console.print(
            f"[bold {colour}]{p.direction}[/bold {colour}] at {p.period_label}: index {p.before_mean:+.2f} → "
            f"{p.after_mean:+.2f} ({p.score:.1f} standard errors)"
        )
        top = drivers(p, events, by=by, limit=3)
        for r in top.to_dict(orient="records"):
            day = str(r["date_start"])[:10]
            console.print(
                f"   {day}  {r['source_code']} {r['cameo']} {r['target_code']} "
                f"({r['goldstein']:+.1f}, {int(r['num_mentions'])} mention(s)): {r['evidence'][:90]}"
            )


def dyads_cli(
    db: DbOption = Path("detente.duckdb"),
    date_from: Annotated[str | None, typer.Option("--from", help="First date, YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last date, YYYY-MM-DD.")] = None,
    by: Annotated[By, typer.Option(help="Period length for the index and its change.")] = By.quarter,
    limit: Annotated[int, typer.Option(help="How many pairs.")] = 10,
    recent: Annotated[
        int | None, typer.Option(help="Compare the last N periods with the N before (default: halves).")
    ] = None,
    fmt: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
) -> None:
    """The most active and the fastest-changing country pairs over a period."""
    from detente.timeline import fastest_changing, sparkline_markup, with_index

    start, end = option_date(date_from, "--from"), option_date(date_to, "--to")
    with open_store(db, read_only=True) as store:
        top = store.top_pairs(limit=limit, start=start, end=end)
        pairs = list(zip(top["country_a"], top["country_b"], strict=True))
        frames = {
            p: with_index(f)
            for p, f in store.pair_timelines(pairs, by=by.value, start=start, end=end).items()
        }
    top = top.assign(
        trend=[sparkline_markup(list(frames[p]["index"]), scale=1.0) if p in frames else "" for p in pairs]
    )
    changing = fastest_changing(frames, recent=recent) if frames else top.iloc[0:0]
    if fmt is not TableFormat.table:
        print_frame(top.drop(columns=["trend"]), fmt, title="")
        print_frame(changing, fmt, title="")
        return
    active = ["country_a", "country_b", "events", "cooperation", "conflict", "goldstein_mean", "trend"]
    print_frame(top, fmt, title="Most active pairs (events that happened)", columns=active)
    if len(changing):
        shown = changing.assign(
            index_earlier=changing["index_earlier"].map(lambda v: "" if is_missing(v) else f"{v:+.2f}"),
            index_later=changing["index_later"].map(lambda v: "" if is_missing(v) else f"{v:+.2f}"),
            change=changing["change"].map(lambda v: "" if is_missing(v) else f"{v:+.2f}"),
        )
        columns = [
            "a",
            "b",
            "events_earlier",
            "events_later",
            "index_earlier",
            "index_later",
            "change",
            "direction",
        ]
        print_frame(
            shown,
            fmt,
            title=f"Fastest-changing pairs (index by {by.value}, earlier vs later)",
            columns=columns,
        )
