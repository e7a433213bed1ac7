"""``explain``: a finding code's documentation (``packs`` is :mod:`keyshift.app.packs`)."""

from __future__ import annotations

from keyshift.app.config import UsageError


def explain(code: str) -> str:
    """The documentation of a finding code, as printed; :class:`UsageError` for an unknown code."""
    from keyshift.core.codes import CODES, describe

    wanted = code.upper()
    if wanted not in CODES:
        raise UsageError(f"unknown code {code!r} (known: {', '.join(CODES)})")
    return describe(wanted)
