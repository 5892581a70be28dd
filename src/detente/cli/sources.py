"""Network sources on the command line: fetch options for ``ingest URL|FEED`` and ``detente watch``."""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import Annotated, Any

import typer

from detente.cli.common import ActorsOption, DbOption, ModelOption, build_pipeline, guarded, open_store

SourcesArg = Annotated[
    list[str],
    typer.Argument(
        help="Files (.txt, .jsonl, .csv, .warc.gz), folders, - for JSONL on stdin, "
        "or http(s) URLs of articles or RSS/Atom feeds."
    ),
]
AllowPrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private",
        help="Allow fetching loopback, private and link-local addresses "
        "(for local testing; refused by default).",
    ),
]
UserAgentOption = Annotated[
    str | None,
    typer.Option("--user-agent", help="User-Agent header (default: detente/VERSION with a contact note)."),
]
HostIntervalOption = Annotated[
    float, typer.Option("--host-interval", help="Seconds between two requests to one host (politeness).")
]
TimeoutOption = Annotated[float, typer.Option("--timeout", help="Seconds per network operation.")]


def fetch_config(
    *,
    allow_private: bool = False,
    user_agent: str | None = None,
    host_interval: float = 1.0,
    timeout: float = 20.0,
) -> Any:
    """A FetchConfig from the command-line options (the library defaults otherwise)."""
    from detente.ingest.http import DEFAULT_USER_AGENT, FetchConfig

    return FetchConfig(
        allow_private=allow_private,
        user_agent=user_agent or DEFAULT_USER_AGENT,
        min_interval=max(0.0, host_interval),
        timeout=timeout,
    )


def watch_cli(
    feeds_file: Annotated[
        Path, typer.Argument(help="Text file of feed URLs, one per line; # starts a comment.")
    ],
    every: Annotated[str, typer.Option("--every", help="Time between passes: 30s, 15m, 1h.")] = "15m",
    db: DbOption = Path("detente.duckdb"),
    once: Annotated[bool, typer.Option("--once", help="One pass, then exit (for cron or a test).")] = False,
    model: ModelOption = None,
    actors: ActorsOption = None,
    allow_private: AllowPrivateOption = False,
    user_agent: UserAgentOption = None,
    host_interval: HostIntervalOption = 1.0,
    timeout: TimeoutOption = 20.0,
) -> None:
    """Poll RSS/Atom feeds, fetch each new item once, analyse and store it; repeat until stopped.

    Feed state (ETag, Last-Modified, handled items) lives in the store, so a restart goes on where it
    stopped; a network error is one line on stderr and the next pass tries again.  Each pass prints its
    accounting and adds a row to ``ingest_runs``.
    """
    from detente.ingest.watch import parse_every, read_feed_list, watch, watch_pass

    seconds = guarded(lambda: parse_every(every))
    feeds = guarded(lambda: read_feed_list(feeds_file))
    if not feeds:
        typer.echo(f"detente: {feeds_file} lists no feeds", err=True)
        raise typer.Exit(1)
    config = fetch_config(
        allow_private=allow_private, user_agent=user_agent, host_interval=host_interval, timeout=timeout
    )
    pipe = guarded(lambda: build_pipeline(model, actor_files=actors or ()))

    def show(report: Any) -> None:
        typer.echo(report.summary(), err=True)

    with open_store(db) as store:
        try:
            if once:
                show(watch_pass(feeds, store=store, pipeline=pipe, fetch_config=config))
                return
            stop = threading.Event()
            previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
            typer.echo(f"detente: watching {len(feeds)} feeds every {every}; Ctrl-C to stop", err=True)
            try:
                watch(
                    feeds,
                    store=store,
                    every=seconds,
                    stop=stop,
                    pipeline=pipe,
                    fetch_config=config,
                    on_pass=show,
                )
            finally:
                signal.signal(signal.SIGTERM, previous)
        finally:
            pipe.close()
