"""Commands that analyse documents without storing them: extract, timex, geoparse, eval."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from detente.cli.common import (
    ActorsOption,
    Format,
    InputsArg,
    ModelOption,
    WorkersOption,
    build_pipeline,
    emit_json_lines,
    fail,
    guarded,
    make_console,
    option_date,
    stream,
)
from detente.model import Rejected


def extract_cli(
    inputs: InputsArg,
    published: Annotated[
        str | None, typer.Option(help="Publication date of .txt inputs, YYYY-MM-DD.")
    ] = None,
    fmt: Annotated[
        Format, typer.Option("--format", help="jsonl (default), json or tsv (GDELT 2.0 columns).")
    ] = Format.jsonl,
    model: ModelOption = None,
    actors: ActorsOption = None,
    explain: Annotated[
        str | None,
        typer.Option(
            help="Also say on stderr what happened to every candidate trigger and why: json or text.",
        ),
    ] = None,
    workers: WorkersOption = None,
) -> None:
    """Code the events of the input documents and print them (nothing is stored).

    Output is in input order whatever ``--workers``; ``--explain`` runs in one process.
    """
    from detente.export import GDELT_COLUMNS, gdelt_row

    day = option_date(published, "--published")
    failures: list[Rejected] = []
    if explain not in (None, "json", "text"):
        raise fail("--explain must be json or text")
    procs = 1 if explain else workers  # explaining reads the events stage's resources here
    pipe = guarded(lambda: build_pipeline(model, actor_files=actors or (), workers=procs))
    collected: list[dict[str, Any]] = []
    if fmt is Format.tsv:
        sys.stdout.write("\t".join(GDELT_COLUMNS) + "\n")
    for analysis in stream(inputs, day, pipe, failures):
        if explain:
            explain_to_stderr(analysis, pipe, as_json=explain == "json")
        rows = [e.to_dict() for e in analysis.events]
        if fmt is Format.jsonl:
            emit_json_lines(rows)
        elif fmt is Format.json:
            collected.extend(rows)
        else:
            for n, row in enumerate(rows):
                url = analysis.document.url
                sys.stdout.write("\t".join(gdelt_row(row, event_id=f"{row['doc_id']}#{n}", url=url)) + "\n")
    pipe.close()
    if fmt is Format.json:
        sys.stdout.write(json.dumps(collected, ensure_ascii=False, indent=1) + "\n")
    if failures:
        raise typer.Exit(1)


def timex_cli(
    inputs: InputsArg,
    dct: Annotated[
        str | None, typer.Option(help="Document creation time of .txt inputs, YYYY-MM-DD.")
    ] = None,
    model: ModelOption = None,
) -> None:
    """Print the time expressions of the inputs, normalised to TIMEX3 values."""
    from detente.pipeline import STAGES

    day = option_date(dct, "--dct")
    failures: list[Rejected] = []
    pipe = guarded(lambda: build_pipeline(model, tuple(s for s in STAGES if s.name == "time")))
    for analysis in stream(inputs, day, pipe, failures):
        emit_json_lines(
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


def geoparse_cli(inputs: InputsArg, model: ModelOption = None) -> None:
    """Print the place names of the inputs, resolved to coordinates."""
    from detente.pipeline import STAGES

    failures: list[Rejected] = []
    pipe = guarded(lambda: build_pipeline(model, tuple(s for s in STAGES if s.name == "places")))
    for analysis in stream(inputs, None, pipe, failures):
        emit_json_lines(
            {"doc_id": analysis.document.id, **p.to_dict(), "score": round(p.score, 3)}
            for p in analysis.places
        )
    if failures:
        raise typer.Exit(1)


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

    pipe = guarded(lambda: build_pipeline(model))
    names = list(sets) if sets else list(evaluation.REGISTRY)
    results = guarded(lambda: evaluation.run_evaluation(names, data_dir=data, pipeline=pipe, limit=limit))
    console = make_console()
    for result in results:
        console.print(result)


def explain_to_stderr(analysis: Any, pipe: Any, *, as_json: bool) -> None:
    """Why each candidate trigger did or did not become an event (``extract --explain``)."""
    from detente import events

    for item in events.explain(analysis, config=pipe.config.events, resources=pipe.resources["events"]):
        line = json.dumps(item.to_dict(), ensure_ascii=False) if as_json else item.line()
        sys.stderr.write(line + "\n")
