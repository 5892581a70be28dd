"""``detente serve``: run the API with uvicorn on the store it will own while it runs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from detente.errors import DetenteError

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
) -> None:
    """Serve the store's events, relations and documents as a REST API (OpenAPI at /api/v1/docs)."""
    import uvicorn

    from detente.api import ApiSettings, create_app

    token = os.environ.get(token_env) or None
    settings = ApiSettings(token=token, read_open=not read_token, cors_origins=tuple(cors_origin or ()))
    try:
        api = create_app(db, settings=settings)
    except DetenteError as exc:
        hint = " (is another detente process using this store?)" if exc.code == "E402" else ""
        typer.echo(f"detente: {exc}{hint}", err=True)
        raise typer.Exit(1) from None
    if token is None:
        typer.echo(f"detente: no ${token_env}: the API is read-only", err=True)
    uvicorn.run(api, host=host, port=port, log_level="info")
