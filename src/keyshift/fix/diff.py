"""The unified diff of ``keyshift fix --diff``: exactly what ``patch -p1`` needs to turn the file on disk
into the bytes ``fix`` writes.

Lines are keyshift's (:mod:`keyshift.core.positions`), which are ``patch``'s: each ends after a
``\\n``, and every other character (a lone ``\\r``, a form feed, U+2028, ...) stays inside its line.
The file's BOM, which :class:`~keyshift.check.reading.LoadedText` keeps apart from the text, is put
back at the start of its first line on both sides, as the file holds it.  A file name that ``patch``
would misread is written as GNU diff and git write it: quoted C-style when it holds a control
character, a quote or a backslash, else followed by a tab when it holds a space.
"""

from __future__ import annotations

import difflib
from typing import TextIO

from keyshift.core.positions import split_lines

_NO_NEWLINE = "\n\\ No newline at end of file\n"
_C_ESCAPES = {'"': '\\"', "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
"""How a quoted file name writes these characters; other control characters are octal escapes."""


def unified_diff(display: str, original: str, fixed: str, *, has_bom: bool) -> str:
    """The diff from ``original`` to ``fixed`` (texts without their BOM) of the file shown as ``display``."""
    bom = "\ufeff" if has_bom else ""
    lines = difflib.unified_diff(
        split_lines(bom + original),
        split_lines(bom + fixed),
        fromfile=header_name(f"a/{display}"),
        tofile=header_name(f"b/{display}"),
    )
    return "".join(line if line.endswith("\n") else line + _NO_NEWLINE for line in lines)


def header_name(name: str) -> str:
    """``name`` as the ``---``/``+++`` line of a diff gives it, so that ``patch`` reads it back whole."""
    quoted = "".join(_c_escape(c) for c in name)
    if quoted != name:
        return f'"{quoted}"'
    return name + "\t" if " " in name else name


def _c_escape(c: str) -> str:
    if c in _C_ESCAPES:
        return _C_ESCAPES[c]
    return f"\\{ord(c):03o}" if ord(c) < 0x20 or ord(c) == 0x7F else c


def write_diff(stream: TextIO, diff: str) -> None:
    """Write ``diff`` as UTF-8 bytes (the files' own encoding), whatever the encoding of ``stream``."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(diff)
        stream.flush()
        return
    stream.flush()
    # a file name that is not UTF-8 was decoded with surrogateescape: write its bytes back
    buffer.write(diff.encode("utf-8", "surrogateescape"))
    buffer.flush()
