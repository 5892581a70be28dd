"""The ``detente`` command: thin wrappers that translate options and errors.

Every command turns its options into library calls and maps a
:class:`~detente.errors.DetenteError` to a one-line message on stderr and a
non-zero exit; no traceback is printed for bad input.  Commands are registered
here, explicitly, in the order ``detente --help`` lists them.
"""

from __future__ import annotations

import sys

import typer

from detente.actors import cli as actors_cli
from detente.api.cli import serve_cli
from detente.cli import analyse, sources, stored, timelines
from detente.errors import DetenteError
from detente.scale.cli import spark_cli

app = typer.Typer(
    name="detente",
    help="Read news; code who did what to whom, when and where; follow relations over time.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def version_cli() -> None:
    """Print detente's version."""
    from detente import __version__

    typer.echo(__version__)


COMMANDS = (
    ("extract", analyse.extract_cli),
    ("timex", analyse.timex_cli),
    ("geoparse", analyse.geoparse_cli),
    ("ingest", stored.ingest_cli),
    ("watch", sources.watch_cli),
    ("relations", timelines.relations_cli),
    ("dyads", timelines.dyads_cli),
    ("export", stored.export_cli),
    ("spark", spark_cli),
    ("demo", stored.demo_cli),
    ("serve", serve_cli),
    ("eval", analyse.eval_cli),
    ("version", version_cli),
)
SUBCOMMANDS = (("show", stored.events_show_cli),)
for _name, _command in COMMANDS:
    app.command(_name)(_command)
stored.events_app.callback()(stored.events_cli)
for _name, _command in SUBCOMMANDS:
    stored.events_app.command(_name)(_command)
app.add_typer(stored.events_app, name="events")
app.add_typer(actors_cli.app, name="actors")


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
