"""``detente serve``: run the API with uvicorn on the store it will own while it runs."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from detente.errors import DetenteError

if TYPE_CHECKING:
    from detente.api.settings import ApiSettings, WatchSpec

app = typer.Typer(help="Serve the store over HTTP.", no_args_is_help=True)


@app.command("serve")
def serve_cli(
    db: Annotated[Path, typer.Option("--db", envvar="DETENTE_DB", help="DuckDB file of the store.")] = Path(
        "detente.duckdb"
    ),
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    token_env: Annotated[
        str, typer.Option(help="Environment variable holding the bearer token for writes.")
    ] = "DETENTE_API_TOKEN",
    read_token: Annotated[bool, typer.Option(help="Require the token for reads too.")] = False,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option("--cors-origin", help="Allow browser calls from this origin; repeatable."),
    ] = None,
    watch: Annotated[
        Path | None,
        typer.Option(
            "--watch",
            help="Also watch these feeds (one RSS/Atom URL a line) and store their new articles.",
        ),
    ] = None,
    every: Annotated[str, typer.Option(help="Time between watch passes: 30s, 15m, 1h.")] = "15m",
) -> None:
    """Serve the store's events, relations and documents as a REST API (OpenAPI at /api/v1/docs)."""
    from detente.api import ApiSettings, WatchSpec

    token = os.environ.get(token_env) or None
    settings = ApiSettings(token=token, read_open=not read_token, cors_origins=tuple(cors_origin or ()))
    spec = None
    if watch is not None:
        from detente.ingest.watch import parse_every, read_feed_list

        try:
            spec = WatchSpec(tuple(read_feed_list(watch)), every=parse_every(every), on_pass=_print_pass)
        except DetenteError as exc:
            typer.echo(f"detente: {exc}", err=True)
            raise typer.Exit(1) from None
    notices = [] if token else [f"no ${token_env}: the API is read-only"]
    run_server(db, host=host, port=port, settings=settings, watch=spec, notices=notices)


def run_server(
    db: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    settings: ApiSettings | None = None,
    watch: WatchSpec | None = None,
    command: str = "detente serve",
    notices: Sequence[str] = (),
) -> None:
    """Open the store, say so in its sidecar file, and serve until interrupted (``serve``, ``demo --serve``).

    The sidecar (``<db>.owner.json``, see :mod:`detente.store.owner`) lets another
    process that finds the file locked tell its user where the server is; it is
    written only once this process holds the store, and removed on the way out.
    """
    import uvicorn

    from detente.api import create_app
    from detente.store import owner

    try:
        api = create_app(db, settings=settings, watch=watch)
    except DetenteError as exc:
        typer.echo(f"detente: {exc}", err=True)
        raise typer.Exit(1) from None
    for notice in notices:  # after the store opened: a refusal to start stays a one-line error
        typer.echo(f"detente: {notice}", err=True)
    with owner.holding(db, command=command, url=server_url(host, port)):
        uvicorn.run(api, host=host, port=port, log_level="info")


def server_url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}"


def _print_pass(report: Any) -> None:
    typer.echo(f"detente: {report.summary()}", err=True)
