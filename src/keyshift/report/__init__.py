"""Registry of reporters: which module renders which ``--format``, imported only when needed.

A reporter turns a :class:`~keyshift.report.model.Report` (the sorted findings of a run, its
summary, notices and, for ``fix``, the fix outcomes) into the text printed on stdout.  Each format
is one module in this package exposing ``REPORTER``, an object with a ``render`` method matching
:class:`Reporter`; adding a format is one module plus one line in :data:`REPORTERS`.  This module
also owns the small text-safety helpers shared by the human-readable reporters.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:  # the CLI reads this registry at start-up; the report model loads with a reporter
    from keyshift.report.model import Report

# format name -> module exposing REPORTER
REPORTERS: dict[str, str] = {
    "text": "keyshift.report.text",
    "concise": "keyshift.report.concise",
    "json": "keyshift.report.json",
    "json-lines": "keyshift.report.jsonlines",
    "sarif": "keyshift.report.sarif",
    "github": "keyshift.report.github",
    "gitlab": "keyshift.report.gitlab",
    "junit": "keyshift.report.junit",
    "markdown": "keyshift.report.markdown",
}

DEFAULT_FORMAT = "text"


class Reporter(Protocol):
    def render(self, report: Report, *, color: bool) -> str:
        """The whole output for one run; ends with a newline unless it is empty."""
        ...


class UnknownFormat(KeyError):
    """Raised by :func:`get_reporter` for a format name that is not registered."""

    def __init__(self, name: str, known: Sequence[str]) -> None:
        self.name = name
        self.known = list(known)
        message = f"unknown output format {name!r}; choose one of: {', '.join(self.known)}"
        import difflib

        close = difflib.get_close_matches(str(name), self.known, n=1)
        if close:
            message += f" (did you mean {close[0]!r}?)"
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        # KeyError.__str__ would repr() the message and wrap it in quotes.
        return self.message


def reporter_names() -> list[str]:
    return sorted(REPORTERS)


def get_reporter(name: str) -> Reporter:
    """Import (once) the module of a format and return its ``REPORTER``."""
    try:
        module_path = REPORTERS[name]
    except KeyError:
        raise UnknownFormat(name, reporter_names()) from None
    module = importlib.import_module(module_path)
    return cast(Reporter, module.REPORTER)


# Bidirectional-text controls can make a terminal show text in a different order than it is
# stored ("trojan source"), so they are never echoed raw.
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def printable(text: str, *, keep: str = "") -> str:
    """``text`` safe to print on a terminal, one character for one character.

    Control, line-break and bidi-control characters (except those in ``keep``) are replaced:
    whitespace ones by a space, the others (ESC, BEL, ...) by U+FFFD, so config contents can
    never inject escape sequences or break the layout.  A lone surrogate (a YAML or JSON
    ``"\\ud800"`` escape, a file name that is not UTF-8), which no encoding can write, becomes
    U+FFFD too.  Columns keep their meaning because the replacement is one-to-one.
    """
    if text.isprintable():
        return text
    out: list[str] = []
    for ch in text:
        if ch in keep:
            out.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Zl", "Zp"):
            out.append(" " if ch.isspace() else "\ufffd")
        elif ch in _BIDI_CONTROLS or unicodedata.category(ch) == "Cs":
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)


_SURROGATE = re.compile("[\ud800-\udfff]")


def one_line(text: str) -> str:
    """``text`` on one safe line: every line break (``\\r\\n`` counts as one) becomes a space, and a lone
    surrogate is written as its escape (``\\ud800``), as the YAML or JSON file spelled it."""
    text = text.replace("\r\n", "\n")
    if not text.isprintable():
        text = _SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)
    return printable(text)
