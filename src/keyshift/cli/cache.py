"""``keyshift clean``: the command that manages the result cache."""

from __future__ import annotations

import typer

from keyshift.cli.app import fail


def clean() -> None:
    """Remove the result cache (.keyshift_cache/ at the project root)."""
    from keyshift.app.clean import clean as remove_cache
    from keyshift.app.config import UsageError

    try:
        code = remove_cache()
    except UsageError as exc:
        fail(str(exc))
    raise typer.Exit(code)
