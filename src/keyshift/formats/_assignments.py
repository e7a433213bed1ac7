"""Helpers shared by the fixers of shell-style ``NAME=value`` assignments (shell scripts, Dockerfile ENV/ARG).

What stays in each fixer is the format's own quoting: the escape character (``\\`` or the
Dockerfile's ``# escape=``), which characters double quotes escape, and ``$'...'`` (shell only).
"""

from __future__ import annotations

import re

from keyshift.core.edits import CannotFix
from keyshift.core.model import Edit
from keyshift.formats.text.parse import IDENTIFIER

BARE = re.compile(r"[A-Za-z0-9_./:@%+,=-]+")
"""Values written without quotes as they are; anything else is quoted."""


def has_unescaped(inner: str, quote: str, escape: str) -> bool:
    """True when ``inner`` (the text between two quotes) holds a ``quote`` not preceded by ``escape``."""
    i = 0
    while i < len(inner):
        if inner[i] == escape:
            i += 2
            continue
        if inner[i] == quote:
            return True
        i += 1
    return False


def variable_name(new_path: tuple[str, ...] | None, old: str, what: str) -> str:
    """The one segment of ``new_path`` when it is a variable name; else :class:`CannotFix` naming ``what``."""
    if not new_path or len(new_path) != 1 or IDENTIFIER.fullmatch(new_path[0]) is None:
        shown = ".".join(new_path or ())
        raise CannotFix(f"{shown} is not a {what}; rename {old} by hand")
    return new_path[0]


def renamed(key_start: int, key_end: int, name: str, value: Edit | None) -> tuple[Edit, ...]:
    """The edits that rename the key ``[key_start, key_end)`` to ``name`` and apply ``value``.

    A value edit that inserts right after the key (``export NAME`` -> ``export NEW=value``) is
    joined to the key's edit.
    """
    if value is None:
        return (Edit(key_start, key_end, name),)
    if value.start == key_end:
        return (Edit(key_start, key_end, name + value.replacement),)
    return (Edit(key_start, key_end, name), value)
