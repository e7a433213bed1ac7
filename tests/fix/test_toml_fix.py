"""Tests for the TOML fixer: each request applied to an input text gives this exact output text."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from keyshift.core.edits import CannotFix, FixOp, FixRequest, apply_edits
from keyshift.core.model import Occurrence, ParsedFile, Scalar
from keyshift.formats.toml.fix import plan_fix
from keyshift.formats.toml.parse import parse

Path = tuple[str, ...]


def _p(key: str) -> Path:
    """A path from a dotted key; ``|`` separates segments that themselves hold dots or spaces."""
    return tuple(key.split("|")) if "|" in key else tuple(key.split("."))


def _occurrence(parsed: ParsedFile, path: Path) -> Occurrence:
    occurrences = parsed.documents[0].occurrences
    for occurrence in occurrences:
        if occurrence.path == path and not occurrence.implicit:
            return occurrence
    for occurrence in occurrences:
        if occurrence.path == path:
            return occurrence
    raise AssertionError(f"no occurrence {path}")


def _request(parsed: ParsedFile, op: FixOp, key: str | None, new: str | None, **options: Any) -> FixRequest:
    occurrence = _occurrence(parsed, _p(key)) if key else None
    return FixRequest(op, 0, occurrence, _p(new) if new else None, **options)


def _fix(text: str, op: FixOp, key: str | None, new: str | None, **options: Any) -> tuple[str, frozenset[Path]]:
    parsed = parse(text)
    planned = plan_fix(parsed, _request(parsed, op, key, new, **options))
    return apply_edits(text, planned.edits), planned.creates


def _lookup(data: dict[str, Any], path: Path) -> Any:
    node: Any = data
    for segment in path:
        node = node[int(segment[1:-1])] if segment.startswith("[") and isinstance(node, list) else node[segment]
    return node


def _has(data: dict[str, Any], path: Path) -> bool:
    try:
        _lookup(data, path)
    except (KeyError, IndexError, TypeError):
        return False
    return True


RUFF = """\
[project]
name = "demo"

[tool.ruff]
line-length = 100
# Rules to enable
select = [
    "E",
    "F",
]  # the basics
ignore = ["E501"]

[tool.ruff.isort]
known-first-party = ["demo"]

