"""Tests for the TOML fixer's renames and moves: each request applied to an input text gives this exact output
text.  (Other edits: ``test_toml_fix_edits``; refusals: ``test_toml_fix_refused``.)"""

from __future__ import annotations

from fix import reparse
from keyshift.formats.toml.fix import plan_fix
from keyshift.formats.toml.parse import parse
from support.fix_cases import FixCase, check_fix, fix_request, run_fix
from support.tables import each_case

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


RENAME_CASES: list[FixCase] = [
    # --- rename, same parent
    FixCase(
        "rename bare key", 'a = 1\nb = "x"  # keep\n', "rename", ("b",), 'a = 1\nc = "x"  # keep\n', new_path=("c",)
    ),
    FixCase(
        "rename the last segment of a dotted key",
        "[tool]\nruff.select = []\n",
        "rename",
        ("tool", "ruff", "select"),
        "[tool]\nruff.choose = []\n",
        new_path=("tool", "ruff", "choose"),
    ),
    FixCase(
        "rename to a key that needs quotes: basic for a bare key",
        "[a]\nk = 1\n",
        "rename",
        ("a", "k"),
        '[a]\n"k k" = 1\n',
        new_path=("a", "k k"),
    ),
    FixCase(
        "rename keeps a literal-quoted key's style",
        "[a]\n'k.x' = 1\n",
        "rename",
        ("a", "k.x"),
        "[a]\n'k.y' = 1\n",
        new_path=("a", "k.y"),
    ),
    FixCase(
        "literal quotes cannot hold an apostrophe: basic quotes",
        "[a]\n'k.x' = 1\n",
        "rename",
        ("a", "k.x"),
        '[a]\n"it\'s" = 1\n',
        new_path=("a", "it's"),
    ),
    FixCase(
        "rename with a mapped value, keeping the spacing",
        "[hybrid]\nlegacy_mode   =   'on'   # old\n",
        "rename",
        ("hybrid", "legacy_mode"),
        "[hybrid]\nenable   =   true   # old\n",
        new_path=("hybrid", "enable"),
        value=True,
        has_value=True,
    ),
    FixCase(
        "rename inside an inline table",
        "server = { host = 'h', port = 80 }\n",
        "rename",
        ("server", "host"),
        "server = { hostname = 'h', port = 80 }\n",
        new_path=("server", "hostname"),
    ),
    FixCase(
        "rename inside an array-of-tables element",
        '[[fruit]]\nname = "apple"\n\n[[fruit]]\nname = "pear"\n',
        "rename",
        ("fruit", "[1]", "name"),
        '[[fruit]]\nname = "apple"\n\n[[fruit]]\ntitle = "pear"\n',
        new_path=("fruit", "[1]", "title"),
    ),
    # --- tables defined by headers
    FixCase(
        "rename a table: its header and its sub-tables' headers",
        "[a.b]\nx = 1\n\n[a.b.c]\ny = 2\n\n[[a.b.list]]\nz = 3\n",
        "rename",
        ("a", "b"),
        "[a.d]\nx = 1\n\n[a.d.c]\ny = 2\n\n[[a.d.list]]\nz = 3\n",
        new_path=("a", "d"),
    ),
    FixCase(
        "move a table to another parent by rewriting its header",
        RUFF,
        "rename",
        ("tool", "ruff", "isort"),
        RUFF.replace("[tool.ruff.isort]", "[tool.ruff.lint.isort]"),
        new_path=("tool", "ruff", "lint", "isort"),
        creates=frozenset({("tool", "ruff", "lint")}),
    ),
    FixCase(
        "rename an array of tables",
        "[[fruit]]\nname = 1\n[fruit.info]\nx = 1\n[[fruit]]\nname = 2\n",
        "rename",
        ("fruit",),
        "[[fruits]]\nname = 1\n[fruits.info]\nx = 1\n[[fruits]]\nname = 2\n",
        new_path=("fruits",),
    ),
    FixCase(
        "a quoted header segment keeps its quotes",
        "['my.app'.\"old name\"]\nk = 1\n",
        "rename",
        ("my.app", "old name"),
        "['my.app'.\"new name\"]\nk = 1\n",
        new_path=("my.app", "new name"),
    ),
    # --- moves to an existing parent
    FixCase(
        "move to an existing table: after its last entry, comment lines and trailing comment along",
        RUFF + "\n[tool.ruff.lint]\npreview = true\n",
        "rename",
        ("tool", "ruff", "select"),
        RUFF.replace('# Rules to enable\nselect = [\n    "E",\n    "F",\n]  # the basics\n', "")
        + '\n[tool.ruff.lint]\npreview = true\n# Rules to enable\nselect = [\n    "E",\n    "F",\n]  # the basics\n',
        new_path=("tool", "ruff", "lint", "select"),
    ),
    FixCase(
        "move into an empty table",
        "[a]\nx = 1\ny = 2\n\n[b]\n\n[c]\n",
        "rename",
        ("a", "y"),
        "[a]\nx = 1\n\n[b]\ny = 2\n\n[c]\n",
        new_path=("b", "y"),
    ),
    FixCase(
        "move into a table whose entries are indented: sibling indentation, continuation lines follow",
        "[a]\nlist = [\n  1,\n]\n\n[b]\n    k = 1\n",
        "rename",
        ("a", "list"),
        "[b]\n    k = 1\n    list = [\n      1,\n    ]\n",
        new_path=("b", "list"),
    ),
    FixCase(
        "a multi-line string moves whole, its lines untouched",
        '[a]\nk = 1\ndoc = """\n  one\ntwo"""\n\n[b]\n  z = 0\n',
        "rename",
        ("a", "doc"),
        '[a]\nk = 1\n\n[b]\n  z = 0\n  doc = """\n  one\ntwo"""\n',
        new_path=("b", "doc"),
    ),
    FixCase(
        "move to the root: after the last root key, never under a table",
        "name = 1\n\n[server]\nport = 80\nhost = 'h'\n",
        "rename",
        ("server", "host"),
        "name = 1\nhost = 'h'\n\n[server]\nport = 80\n",
        new_path=("host",),
    ),
    FixCase(
        "move to a root without keys: after the leading comment block",
        "# settings\n\n[server]\nport = 80\nhost = 'h'\n",
        "rename",
        ("server", "host"),
        "# settings\nhost = 'h'\n\n[server]\nport = 80\n",
        new_path=("host",),
    ),
    FixCase(
        "move to a root without keys or comments: at the very top",
        "[server]\nport = 80\nhost = 'h'\n",
        "rename",
        ("server", "host"),
        "host = 'h'\n\n[server]\nport = 80\n",
        new_path=("host",),
    ),
    FixCase(
        "move next to dotted siblings in the table that writes them",
        "[tool.ruff]\nlint.ignore = []\nselect = []\nline-length = 1\n",
        "rename",
        ("tool", "ruff", "select"),
        "[tool.ruff]\nlint.ignore = []\nlint.select = []\nline-length = 1\n",
        new_path=("tool", "ruff", "lint", "select"),
    ),
    # --- moves that create the parent
    FixCase(
        "create a header after the section and its sub-tables",
        RUFF,
        "rename",
        ("tool", "ruff", "select"),
        RUFF.replace('# Rules to enable\nselect = [\n    "E",\n    "F",\n]  # the basics\n', "").replace(
            'known-first-party = ["demo"]\n',
            'known-first-party = ["demo"]\n\n[tool.ruff.lint]\n# Rules to enable\nselect = [\n    "E",\n'
            '    "F",\n]  # the basics\n',
        ),
        new_path=("tool", "ruff", "lint", "select"),
        creates=frozenset({("tool", "ruff", "lint")}),
    ),
    FixCase(
        "create a dotted key where the table already writes dotted keys",
        "[tool.ruff]\nformat.quote-style = 'single'\nselect = ['E']\nline-length = 1\n",
        "rename",
        ("tool", "ruff", "select"),
        "[tool.ruff]\nformat.quote-style = 'single'\nline-length = 1\nlint.select = ['E']\n",
        new_path=("tool", "ruff", "lint", "select"),
        creates=frozenset({("tool", "ruff", "lint")}),
    ),
    FixCase(
        "a table implied by a sub-table header gets a header, never a dotted key",
        "[tool.ruff]\nformat.x = 1\nselect = []\n\n[tool.ruff.lint.isort]\nk = 1\n",
        "rename",
        ("tool", "ruff", "select"),
        "[tool.ruff]\nformat.x = 1\n\n[tool.ruff.lint.isort]\nk = 1\n\n[tool.ruff.lint]\nselect = []\n",
        new_path=("tool", "ruff", "lint", "select"),
        creates=frozenset({("tool", "ruff", "lint")}),
    ),
    FixCase(
        "the file puts no blank line before headers: neither does the new one",
        "[a]\nx = 1\ny = 2\n[b]\nz = 3\n",
        "rename",
        ("a", "y"),
        "[a]\nx = 1\n[a.c]\ny = 2\n[b]\nz = 3\n",
        new_path=("a", "c", "y"),
        creates=frozenset({("a", "c")}),
    ),
    FixCase(
        "a new top-level table goes at the end",
        "# ruff.toml\nline-length = 88\nselect = ['E']\n\n[format]\nquote-style = 'double'\n",
        "rename",
        ("select",),
        "# ruff.toml\nline-length = 88\n\n[format]\nquote-style = 'double'\n\n[lint]\nselect = ['E']\n",
        new_path=("lint", "select"),
        creates=frozenset({("lint",)}),
    ),
    FixCase(
        "a root that writes dotted keys gets a dotted key",
        "a.x = 1\nb = 2\n",
        "rename",
        ("b",),
        "a.x = 1\nc.b = 2\n",
        new_path=("c", "b"),
        creates=frozenset({("c",)}),
    ),
    FixCase(
        "the only entry of a table: the header is rewritten in place",
        "[tool.ruff.isort]\n# ours\nknown = ['x']\n\n[tool.black]\nk = 1\n",
        "rename",
        ("tool", "ruff", "isort", "known"),
        "[tool.ruff.lint.isort]\n# ours\nknown-first-party = ['x']\n\n[tool.black]\nk = 1\n",
        new_path=("tool", "ruff", "lint", "isort", "known-first-party"),
        creates=frozenset({("tool", "ruff", "lint"), ("tool", "ruff", "lint", "isort")}),
    ),
    FixCase(
        "a parent left empty by the move is removed, with its blank line",
        "[a]\nx = 1\n\n[b]\ny = 2\n\n[c]\nz = 3\n",
        "rename",
        ("b", "y"),
        "[a]\nx = 1\n\n[c]\nz = 3\ny = 2\n",
        new_path=("c", "y"),
    ),
    FixCase(
        "a parent holding a comment stays",
        "[b]\n# note\n\ny = 2\n\n[c]\nz = 3\n",
        "rename",
        ("b", "y"),
        "[b]\n# note\n\n[c]\nz = 3\ny = 2\n",
        new_path=("c", "y"),
    ),
    FixCase(
        "a header emptied by the move goes even with sub-tables left (they keep the table)",
        "[spring.redis]\nport = 1\n\n[spring.redis.pool]\nmax = 8\n\n[spring.data.redis]\nhost = 'h'\n",
        "rename",
        ("spring", "redis", "port"),
        "[spring.redis.pool]\nmax = 8\n\n[spring.data.redis]\nhost = 'h'\nport = 1\n",
        new_path=("spring", "data", "redis", "port"),
    ),
    FixCase(
        "the only entry moving under its own table: the header is rewritten",
        "[tool.ruff]\nselect = ['E']\n\n[tool.ruff.isort]\nk = 1\n",
        "rename",
        ("tool", "ruff", "select"),
        "[tool.ruff.lint]\nselect = ['E']\n\n[tool.ruff.isort]\nk = 1\n",
        new_path=("tool", "ruff", "lint", "select"),
        creates=frozenset({("tool", "ruff", "lint")}),
    ),
    FixCase(
        "an emptied header with a comment above it stays",
        "# the cache\n[cache]\nsize = 1\n\n[store]\nk = 1\n",
        "rename",
        ("cache", "size"),
        "# the cache\n[cache]\n\n[store]\nk = 1\nsize = 1\n",
        new_path=("store", "size"),
    ),
    FixCase(
        "grandparents go only when nothing at all is left under them",
        "[a]\n\n[a.b]\nx = 1\n\n[c]\ny = 2\n",
        "rename",
        ("a", "b", "x"),
        "[c]\ny = 2\nx = 1\n",
        new_path=("c", "x"),
    ),
    FixCase(
        "a table move leaves an empty parent header only if something else is under it",
        "[a]\n[a.b]\nx = 1\n[a.c]\ny = 2\n",
        "rename",
        ("a", "b"),
        "[a]\n[z.b]\nx = 1\n[a.c]\ny = 2\n",
        new_path=("z", "b"),
        creates=frozenset({("z",)}),
    ),
    FixCase(
        "a key written dotted in its table moves out of the dotted table",
        "[tool.ruff]\nformat.x = 1\nk = 2\n\n[tool.ruff.lint]\nselect = []\n",
        "rename",
        ("tool", "ruff", "format", "x"),
        "[tool.ruff]\nk = 2\n\n[tool.ruff.lint]\nselect = []\nx = 1\n",
        new_path=("tool", "ruff", "lint", "x"),
    ),
]


@each_case(RENAME_CASES)
def test_fix(case: FixCase) -> None:
    check_fix(case, parse, plan_fix, reparse.toml)


def test_passes_converge_like_the_engine() -> None:
    """Fixes that create the same table go into separate passes; the second finds the table."""
    text = RUFF
    for key in ("select", "ignore"):
        case = FixCase("", text, "rename", ("tool", "ruff", key), "", new_path=("tool", "ruff", "lint", key))
        text = run_fix(case, parse, plan_fix).output
    assert text == (
        '[project]\nname = "demo"\n\n[tool.ruff]\nline-length = 100\n\n[tool.ruff.isort]\n'
        'known-first-party = ["demo"]\n\n[tool.ruff.lint]\n# Rules to enable\nselect = [\n    "E",\n    "F",\n'
        ']  # the basics\nignore = ["E501"]\n\n# formatter settings\n[tool.black]\nline-length = 100\n'
    )


def test_plan_is_pure_and_repeatable() -> None:
    parsed = parse(RUFF)
    case = FixCase("", RUFF, "rename", ("tool", "ruff", "select"), "", new_path=("tool", "ruff", "lint", "select"))
    request = fix_request(parsed, case)
    assert plan_fix(parsed, request) == plan_fix(parsed, request)
