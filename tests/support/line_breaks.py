"""The characters that ``str.splitlines()`` breaks a line at and ``diff``, ``patch`` and keyshift do not,
and a matrix for the files of the line tests."""

from __future__ import annotations

ODD_BREAKS = {
    "lone CR": "\r",
    "VT": "\x0b",
    "FF": "\x0c",
    "FS": "\x1c",
    "GS": "\x1d",
    "RS": "\x1e",
    "NEL": "\x85",
    "LS": "\u2028",
    "PS": "\u2029",
}
"""Each by its name; keyshift counts each as one character of its line (``core/positions.py``)."""

MATRIX = """\
[product]
name = "p"
files = ["conf.*"]
to = "2.0"

[keys."a.b"]
removed = "2.0"
replaced-by = "a.c"

[keys."a.gone"]
removed = "2.0"
"""
"""``a.b`` renamed and ``a.gone`` removed, in the product files ``conf.*``."""
