"""The typer application, its root options (``--version``) and the one way a command fails (exit 2)."""

from __future__ import annotations

from typing import Annotated, NoReturn

import typer

from keyshift import __version__

HELP = "keyshift: find removed, renamed, deprecated and missing configuration keys before an upgrade."

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help=HELP,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"keyshift {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """keyshift: find removed, renamed, deprecated and missing configuration keys before an upgrade."""


def fail(message: str) -> NoReturn:
    """Print ``keyshift: error: message`` on stderr and exit 2."""
    typer.echo(f"keyshift: error: {message}", err=True)
    raise typer.Exit(2)
