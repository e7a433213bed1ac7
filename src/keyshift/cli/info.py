"""``keyshift explain`` and ``keyshift packs``: the commands that read no files."""

from __future__ import annotations

from typing import Annotated

import typer

from keyshift.cli.app import fail


def explain(code: Annotated[str, typer.Argument(metavar="CODE", help="A finding code such as KS102.")]) -> None:
    """Explain a finding code: what it means, an example, how to fix it."""
    from keyshift.app.config import UsageError
    from keyshift.app.info import explain as describe

    try:
        typer.echo(describe(code), nl=False)
    except UsageError as exc:
        fail(str(exc))


def packs() -> None:
    """List the bundled matrix packs usable with --pack."""
    from keyshift.app.info import packs as pack_names

    for name in pack_names():
        typer.echo(name)
