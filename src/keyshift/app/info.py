"""The commands that read no files: ``explain`` (a finding code's documentation) and ``packs``."""

from __future__ import annotations

from keyshift.app.config import UsageError


def explain(code: str) -> str:
    """The documentation of a finding code, as printed; :class:`UsageError` for an unknown code."""
    from keyshift.core.codes import CODES, describe

    wanted = code.upper()
    if wanted not in CODES:
        raise UsageError(f"unknown code {code!r} (known: {', '.join(CODES)})")
    return describe(wanted)


def packs() -> list[str]:
    """The names of the bundled matrix packs usable with ``--pack``."""
    from keyshift.matrix import available_packs

    return available_packs()