# formatter settings
[tool.black]
line-length = 100
"""

# (id, input, op, key, new key, options, expected output, created table paths)
Case = tuple[str, str, FixOp, str | None, str | None, dict[str, Any], str, set[str]]

CASES: list[Case] = [
    # --- rename, same parent
    ("rename bare key", 'a = 1\nb = "x"  # keep\n', "rename", "b", "c", {}, 'a = 1\nc = "x"  # keep\n', set()),
    (
        "rename the last segment of a dotted key",
        "[tool]\nruff.select = []\n",
        "rename",
        "tool.ruff.select",
        "tool.ruff.choose",
        {},
        "[tool]\nruff.choose = []\n",
        set(),
    ),
    (
        "rename to a key that needs quotes: basic for a bare key",
        "[a]\nk = 1\n",
        "rename",
        "a.k",
        "a|k k",
        {},
        '[a]\n"k k" = 1\n',
        set(),
    ),
    (
        "rename keeps a literal-quoted key's style",
        "[a]\n'k.x' = 1\n",
        "rename",
        "a|k.x",
        "a|k.y",
        {},
        "[a]\n'k.y' = 1\n",
        set(),
    ),
    (
        "literal quotes cannot hold an apostrophe: basic quotes",
        "[a]\n'k.x' = 1\n",
        "rename",
        "a|k.x",
        "a|it's",
        {},
        '[a]\n"it\'s" = 1\n',
        set(),
    ),
    (
        "rename with a mapped value, keeping the spacing",
        "[hybrid]\nlegacy_mode   =   'on'   # old\n",
        "rename",
        "hybrid.legacy_mode",
        "hybrid.enable",
        {"value": True, "has_value": True},
        "[hybrid]\nenable   =   true   # old\n",
        set(),
    ),
    (
        "rename inside an inline table",
        "server = { host = 'h', port = 80 }\n",
        "rename",
        "server.host",
        "server.hostname",
        {},
        "server = { hostname = 'h', port = 80 }\n",
        set(),
    ),
    (
        "rename inside an array-of-tables element",
        '[[fruit]]\nname = "apple"\n\n[[fruit]]\nname = "pear"\n',
        "rename",
        "fruit.[1].name",
        "fruit.[1].title",
        {},
        '[[fruit]]\nname = "apple"\n\n[[fruit]]\ntitle = "pear"\n',
        set(),
    ),
    # --- tables defined by headers
    (
        "rename a table: its header and its sub-tables' headers",
        "[a.b]\nx = 1\n\n[a.b.c]\ny = 2\n\n[[a.b.list]]\nz = 3\n",
        "rename",
        "a.b",
        "a.d",
        {},
        "[a.d]\nx = 1\n\n[a.d.c]\ny = 2\n\n[[a.d.list]]\nz = 3\n",
        set(),
    ),
    (
        "move a table to another parent by rewriting its header",
        RUFF,
        "rename",
        "tool.ruff.isort",
        "tool.ruff.lint.isort",
        {},
        RUFF.replace("[tool.ruff.isort]", "[tool.ruff.lint.isort]"),
        {"tool.ruff.lint"},
    ),
    (
        "rename an array of tables",
        "[[fruit]]\nname = 1\n[fruit.info]\nx = 1\n[[fruit]]\nname = 2\n",
        "rename",
        "fruit",
        "fruits",
        {},
        "[[fruits]]\nname = 1\n[fruits.info]\nx = 1\n[[fruits]]\nname = 2\n",
        set(),
    ),
    (
        "a quoted header segment keeps its quotes",
        "['my.app'.\"old name\"]\nk = 1\n",
        "rename",
        "my.app|old name",
        "my.app|new name",
        {},
        "['my.app'.\"new name\"]\nk = 1\n",
        set(),
    ),
    # --- moves to an existing parent
    (
        "move to an existing table: after its last entry, comment lines and trailing comment along",
        RUFF + "\n[tool.ruff.lint]\npreview = true\n",
        "rename",
        "tool.ruff.select",
        "tool.ruff.lint.select",
        {},
        RUFF.replace('# Rules to enable\nselect = [\n    "E",\n    "F",\n]  # the basics\n', "")
        + '\n[tool.ruff.lint]\npreview = true\n# Rules to enable\nselect = [\n    "E",\n    "F",\n]  # the basics\n',
        set(),
    ),
    (
        "move into an empty table",
        "[a]\nx = 1\ny = 2\n\n[b]\n\n[c]\n",
        "rename",
        "a.y",
        "b.y",
        {},
        "[a]\nx = 1\n\n[b]\ny = 2\n\n[c]\n",
        set(),
    ),
    (
        "move into a table whose entries are indented: sibling indentation, continuation lines follow",
        "[a]\nlist = [\n  1,\n]\n\n[b]\n    k = 1\n",
        "rename",
        "a.list",
        "b.list",
        {},
        "[b]\n    k = 1\n    list = [\n      1,\n    ]\n",
        set(),
    ),
    (
        "a multi-line string moves whole, its lines untouched",
        '[a]\nk = 1\ndoc = """\n  one\ntwo"""\n\n[b]\n  z = 0\n',
        "rename",
        "a.doc",
        "b.doc",
        {},
        '[a]\nk = 1\n\n[b]\n  z = 0\n  doc = """\n  one\ntwo"""\n',
        set(),
    ),
    (
        "move to the root: after the last root key, never under a table",
        "name = 1\n\n[server]\nport = 80\nhost = 'h'\n",
        "rename",
        "server.host",
        "host",
        {},
        "name = 1\nhost = 'h'\n\n[server]\nport = 80\n",
        set(),
    ),
    (
        "move to a root without keys: after the leading comment block",
        "# settings\n\n[server]\nport = 80\nhost = 'h'\n",
        "rename",
        "server.host",
        "host",
        {},
        "# settings\nhost = 'h'\n\n[server]\nport = 80\n",
        set(),
    ),
    (
        "move to a root without keys or comments: at the very top",
        "[server]\nport = 80\nhost = 'h'\n",
        "rename",
        "server.host",
        "host",
        {},
        "host = 'h'\n\n[server]\nport = 80\n",
        set(),
    ),
    (
        "move next to dotted siblings in the table that writes them",
        "[tool.ruff]\nlint.ignore = []\nselect = []\nline-length = 1\n",
        "rename",
        "tool.ruff.select",
        "tool.ruff.lint.select",
        {},
        "[tool.ruff]\nlint.ignore = []\nlint.select = []\nline-length = 1\n",
        set(),
    ),
    # --- moves that create the parent
    (
        "create a header after the section and its sub-tables",
        RUFF,
        "rename",
        "tool.ruff.select",
        "tool.ruff.lint.select",
        {},
        RUFF.replace('# Rules to enable\nselect = [\n    "E",\n    "F",\n]  # the basics\n', "").replace(
            'known-first-party = ["demo"]\n',
            'known-first-party = ["demo"]\n\n[tool.ruff.lint]\n# Rules to enable\nselect = [\n    "E",\n'
            '    "F",\n]  # the basics\n',
        ),
        {"tool.ruff.lint"},
    ),
    (
        "create a dotted key where the table already writes dotted keys",
        "[tool.ruff]\nformat.quote-style = 'single'\nselect = ['E']\nline-length = 1\n",
        "rename",
        "tool.ruff.select",
        "tool.ruff.lint.select",
        {},
        "[tool.ruff]\nformat.quote-style = 'single'\nline-length = 1\nlint.select = ['E']\n",
        {"tool.ruff.lint"},
    ),
    (
        "a table implied by a sub-table header gets a header, never a dotted key",
        "[tool.ruff]\nformat.x = 1\nselect = []\n\n[tool.ruff.lint.isort]\nk = 1\n",
        "rename",
        "tool.ruff.select",
        "tool.ruff.lint.select",
        {},
        "[tool.ruff]\nformat.x = 1\n\n[tool.ruff.lint.isort]\nk = 1\n\n[tool.ruff.lint]\nselect = []\n",
        {"tool.ruff.lint"},
    ),
    (
        "the file puts no blank line before headers: neither does the new one",
        "[a]\nx = 1\ny = 2\n[b]\nz = 3\n",
        "rename",
        "a.y",
        "a.c.y",
        {},
        "[a]\nx = 1\n[a.c]\ny = 2\n[b]\nz = 3\n",
        {"a.c"},
    ),
    (
        "a new top-level table goes at the end",
        "# ruff.toml\nline-length = 88\nselect = ['E']\n\n[format]\nquote-style = 'double'\n",
        "rename",
        "select",
        "lint.select",
        {},
        "# ruff.toml\nline-length = 88\n\n[format]\nquote-style = 'double'\n\n[lint]\nselect = ['E']\n",
        {"lint"},
    ),
    (
        "a root that writes dotted keys gets a dotted key",
        "a.x = 1\nb = 2\n",
        "rename",
        "b",
        "c.b",
        {},
        "a.x = 1\nc.b = 2\n",
        {"c"},
    ),
    (
        "the only entry of a table: the header is rewritten in place",
        "[tool.ruff.isort]\n# ours\nknown = ['x']\n\n[tool.black]\nk = 1\n",
        "rename",
        "tool.ruff.isort.known",
        "tool.ruff.lint.isort.known-first-party",
        {},
        "[tool.ruff.lint.isort]\n# ours\nknown-first-party = ['x']\n\n[tool.black]\nk = 1\n",
        {"tool.ruff.lint", "tool.ruff.lint.isort"},
    ),
    (
        "a parent left empty by the move is removed, with its blank line",
        "[a]\nx = 1\n\n[b]\ny = 2\n\n[c]\nz = 3\n",
        "rename",
        "b.y",
        "c.y",
        {},
        "[a]\nx = 1\n\n[c]\nz = 3\ny = 2\n",
        set(),
    ),
    (
        "a parent holding a comment stays",
        "[b]\n# note\n\ny = 2\n\n[c]\nz = 3\n",
        "rename",
        "b.y",
        "c.y",
        {},
        "[b]\n# note\n\n[c]\nz = 3\ny = 2\n",
        set(),
    ),
    (
        "a header emptied by the move goes even with sub-tables left (they keep the table)",
        "[spring.redis]\nport = 1\n\n[spring.redis.pool]\nmax = 8\n\n[spring.data.redis]\nhost = 'h'\n",
        "rename",
        "spring.redis.port",
        "spring.data.redis.port",
        {},
        "[spring.redis.pool]\nmax = 8\n\n[spring.data.redis]\nhost = 'h'\nport = 1\n",
        set(),
    ),
    (
        "the only entry moving under its own table: the header is rewritten",
        "[tool.ruff]\nselect = ['E']\n\n[tool.ruff.isort]\nk = 1\n",
        "rename",
        "tool.ruff.select",
        "tool.ruff.lint.select",
        {},
        "[tool.ruff.lint]\nselect = ['E']\n\n[tool.ruff.isort]\nk = 1\n",
        {"tool.ruff.lint"},
    ),
    (
        "an emptied header with a comment above it stays",
        "# the cache\n[cache]\nsize = 1\n\n[store]\nk = 1\n",
        "rename",
        "cache.size",
        "store.size",
        {},
        "# the cache\n[cache]\n\n[store]\nk = 1\nsize = 1\n",
        set(),
    ),
    (
        "grandparents go only when nothing at all is left under them",
        "[a]\n\n[a.b]\nx = 1\n\n[c]\ny = 2\n",
        "rename",
        "a.b.x",
        "c.x",
        {},
        "[c]\ny = 2\nx = 1\n",
        set(),
    ),
    (
        "a table move leaves an empty parent header only if something else is under it",
        "[a]\n[a.b]\nx = 1\n[a.c]\ny = 2\n",
        "rename",
        "a.b",
        "z.b",
        {},
        "[a]\n[z.b]\nx = 1\n[a.c]\ny = 2\n",
        {"z"},
    ),
    (
        "a key written dotted in its table moves out of the dotted table",
        "[tool.ruff]\nformat.x = 1\nk = 2\n\n[tool.ruff.lint]\nselect = []\n",
        "rename",
        "tool.ruff.format.x",
        "tool.ruff.lint.x",
        {},
        "[tool.ruff]\nk = 2\n\n[tool.ruff.lint]\nselect = []\nx = 1\n",
        set(),
    ),
    # --- values
    ("set a bool", "[a]\nk = false\n", "set-value", "a.k", None, {"value": True}, "[a]\nk = true\n", set()),
    ("set a float", "k = 1\n", "set-value", "k", None, {"value": 2.5}, "k = 2.5\n", set()),
    (
        "a basic string stays basic, with escapes",
        'k = "old"  # c\n',
        "set-value",
        "k",
        None,
        {"value": 'say "hi"\\'},
        'k = "say \\"hi\\"\\\\"  # c\n',
        set(),
    ),
    ("a literal string stays literal", "k = 'old'\n", "set-value", "k", None, {"value": "new"}, "k = 'new'\n", set()),
    (
        "a literal string that cannot hold the text becomes basic",
        "k = 'old'\n",
        "set-value",
        "k",
        None,
        {"value": "it's"},
        'k = "it\'s"\n',
        set(),
    ),
    (
        "an array element",
        "backoff = ['linear', 'fixed']\n",
        "set-value",
        "backoff.[0]",
        None,
        {"value": "exponential"},
        "backoff = ['exponential', 'fixed']\n",
        set(),
    ),
    (
        "a date stays a date literal",
        "day = 2023-05-01\n",
        "set-value",
        "day",
        None,
        {"value": "2024-01-31"},
        "day = 2024-01-31\n",
        set(),
    ),
    (
        "inside an inline table",
        "s = { port = 80 }\n",
        "set-value",
        "s.port",
        None,
        {"value": 8080},
        "s = { port = 8080 }\n",
        set(),
    ),
    # --- add
    (
        "add to an existing table",
        "[hybrid]\nmode = 1\n\n[other]\n",
        "add",
        None,
        "hybrid.enable",
        {"value": True, "has_value": True},
        "[hybrid]\nmode = 1\nenable = true\n\n[other]\n",
        set(),
    ),
    (
        "add with a new parent: a header at the end",
        "[other]\nk = 1\n",
        "add",
        None,
        "hybrid.enable",
        {"value": True, "has_value": True},
        "[other]\nk = 1\n\n[hybrid]\nenable = true\n",
        {"hybrid"},
    ),
    (
        "add a root key: before the first header",
        "[server]\nport = 80\n",
        "add",
        None,
        "version",
        {"value": "2", "has_value": True},
        'version = "2"\n\n[server]\nport = 80\n',
        set(),
    ),
    (
        "add a root key after the last root key",
        "# top\nname = 'x'\n\n[server]\nport = 80\n",
        "add",
        None,
        "version",
        {"value": 2, "has_value": True},
        "# top\nname = 'x'\nversion = 2\n\n[server]\nport = 80\n",
        set(),
    ),
    (
        "add to an empty file",
        "",
        "add",
        None,
        "a.b",
        {"value": 1, "has_value": True},
        "[a]\nb = 1\n",
        {"a"},
    ),
    (
        "add into an array-of-tables element",
        "[[w]]\nn = 1\n\n[[w]]\nn = 2\n",
        "add",
        None,
        "w.[0].m",
        {"value": 0, "has_value": True},
        "[[w]]\nn = 1\nm = 0\n\n[[w]]\nn = 2\n",
        set(),
    ),
    # --- delete and comment out
    (
        "delete keeps the comment lines above",
        "[a]\nx = 1\n# about y\ny = 2  # y\nz = 3\n",
        "delete",
        "a.y",
        None,
        {},
        "[a]\nx = 1\n# about y\nz = 3\n",
        set(),
    ),
    (
        "delete drops one of the two blank lines it would leave",
        "a = 1\n\nb = 2\n\nc = 3\n",
        "delete",
        "b",
        None,
        {},
        "a = 1\n\nc = 3\n",
        set(),
    ),
    (
        "delete with empty parents: the header goes too",
        "[keep]\nk = 1\n\n[legacy.opts]\nfallback = true\n",
        "delete",
        "legacy.opts.fallback",
        None,
        {"remove_empty_parents": True},
        "[keep]\nk = 1\n",
        set(),
    ),
    (
        "delete without empty parents leaves the empty table",
        "[legacy]\nfallback = true\n",
        "delete",
        "legacy.fallback",
        None,
        {},
        "[legacy]\n",
        set(),
    ),
    (
        "delete a whole table: header, body and its sub-tables",
        "[a]\nx = 1\n\n[old]\n# c\ny = 2\n\n[old.sub]\nz = 3\n\n[b]\nw = 4\n",
        "delete",
        "old",
        None,
        {},
        "[a]\nx = 1\n\n[b]\nw = 4\n",
        set(),
    ),
    (
        "delete one array-of-tables element",
        "[[w]]\nn = 1\n\n[[w]]\nn = 2\n",
        "delete",
        "w.[1]",
        None,
        {},
        "[[w]]\nn = 1\n",
        set(),
    ),
    (
        "comment out an entry, a multi-line value line by line",
        "[a]\n  x = 1\n  gossip = [\n    1,\n  ]  # ms\n",
        "comment-out",
        "a.gossip",
        None,
        {"note": "keyshift: a.gossip was removed in 3.0"},
        "[a]\n  x = 1\n  # keyshift: a.gossip was removed in 3.0\n  # gossip = [\n  #   1,\n  # ]  # ms\n",
        set(),
    ),
    (
        "comment out a whole table",
        "[a]\nx = 1\n\n[old]\ny = 2\n\n# next\n[b]\n",
        "comment-out",
        "old",
        None,
        {"note": "gone"},
        "[a]\nx = 1\n\n# gone\n# [old]\n# y = 2\n\n# next\n[b]\n",
        set(),
    ),
    # --- line endings
    (
        "CRLF: new lines use CRLF",
        "[a]\r\nx = 1\r\ny = 2\r\n\r\n[b]\r\nz = 3\r\n",
        "rename",
        "a.y",
        "b.y",
        {},
        "[a]\r\nx = 1\r\n\r\n[b]\r\nz = 3\r\ny = 2\r\n",
        set(),
    ),
    (
        "no final newline: appending at the end adds the newline before",
        "[a]\nx = 1\ny = 2\n\n[b]\nz = 3",
        "rename",
        "a.y",
        "b.y",
        {},
        "[a]\nx = 1\n\n[b]\nz = 3\ny = 2",
        set(),
    ),
    (
        "no final newline: deleting the last line keeps it missing",
        "[a]\nx = 1\ny = 2",
        "delete",
        "a.y",
        None,
        {},
        "[a]\nx = 1",
        set(),
    ),
    (
        "no final newline: a new header at the end",
        "[a]\nx = 1\ny = 2",
        "rename",
        "a.y",
        "b.y",
        {},
        "[a]\nx = 1\n\n[b]\ny = 2",
        {"b"},
    ),
]


@pytest.mark.parametrize(
    ("text", "op", "key", "new", "options", "expected", "creates"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_fix(
    text: str,
    op: FixOp,
    key: str | None,
    new: str | None,
    options: dict[str, Any],
    expected: str,
    creates: set[str],
) -> None:
    output, created = _fix(text, op, key, new, **options)
    assert output == expected
    assert created == {_p(c) for c in creates}
    data = tomllib.loads(output)
    if op in ("rename", "delete", "comment-out"):
        assert key is not None
        assert not _has(data, _p(key))
    if op == "rename":
        assert key is not None and new is not None
        moved = options["value"] if options.get("has_value") else _lookup(tomllib.loads(text), _p(key))
        assert _lookup(data, _p(new)) == moved
    if op == "add":
        assert new is not None
        assert _lookup(data, _p(new)) == options["value"]
    if op == "set-value":
        assert key is not None
        assert str(_lookup(data, _p(key))) == str(options["value"])  # a date decodes to a date


CANNOT_CASES: list[tuple[str, str, FixOp, str | None, str | None, dict[str, Any], str]] = [
    ("null value", "k = 1\n", "set-value", "k", None, {"value": None}, "TOML has no null value"),
    ("target exists", "a = 1\nb = 2\n", "rename", "a", "b", {}, "b already exists"),
    (
        "table target exists",
        "[a]\nx = 1\n[b]\ny = 2\n",
        "rename",
        "a",
        "b",
        {},
        "b already exists",
    ),
    (
        "move out of an inline table",
        "s = { a = 1 }\n[t]\n",
        "rename",
        "s.a",
        "t.a",
        {},
        "inside an inline table",
    ),
    ("delete inside an inline table", "s = { a = 1, b = 2 }\n", "delete", "s.a", None, {}, "inline table"),
    (
        "comment out inside an inline table",
        "s = { a = 1, b = 2 }\n",
        "comment-out",
        "s.a",
        None,
        {"note": "x"},
        "inline table",
    ),
    ("move into an inline table", "s = { a = 1 }\nb = 2\n", "rename", "b", "s.b", {}, "s is an inline table"),
    ("add into an inline table", "s = { a = 1 }\n", "add", None, "s.b", {"value": 1}, "s is an inline table"),
    (
        "move out of an array of tables",
        "[[w]]\nn = 1\n[t]\n",
        "rename",
        "w.[0].n",
        "t.n",
        {},
        "array of tables",
    ),
    ("move into an array of tables", "[[w]]\nn = 1\n[t]\nm = 1\n", "rename", "t.m", "w.m", {}, "array of tables"),
    ("parent is a value", "a = 1\nb = 2\n", "rename", "b", "a.b", {}, "a holds a value, not a table"),
    ("set a list to a scalar", "a = [1]\n", "set-value", "a", None, {"value": 1}, "holds a list"),
    ("set a table to a scalar", "[a]\nx = 1\n", "set-value", "a", None, {"value": 1}, "is a table"),
    (
        "a table written with dotted keys cannot move",
        "[a]\nb.c = 1\nb.d = 2\n[z]\n",
        "rename",
        "a.b",
        "z.b",
        {},
        "a.b is written with dotted keys",
    ),
    (
        "an array element has no key",
        "a = [1, 2]\n",
        "rename",
        "a.[0]",
        "b",
        {},
        "array element",
    ),
    (
        "delete an element that others follow",
        "[[w]]\nn = 1\n[[w]]\nn = 2\n",
        "delete",
        "w.[0]",
        None,
        {},
        "not the last element",
    ),
    ("move a table into itself", "[a]\nx = 1\n", "rename", "a", "a.b.a", {}, "into itself"),
    ("rename a value onto its own name", "a = 1\n", "rename", "a", "a", {}, "already has that name"),
    (
        "a new table cannot go inside an array-of-tables element",
        "[[w]]\nn = 1\n[t]\nk = 1\n",
        "add",
        None,
        "w.[0].sub.k",
        {"value": 1},
        "cannot create a table inside w",
    ),
    (
        "add under an array-of-tables element that is not there",
        "[[w]]\nn = 1\n",
        "add",
        None,
        "w.[3].n",
        {"value": 1},
        "add the key by hand",
    ),
]


@pytest.mark.parametrize(
    ("text", "op", "key", "new", "options", "message"),
    [case[1:] for case in CANNOT_CASES],
    ids=[case[0] for case in CANNOT_CASES],
)
def test_cannot_fix(
    text: str, op: FixOp, key: str | None, new: str | None, options: dict[str, Any], message: str
) -> None:
    with pytest.raises(CannotFix, match=message):
        _fix(text, op, key, new, **options)


def test_passes_converge_like_the_engine() -> None:
    """Fixes that create the same table go into separate passes; the second finds the table."""
    text = RUFF
    for key in ("tool.ruff.select", "tool.ruff.ignore"):
        new = key.replace("tool.ruff.", "tool.ruff.lint.")
        text, _ = _fix(text, "rename", key, new)
    assert text == (
        '[project]\nname = "demo"\n\n[tool.ruff]\nline-length = 100\n\n[tool.ruff.isort]\n'
        'known-first-party = ["demo"]\n\n[tool.ruff.lint]\n# Rules to enable\nselect = [\n    "E",\n    "F",\n'
        ']  # the basics\nignore = ["E501"]\n\n# formatter settings\n[tool.black]\nline-length = 100\n'
    )


def test_plan_is_pure_and_repeatable() -> None:
    parsed = parse(RUFF)
    request = _request(parsed, "rename", "tool.ruff.select", "tool.ruff.lint.select")
    assert plan_fix(parsed, request) == plan_fix(parsed, request)


@pytest.mark.parametrize(
    ("old", "value", "written"),
    [
        ("1", True, "true"),
        ("1", False, "false"),
        ("1", -3, "-3"),
        ("1", 1e100, "1e+100"),
        ("1", float("inf"), "inf"),
        ("1", float("-inf"), "-inf"),
        ("1", float("nan"), "nan"),
        ("1", "text", '"text"'),
        ('"x"', "tab\there", '"tab\\there"'),
        ('"x"', "bell\x07", '"bell\\u0007"'),
        ("'x'", "a\nb", '"a\\nb"'),
        ('"""x"""', "a\nb", '"""a\\nb"""'),
        ("'''x'''", "plain", "'''plain'''"),
        ("'''x'''", "it's", '"""it\'s"""'),
        ("2023-05-01", "not a date", '"not a date"'),
        ("07:32:00", "08:00:00", "08:00:00"),
        ("1979-05-27", "1979-05-27 07:32:00Z", "1979-05-27 07:32:00Z"),
        ("1979-05-27", "2024-01-01 # not a date", '"2024-01-01 # not a date"'),
    ],
)
def test_value_spelling(old: str, value: Scalar, written: str) -> None:
    output, _ = _fix(f"k = {old}\n", "set-value", "k", None, value=value)
    assert output == f"k = {written}\n"
