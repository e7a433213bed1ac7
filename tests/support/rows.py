"""Occurrences as rows of plain values: what every format test compares with its expected table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from keyshift.core.model import Occurrence, ParsedFile, Scalar, Span

Column = Callable[[ParsedFile[Any], Occurrence], object]


def at(span: Span | None) -> str | None:
    """A span as ``line:col-line:col`` (None stays None)."""
    if span is None:
        return None
    return f"{span.start.line}:{span.start.column}-{span.end.line}:{span.end.column}"


def flags(occurrence: Occurrence) -> str:
    """``implicit`` and/or ``element``, or the empty string."""
    named = (("implicit", occurrence.implicit), ("element", occurrence.is_element))
    return " ".join(name for name, on in named if on)


def value_text(parsed: ParsedFile[Any], occurrence: Occurrence) -> str | None:
    """The value as written in the file (quotes and all), or None without a value span."""
    span = occurrence.value_span
    return None if span is None else parsed.text[span.start.offset : span.end.offset]


COLUMNS: dict[str, Column] = {
    "form": lambda _, o: o.form,
    "found": lambda _, o: o.found,
    "path": lambda _, o: o.path,
    "kind": lambda _, o: o.value_kind,
    "value": lambda _, o: o.value,
    "key_span": lambda _, o: at(o.key_span),
    "value_span": lambda _, o: at(o.value_span),
    "value_text": value_text,
    "flags": lambda _, o: flags(o),
}

FULL = ("found", "path", "kind", "value", "key_span", "value_span", "flags")
"""The columns of the structured formats: (found, path, value kind, value, key span, value span, flags)."""

Row = tuple[str, tuple[str, ...], str, Scalar, str, str | None, str]
"""A row of the ``FULL`` columns."""


def rows(parsed: ParsedFile[Any], columns: tuple[str, ...] = FULL) -> list[tuple[object, ...]]:
    """One row per occurrence of every document, in order, holding ``columns`` (names of ``COLUMNS``)."""
    return [
        tuple(COLUMNS[name](parsed, occurrence) for name in columns)
        for document in parsed.documents
        for occurrence in document.occurrences
    ]
