"""The ``detente spark`` command (also ``python -m detente.scale.spark``): options in, one job out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from detente.cli.common import ActorsOption, ModelOption, fail, guarded, option_date
from detente.errors import DetenteError


def spark_cli(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Files (.jsonl, .txt, .warc(.gz)) or folders: local, hdfs://, s3a://, gs://."),
    ],
    out: Annotated[str, typer.Option("--out", help="Output folder (any Hadoop path); overwritten.")],
    master: Annotated[
        str | None,
        typer.Option(help="Spark master, e.g. local[2] (default: spark-submit's, else local[*])."),
    ] = None,
    model: ModelOption = None,
    actors: ActorsOption = None,
    partitions: Annotated[
        int | None, typer.Option(help="Partitions to analyse (default: 4 per core of the cluster).")
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date of .txt inputs, YYYY-MM-DD (default: file time).")
    ] = None,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db", help="Then load the output into this DuckDB store: deduplicated events, relations."
        ),
    ] = None,
) -> None:
    """Run the pipeline on Apache Spark; write documents and event mentions as Parquet by month.

    Needs the `spark` extra of detente (pyspark) and Java 17+.  Load the output into a store with
    `detente ingest OUT` (or --db) for deduplicated events, relations and `detente export`.
    """
    from detente.config import Config
    from detente.scale.spark import run

    day = option_date(published, "--published")
    config = Config.build(model=model, actor_files=tuple(str(p) for p in actors or ()))
    report = guarded(
        lambda: run(inputs, out=out, master=master, config=config, partitions=partitions, published=day)
    )
    typer.echo(f"detente spark: {report.summary()}", err=True)
    if db is not None:
        from detente.ingest.parquet import ingest_analysed
        from detente.store import Store

        if "://" in out and not out.startswith("file://"):
            raise fail(f"--db needs a local --out folder; copy {out} locally and run detente ingest on it")
        try:
            with Store(db) as store:
                loaded = ingest_analysed(store, out.removeprefix("file://"))
        except DetenteError as exc:
            raise fail(str(exc)) from None
        typer.echo(f"detente spark: {db}: {loaded.summary()}", err=True)
    if report.rejected:
        typer.echo(f"detente spark: see {out.rstrip('/')}/rejected/ for the rejected inputs", err=True)


app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
app.command()(spark_cli)
