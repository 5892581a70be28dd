"""Commands over a store: ingest, events, relations, demo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from detente.cli.common import (
    ActorsOption,
    DbOption,
    ModelOption,
    TableFormat,
    WorkersOption,
    cell,
    emit_json_lines,
    fail,
    guarded,
    ingest_paths,
    make_console,
    open_store,
    option_date,
    print_frame,
    report,
)
from detente.cli.sources import (
    AllowPrivateOption,
    HostIntervalOption,
    SourcesArg,
    TimeoutOption,
    UserAgentOption,
    fetch_config,
)
from detente.cli.timelines import print_relations, print_turning_points


def ingest_cli(
    inputs: SourcesArg,
    db: DbOption = Path("detente.duckdb"),
    published: Annotated[
        str | None, typer.Option(help="Publication date of .txt inputs, YYYY-MM-DD.")
    ] = None,
    model: ModelOption = None,
    actors: ActorsOption = None,
    merge_days: Annotated[
        int | None, typer.Option(help="Merge mentions whose day-precise dates differ by at most this.")
    ] = None,
    merge_km: Annotated[
        float | None, typer.Option(help="Merge mentions placed at most this far apart.")
    ] = None,
    copy_threshold: Annotated[
        float | None, typer.Option(help="MinHash similarity from which a document is a copy of another.")
    ] = None,
    allow_private: AllowPrivateOption = False,
    user_agent: UserAgentOption = None,
    host_interval: HostIntervalOption = 1.0,
    timeout: TimeoutOption = 20.0,
    workers: WorkersOption = None,
) -> None:
    """Analyse documents and store them with their events (re-ingesting adds nothing).

    Inputs mix files, folders, - (stdin) and http(s) URLs: an article URL is one document, a feed URL
    (recognised by its content) one document per item.  The summary accounts for every input
    (read = stored + duplicates + quarantined + skipped) and is kept in the ``ingest_runs`` table.
    The merge thresholds are remembered by the store; giving new ones rebuilds every event with them.
    """
    from dataclasses import replace

    day = option_date(published, "--published")
    dedup = None
    if merge_days is not None or merge_km is not None or copy_threshold is not None:
        with open_store(db) as current:
            base = current.dedup
        dedup = replace(
            base,
            date_tolerance_days=base.date_tolerance_days if merge_days is None else merge_days,
            max_km=base.max_km if merge_km is None else merge_km,
            near_duplicate_threshold=base.near_duplicate_threshold
            if copy_threshold is None
            else copy_threshold,
        )
    from detente.ingest.parquet import ingest_analysed, is_analysed

    analysed = [p for p in inputs if is_analysed(p)]
    if analysed and len(analysed) < len(inputs):
        raise fail("give `detente spark` output folders on their own, not mixed with other inputs")
    with open_store(db, dedup=dedup) as store:
        if analysed:
            # Documents analysed by `detente spark`: loaded without the NLP, deduplicated here.
            results = [guarded(lambda path=path: ingest_analysed(store, path)) for path in analysed]
        else:
            fetching = fetch_config(
                allow_private=allow_private,
                user_agent=user_agent,
                host_interval=host_interval,
                timeout=timeout,
            )
            results = [
                ingest_paths(
                    store,
                    inputs,
                    published=day,
                    model=model,
                    actor_files=actors or (),
                    fetch_config=fetching,
                    workers=workers,
                )
            ]
        for result in results:
            for rejected in result.rejected:
                report(rejected)
            typer.echo(result.summary(), err=True)
    if any(result.rejected for result in results):
        raise typer.Exit(1)


events_app = typer.Typer(
    help="Query stored events (one row per real event); `events show ID` lists its mentions.",
    invoke_without_command=True,
    no_args_is_help=False,
)


def events_cli(
    ctx: typer.Context,
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
    """Query stored events, newest first."""
    from detente.export import with_counts
    from detente.store.rows import row_to_contract

    if ctx.invoked_subcommand is not None:
        ctx.obj = {"db": db}  # `detente events --db X show ID` means the same as `events show ID --db X`
        return
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
        emit_json_lines(with_counts(row_to_contract(r), r) for r in frame.to_dict(orient="records"))
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
            "id",
            "date",
            "source_code",
            "cameo",
            "plover",
            "target_code",
            "location_name",
            "num_mentions",
            "flags",
            "evidence",
        ],
    )


def events_show_cli(
    ctx: typer.Context,
    event_id: Annotated[str, typer.Argument(help="An event id from `detente events`.")],
    db: Annotated[
        Path | None, typer.Option("--db", envvar="DETENTE_DB", help="DuckDB file of the store.")
    ] = None,
    fmt: Annotated[TableFormat, typer.Option("--format")] = TableFormat.table,
) -> None:
    """One event and every mention merged into it: which articles said what, and why they merged."""
    from detente.export import with_counts
    from detente.store.rows import row_to_contract

    db = db or (ctx.obj or {}).get("db") or Path("detente.duckdb")
    with open_store(db, read_only=True) as store:
        event = store.event(event_id)
        if event is None:
            raise fail(f"no event {event_id!r} in {db}")
        mentions = store.mentions(event_id)
        config = store.dedup
    if fmt is TableFormat.jsonl:
        out = with_counts(row_to_contract(event), event)
        out["mentions"] = [
            row_to_contract(m) | {"published": cell(m["published"])} for m in mentions.to_dict("records")
        ]
        emit_json_lines([out])
        return
    console = make_console()
    console.print(
        f"[bold]{event_id}[/bold]  {cell(event['source_code'])} {event['cameo']} ({cell(event['plover'])}) "
        f"{cell(event['target_code'])}  date {cell(event['date'])} ({cell(event['date_precision'])})  "
        f"at {cell(event['location_name']) or '-'}\n"
        f"{event['num_mentions']} mentions in {event['num_articles']} articles "
        f"from {event['num_sources']} sources, "
        f"first seen {cell(event['first_seen'])}, last seen {cell(event['last_seen'])}\n"
        f"merged because: same CAMEO root {event['cameo_root']} and mode, agreeing actors (an unknown side "
        f"agrees), dates within {config.date_tolerance_days} day(s) or containing one another, places in the "
        f"same country within {config.max_km:g} km"
    )
    mentions = mentions.assign(copy_of=mentions["duplicate_of"])
    print_frame(
        mentions,
        fmt,
        title="mentions",
        columns=[
            "doc_id",
            "published",
            "copy_of",
            "source_code",
            "target_code",
            "date",
            "date_text",
            "evidence",
        ],
    )


def export_cli(
    out: Annotated[Path, typer.Argument(help="Output file (gdelt, csv, jsonl) or folder (parquet).")],
    fmt: Annotated[str, typer.Option("--format", help="gdelt, parquet, csv or jsonl.")] = "jsonl",
    db: DbOption = Path("detente.duckdb"),
    pair: Annotated[tuple[str, str] | None, typer.Option(help="Only events between two actors.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="First date, YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last date, YYYY-MM-DD.")] = None,
    facts: Annotated[bool, typer.Option("--facts", help="Only events that happened.")] = False,
) -> None:
    """Export stored events: GDELT 2.0 records, Parquet (events and mentions by month), CSV or JSON lines."""
    from detente.export import export_store

    start, end = option_date(date_from, "--from"), option_date(date_to, "--to")
    with open_store(db, read_only=True) as store:
        flt = guarded(lambda: store.event_filter(pair=pair, start=start, end=end, facts_only=facts))
        where, params = flt.where()
        count = guarded(lambda: export_store(store.con, fmt, out, where=where, params=params))
    typer.echo(f"{count} events written to {out} ({fmt})", err=True)


def demo_cli(
    db: Annotated[Path, typer.Option("--db", help="DuckDB file to create or update.")] = Path(
        "detente-demo.duckdb"
    ),
    model: ModelOption = None,
    serve: Annotated[
        bool, typer.Option("--serve", help="Then serve the API and the dashboard on the demo store.")
    ] = False,
    host: Annotated[str, typer.Option(help="With --serve: interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="With --serve: TCP port.")] = 8000,
) -> None:
    """Ingest the bundled sample corpus and show the busiest pairs and the Azerbaijan–Iran timeline.

    With ``--serve`` the demo ends with the dashboard running on the demo store (Ctrl+C stops it).
    """
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
            "AZE", "IRN", by="month", start=dt.date(2022, 1, 1), end=dt.date(2025, 12, 31)
        )
        print_relations(frame, TableFormat.table, a="AZE", b="IRN", by="month")
        quarters = store.relations(
            "AZE", "IRN", by="quarter", start=dt.date(2021, 1, 1), end=dt.date(2025, 12, 31)
        )
        console.print("[bold]Turning points of the Azerbaijan–Iran index, by quarter, 2021–2025[/bold]")
        print_turning_points(store, quarters, a="AZE", b="IRN", by="quarter")
        console.print(
            f"Try: detente events --db {db} --pair AZE IRN   ·   "
            f"detente relations AZE IRN --db {db} --by quarter"
        )
    if serve:
        serve_demo(db, host=host, port=port)


def serve_demo(db: Path, *, host: str, port: int) -> None:
    """``demo --serve``: the API and dashboard on the demo store, with ``detente serve``'s server code."""
    import os

    from detente.api.cli import run_server, server_url
    from detente.api.settings import ApiSettings

    token = os.environ.get("DETENTE_API_TOKEN") or None
    url = server_url(host, port)
    # Plain echo, not the rich console: a wrapped URL cannot be clicked.
    typer.echo(f"Dashboard: {url}/  (Azerbaijan–Iran: {url}/pair/AZE/IRN; Ctrl+C stops the server)")
    notices = [] if token else ["no $DETENTE_API_TOKEN: submitting documents is off"]
    run_server(
        db,
        host=host,
        port=port,
        settings=ApiSettings(token=token),
        command="detente demo --serve",
        notices=notices,
    )
