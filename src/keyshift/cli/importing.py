"""``keyshift import``: generate a matrix from a product's own deprecation data (a recipe, or one importer)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from keyshift.cli.app import fail


def import_(
    importer: Annotated[
        str | None, typer.Argument(metavar="[IMPORTER]", help="The importer to run (--list names them).")
    ] = None,
    files: Annotated[
        list[str] | None, typer.Argument(metavar="[FILE]...", help="Input files that are not per version.")
    ] = None,
    recipe: Annotated[
        Path | None, typer.Option("--recipe", metavar="FILE", help="Generate a pack as its recipe says.")
    ] = None,
    sources: Annotated[
        Path | None,
        typer.Option(
            "--sources",
            metavar="DIR",
            help="Where a recipe's inputs are (default: $KEYSHIFT_PACK_SOURCES, else ../shared/pack-sources).",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", metavar="FILE", help="Write the matrix here (default: stdout; the recipe's output)."
        ),
    ] = None,
    version: Annotated[
        list[str] | None,
        typer.Option("--version", metavar="VERSION=PATH", help="An input of one version; repeat, oldest first."),
    ] = None,
    product: Annotated[str | None, typer.Option("--product", metavar="NAME", help="The product's name.")] = None,
    option: Annotated[
        list[str] | None, typer.Option("--option", metavar="NAME=VALUE", help="An option of the importer; repeatable.")
    ] = None,
    product_files: Annotated[
        list[str] | None, typer.Option("--files", metavar="GLOB", help="The product's own config files; repeatable.")
    ] = None,
    list_importers: Annotated[bool, typer.Option("--list", help="List the importers and their options.")] = False,
) -> None:
    """Generate a deprecation matrix from a product's own data (a recipe, or one importer's inputs)."""
    from keyshift.app.config import UsageError
    from keyshift.app.importing import ImportCommand, run_import

    command = ImportCommand(
        recipe=recipe,
        sources=sources,
        output=output,
        importer=importer,
        files=tuple(files or ()),
        versions=tuple(version or ()),
        product=product,
        options=tuple(option or ()),
        globs=tuple(product_files or ()),
        list_importers=list_importers,
    )
    try:
        code = run_import(command)
    except UsageError as exc:
        fail(str(exc))
    raise typer.Exit(code)


import_.__name__ = "import"  # the command's name; `import` itself is a Python keyword
