"""``keyshift check`` and ``keyshift fix``: the two commands that scan, over the shared options."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from keyshift.cli.app import fail
from keyshift.cli.options import FIX_OPTIONS, option, run_config, scan_command

FIX_FLAG = option(
    "fix", Annotated[bool, typer.Option("--fix", help="Apply the safe fixes (same as keyshift fix).")], False
)


def _run(options: dict[str, Any], *, fix: bool) -> None:
    from keyshift.app.config import UsageError

    try:
        config = run_config(options, fix=fix)
        if fix:
            from keyshift.app.fix import fix as run_fix

            code = run_fix(config)
        else:
            from keyshift.app.check import check as run_check

            code = run_check(config)
    except UsageError as exc:
        fail(str(exc))
    raise typer.Exit(code)


@scan_command(FIX_FLAG, *FIX_OPTIONS)
def check(**options: Any) -> None:
    """Report every removed, renamed, deprecated or missing key with its position."""
    _run(options, fix=options.pop("fix"))


@scan_command(*FIX_OPTIONS)
def fix(**options: Any) -> None:
    """Apply the safe fixes for what check finds (--unsafe: all), then re-check."""
    _run(options, fix=True)
