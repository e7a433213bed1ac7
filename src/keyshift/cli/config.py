"""``keyshift config``: the effective configuration (options over the project's file over the defaults),
and where each value came from; ``--schema`` prints the JSON Schema of the configuration file."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from keyshift.cli.app import fail
from keyshift.cli.options import option, scan_command

SCHEMA_FLAG = option(
    "schema", Annotated[bool, typer.Option("--schema", help="Print the JSON Schema of the configuration file.")], False
)


@scan_command(SCHEMA_FLAG)
def config(**options: Any) -> None:
    """Show the effective configuration and where each value comes from (option, file:line, default)."""
    from keyshift.app.config import RunConfig, UsageError
    from keyshift.app.project import describe, find_config, with_project
    from keyshift.cli.options import given_options

    if options.pop("schema"):
        from importlib import resources

        typer.echo(resources.files("keyshift").joinpath("schemas/keyshift-config.schema.json").read_text(), nl=False)
        return
    given = given_options(options)
    try:
        effective, origins = with_project(RunConfig(**given), frozenset(given))
    except UsageError as exc:
        fail(str(exc))
    typer.echo(describe(effective, origins, find_config()), nl=False)
