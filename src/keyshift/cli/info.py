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


def packs(
    show: Annotated[
        str | None, typer.Option("--show", metavar="NAME", help="Show one pack's sources and every rule.")
    ] = None,
    pack_path: Annotated[
        list[str] | None, typer.Option("--pack-path", metavar="DIR", help="Look for packs in DIR first (repeatable).")
    ] = None,
    matrix: Annotated[
        list[str] | None,
        typer.Option("-m", "--matrix", metavar="FILE", help="With --show: a matrix layered over the pack."),
    ] = None,
) -> None:
    """List the matrix packs usable with --pack: product, versions, rules, source, where found."""
    from keyshift.app.config import UsageError
    from keyshift.app.packs import pack_rows, render_rows, show_pack

    try:
        if show is not None:
            typer.echo(show_pack(show, pack_path or (), matrix or ()), nl=False)
            return
        rows = pack_rows(pack_path or ())
    except UsageError as exc:
        fail(str(exc))
    typer.echo(render_rows(rows), nl=False)
    for row in rows:
        if row.error:
            typer.echo(f"keyshift: error: {row.error}", err=True)
    if any(row.error for row in rows):
        raise typer.Exit(2)
