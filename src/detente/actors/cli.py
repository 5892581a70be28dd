"""``detente actors``: look up how a name resolves; list names no actor covers.

A thin typer sub-app: it parses options, calls :mod:`detente.actors.tools` and
maps a :class:`~detente.errors.DetenteError` to a one-line message and exit 1.
Register it with ``app.add_typer(actors_cli.app, name="actors")``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Annotated

import typer

from detente.errors import DetenteError

app = typer.Typer(
    name="actors",
    help="Inspect the actor dictionaries: how a name resolves, and which names none covers.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ActorsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--actors", help="Extra actor file (*.v1.yaml, same schema as the packaged ones); repeatable."
    ),
]


def _fail(exc: Exception) -> typer.Exit:
    typer.echo(f"detente: {exc}", err=True)
    return typer.Exit(1)


def _lexicon(extra: list[Path] | None):  # type: ignore[no-untyped-def]
    from detente.actors import ActorsConfig, load

    return load(ActorsConfig(extra_files=tuple(str(p) for p in extra or ())))


def _cell(value: object) -> str:
    return "-" if value is None or value == "" else str(value)


@app.command("lookup")
def lookup_cli(
    name: Annotated[str, typer.Argument(help="A name, demonym, capital, acronym or code (Iran, IRNGOV).")],
    date: Annotated[
        str | None, typer.Option("--date", help="Resolve on this day (YYYY-MM-DD); default: current roles.")
    ] = None,
    actors: ActorsOption = None,
) -> None:
    """Show how NAME resolves: code, country, sector, office, dates, Wikidata id and source file."""
    from rich.console import Console
    from rich.table import Table

    from detente.actors.tools import lookup_rows

    try:
        on = dt.date.fromisoformat(date) if date else None
    except ValueError:
        raise _fail(ValueError(f"--date must be YYYY-MM-DD, got {date!r}")) from None
    try:
        rows = lookup_rows(_lexicon(actors), name, on=on)
    except DetenteError as exc:
        raise _fail(exc) from None
    if not rows:
        typer.echo(f"{name!r} names no actor", err=True)
        raise typer.Exit(1)
    table = Table(title=f"{name}" + (f" on {on}" if on else ""), title_justify="left")
    columns = ("", "name", "code", "country", "sector", "office", "start", "end", "wikidata", "file")
    for col in columns:
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            "*" if r.chosen else "",
            r.name,
            _cell(r.code),
            _cell(r.country),
            _cell(r.sector),
            _cell(r.office),
            _cell(r.start),
            _cell(r.end),
            _cell(r.wikidata),
            _cell(r.origin),
        )
    Console(width=None if os.isatty(1) else 160).print(table)


@app.command("unknown")
def unknown_cli(
    db: Annotated[Path, typer.Option("--db", envvar="DETENTE_DB", help="DuckDB file of the store.")] = Path(
        "detente.duckdb"
    ),
    limit: Annotated[int, typer.Option("--limit", min=1, help="Show the N most frequent names.")] = 50,
    model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline to load.")] = None,
    actors: ActorsOption = None,
) -> None:
    """List PERSON and ORG names in stored documents that resolved to no actor, by frequency."""
    from rich.console import Console
    from rich.table import Table

    from detente import nlp
    from detente.actors.tools import stored_documents, unknown_names
    from detente.config import Config

    if not db.is_file():
        raise _fail(FileNotFoundError(f"no store at {db}"))
    try:
        documents = stored_documents(str(db))  # opens the store now: a busy one fails before spaCy loads
        config = Config.build(model=model)
        names = unknown_names(
            documents,
            lexicon=_lexicon(actors),
            language=nlp.load(config.nlp),
            nlp_config=config.nlp,
            limit=limit,
        )
    except DetenteError as exc:
        raise _fail(exc) from None
    table = Table(title=f"names with no actor in {db}", title_justify="left")
    for col in ("count", "name", "label", "example", "document"):
        table.add_column(col, overflow="fold")
    for n in names:
        table.add_row(str(n.count), n.text, n.label, n.example[:160], n.doc_id)
    Console(width=None if os.isatty(1) else 200).print(table)
