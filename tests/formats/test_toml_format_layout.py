"""Tests for the TOML layout, the tree the TOML fixer works from: tables, entries, where each was defined,
and spans that slice the text exactly."""

from __future__ import annotations

import pytest

from keyshift.formats.toml.parse import TomlLayout, parse
from support.rows import at

LAYOUT_TEXT = (
    'title = "x"  # t\n'
    "[tool.ruff]  # header\n"
    "line-length = 88\n"
    'lint . "select" = [\n'
    '  "E",\n'
    "]  # end\n"
    "\n"
    "# about x\n"
    "[[tool.x]]\n"
    "y = { z = 1 }\n"
)


def _layout() -> TomlLayout:
    layout = parse(LAYOUT_TEXT).tree
    assert isinstance(layout, TomlLayout)
    return layout


def test_layout_tables() -> None:
    tables = [
        (
            t.path,
            t.kind,
            [(s.name, s.raw, at(s.span)) for s in t.segments],
            at(t.key_span),
            at(t.header_span),
            at(t.line_span),
            at(t.body_span),
            at(t.section_span),
            t.has_dotted_keys,
        )
        for t in _layout().tables
    ]
    assert tables == [
        (
            ("tool", "ruff"),
            "table",
            [("tool", "tool", "2:2-2:6"), ("ruff", "ruff", "2:7-2:11")],
            "2:2-2:11",
            "2:1-2:12",
            "2:1-2:22",
            "2:22-6:9",
            "2:1-9:1",
            True,
        ),
        (
            ("tool", "x", "[0]"),
            "array-table",
            [("tool", "tool", "9:3-9:7"), ("x", "x", "9:8-9:9")],
            "9:3-9:9",
            "9:1-9:11",
            "9:1-9:11",
            "9:11-10:14",
            "9:1-11:1",
            False,
        ),
    ]


def test_layout_entries() -> None:
    entries = [
        (
            e.path,
            e.table,
            [(s.name, s.raw, at(s.span)) for s in e.segments],
            at(e.key_span),
            at(e.value_span),
            at(e.line_span),
            e.value_kind,
            e.inline,
        )
        for e in _layout().entries
    ]
    assert entries == [
        (("title",), (), [("title", "title", "1:1-1:6")], "1:1-1:6", "1:9-1:12", "1:1-1:17", "scalar", False),
        (
            ("tool", "ruff", "line-length"),
            ("tool", "ruff"),
            [("line-length", "line-length", "3:1-3:12")],
            "3:1-3:12",
            "3:15-3:17",
            "3:1-3:17",
            "scalar",
            False,
        ),
        (
            ("tool", "ruff", "lint", "select"),
            ("tool", "ruff"),
            [("lint", "lint", "4:1-4:5"), ("select", '"select"', "4:8-4:16")],
            "4:1-4:16",
            "4:19-6:2",
            "4:1-6:9",
            "sequence",
            False,
        ),
        (
            ("tool", "x", "[0]", "y"),
            ("tool", "x", "[0]"),
            [("y", "y", "10:1-10:2")],
            "10:1-10:2",
            "10:5-10:14",
            "10:1-10:14",
            "mapping",
            False,
        ),
        (
            ("tool", "x", "[0]", "y", "z"),
            ("tool", "x", "[0]", "y"),
            [("z", "z", "10:7-10:8")],
            "10:7-10:8",
            "10:11-10:12",
            None,
            "scalar",
            True,
        ),
    ]


@pytest.mark.parametrize(
    ("path", "origin"),
    [
        (("tool",), "implicit"),
        (("tool", "ruff"), "header"),
        (("tool", "ruff", "lint"), "dotted"),
        (("tool", "x"), "array-of-tables"),
        (("tool", "x", "[0]"), "array-table"),
        (("tool", "x", "[0]", "y"), "inline"),
        (("title",), None),
        (("nope",), None),
    ],
)
def test_layout_origins(path: tuple[str, ...], origin: str | None) -> None:
    assert _layout().origin(path) == origin


def test_header_after_implicit_definition_becomes_header() -> None:
    layout = parse("[a.b]\n[a]\n").tree
    assert isinstance(layout, TomlLayout)
    assert layout.origins == ((("a",), "header"), (("a", "b"), "header"))


def test_spans_slice_the_text() -> None:
    text = LAYOUT_TEXT
    layout = _layout()
    assert [text[t.header_span.start.offset : t.header_span.end.offset] for t in layout.tables] == [
        "[tool.ruff]",
        "[[tool.x]]",
    ]
    assert [text[e.line_span.start.offset : e.line_span.end.offset] for e in layout.entries if e.line_span] == [
        'title = "x"  # t',
        "line-length = 88",
        'lint . "select" = [\n  "E",\n]  # end',
        "y = { z = 1 }",
    ]
