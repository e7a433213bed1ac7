"""Tests for the Python source adapter: key literals, env names, chains, exact positions and errors."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from keyshift.core.model import Occurrence
from keyshift.core.positions import LineIndex
from keyshift.formats.python import _errors
from keyshift.formats.python.parse import PyLiteral, PythonTree, parse, parse_round_trip
from support.parsing import Parse, assert_syntax_error, parse_or_refuse, syntax_error
from support.rows import at, rows
from support.tables import each_row

# (found, path, key span, kind of spelling)
Row = tuple[str, tuple[str, ...], str, str]
COLUMNS = ("found", "path", "key_span")


DTEN_LEGACY = ("dten", "hybrid", "legacy_mode")

# every test runs on both parsers: the check path's (CPython's ast) and the fixer's (libcst)
both_parsers = pytest.mark.parametrize("parse", [parse, parse_round_trip], ids=["ast", "libcst"])

OCCURRENCE_CASES: list[tuple[str, str, list[Row]]] = [
    (
        "config.get",
        'value = config.get("dten.hybrid.legacy_mode")\n',
        [("dten.hybrid.legacy_mode", DTEN_LEGACY, "1:20-1:45", "dotted")],
    ),
    (
        "settings subscript",
        'backoff = settings["dten.sync.backoff"]\n',
        [("dten.sync.backoff", ("dten", "sync", "backoff"), "1:20-1:39", "dotted")],
    ),
    (
        "os.environ",
        'import os\nmode = os.environ["DTEN_HYBRID_LEGACY_MODE"]\n',
        [("DTEN_HYBRID_LEGACY_MODE", ("DTEN_HYBRID_LEGACY_MODE",), "2:19-2:44", "env")],
    ),
    (
        "os.getenv with a default that is not a key",
        'mode = os.getenv("DTEN_SYNC_BACKOFF", "linear")\n',
        [("DTEN_SYNC_BACKOFF", ("DTEN_SYNC_BACKOFF",), "1:18-1:37", "env")],
    ),
    (
        "os.environ.get is a chain of one: just the env name",
        'os.environ.get("DTEN_TOKEN")\n',
        [("DTEN_TOKEN", ("DTEN_TOKEN",), "1:16-1:28", "env")],
    ),
    (
        "module constant",
        'LEGACY = "dten.hybrid.legacy_mode"\nOTHER = 1\n',
        [("dten.hybrid.legacy_mode", DTEN_LEGACY, "1:10-1:35", "dotted")],
    ),
    (
        "decorator argument",
        '@app.route("dten.api.path")\ndef f():\n    pass\n',
        [("dten.api.path", ("dten", "api", "path"), "1:12-1:27", "dotted")],
    ),
    (
        "keyword arguments",
        'load(key="dten.cache.size_mb", env="DTEN_CACHE_SIZE_MB")\n',
        [
            ("dten.cache.size_mb", ("dten", "cache", "size_mb"), "1:10-1:30", "dotted"),
            ("DTEN_CACHE_SIZE_MB", ("DTEN_CACHE_SIZE_MB",), "1:36-1:56", "env"),
        ],
    ),
    (
        "f-string without placeholders: the span includes the prefix",
        'k = f"dten.hybrid.enable"\n',
        [("dten.hybrid.enable", ("dten", "hybrid", "enable"), "1:5-1:26", "dotted")],
    ),
    (
        "raw, byte and unicode prefixes in any case",
        'a = r"dten.x.y"\nb = b"dten.x.y"\nc = U"dten.x.y"\nd = Rb\'dten.x.y\'\n',
        [
            ("dten.x.y", ("dten", "x", "y"), "1:5-1:16", "dotted"),
            ("dten.x.y", ("dten", "x", "y"), "2:5-2:16", "dotted"),
            ("dten.x.y", ("dten", "x", "y"), "3:5-3:16", "dotted"),
            ("dten.x.y", ("dten", "x", "y"), "4:5-4:17", "dotted"),
        ],
    ),
    (
        "triple quotes",
        "k = \"\"\"dten.hybrid.enable\"\"\"\nj = '''DTEN_X_Y'''\n",
        [
            ("dten.hybrid.enable", ("dten", "hybrid", "enable"), "1:5-1:29", "dotted"),
            ("DTEN_X_Y", ("DTEN_X_Y",), "2:5-2:19", "env"),
        ],
    ),
    (
        "escapes are decoded; the span is the literal as written",
        'k = "dten\\x2ehybrid.enable"\n',
        [("dten.hybrid.enable", ("dten", "hybrid", "enable"), "1:5-1:28", "dotted")],
    ),
    (
        "indexes in a dotted key",
        'h = get("spec.rules[0].host")\n',
        [("spec.rules[0].host", ("spec", "rules", "[0]", "host"), "1:9-1:29", "dotted")],
    ),
    (
        "columns count characters",
        'x = ("é", "dten.a.b")\n',
        [("dten.a.b", ("dten", "a", "b"), "1:11-1:21", "dotted")],
    ),
    (
        "CRLF line endings",
        'a = 1\r\nb = "dten.a.b"\r\n',
        [("dten.a.b", ("dten", "a", "b"), "2:5-2:15", "dotted")],
    ),
    (
        "docstring and dict key",
        '"""dten.hybrid.enable"""\nD = {"dten.a.b": 1}\n',
        [
            ("dten.hybrid.enable", ("dten", "hybrid", "enable"), "1:1-1:25", "dotted"),
            ("dten.a.b", ("dten", "a", "b"), "2:6-2:16", "dotted"),
        ],
    ),
    (
        "literal inside an f-string placeholder",
        "m = f\"{cfg['dten.a.b']}\"\n",
        [("dten.a.b", ("dten", "a", "b"), "1:12-1:22", "dotted")],
    ),
    (
        "file names are kept: only the matcher knows",
        'open("config.yaml")\n',
        [("config.yaml", ("config", "yaml"), "1:6-1:19", "dotted")],
    ),
    (
        "chain of subscripts points at its first literal",
        'flag = cfg["dten"]["hybrid"]["legacy_mode"]\n',
        [("dten.hybrid.legacy_mode", DTEN_LEGACY, "1:12-1:18", "chain")],
    ),
    (
        "chain of .get calls",
        'flag = cfg.get("dten", {}).get("hybrid").get("legacy_mode")\n',
        [("dten.hybrid.legacy_mode", DTEN_LEGACY, "1:16-1:22", "chain")],
    ),
    (
        "mixed subscript and .get",
        'x = settings["a"].get("b")\n',
        [("a.b", ("a", "b"), "1:14-1:17", "chain")],
    ),
    (
        "a chain followed by a method call",
        'x = cfg["a"]["b"].strip()\n',
        [("a.b", ("a", "b"), "1:9-1:12", "chain")],
    ),
    (
        "a chain over several lines",
        'x = (\n    cfg["dten"]  # first\n    ["hybrid"]\n)\n',
        [("dten.hybrid", ("dten", "hybrid"), "2:9-2:15", "chain")],
    ),
    (
        "only the longest chain; a chain split over statements is two lookups",
        'h = cfg["dten"]["hybrid"]\nflag = h["legacy_mode"]\n',
        [("dten.hybrid", ("dten", "hybrid"), "1:9-1:15", "chain")],
    ),
    (
        "integer indexes inside a chain",
        'host = doc["spec"]["rules"][0]["host"]\n',
        [("spec.rules[0].host", ("spec", "rules", "[0]", "host"), "1:12-1:18", "chain")],
    ),
    (
        "a chain starts after a non-literal lookup",
        'v = cfg[name]["a"]["b"]\n',
        [("a.b", ("a", "b"), "1:15-1:18", "chain")],
    ),
    (
        "leading integer indexes are not part of the chain",
        'v = rows[0]["a"]["b"]\n',
        [("a.b", ("a", "b"), "1:13-1:16", "chain")],
    ),
    (
        "a dotted literal in a chain gives all its segments and is not reported alone",
        'v = cfg["dten.hybrid"]["enable"]\n',
        [("dten.hybrid.enable", ("dten", "hybrid", "enable"), "1:9-1:22", "chain")],
    ),
    (
        "chains and literals in one call",
        'print(cfg["a"]["b"], os.environ["HOME_DIR"])\n',
        [
            ("a.b", ("a", "b"), "1:11-1:14", "chain"),
            ("HOME_DIR", ("HOME_DIR",), "1:33-1:43", "env"),
        ],
    ),
    ("a chain of one is not a chain", 'v = cfg["dten"]\nw = cfg.get("dten")\n', []),
    ("a .get whose key is a keyword argument breaks the chain", 'v = cfg.get(key="a").get("b")\n', []),
    ("a non-literal .get breaks the chain", 'x = cfg.get("a").get(k).get("b")\n', []),
    ("a sentence breaks the chain", 'x = msgs["see docs"]["b"]\n', []),
    (
        "strings that are not keys",
        'xs = ["dten", "see docs. Then", "https://a.b", "1.2.3", "v1.2", "python3.11", "a b.c", "a..b",'
        ' ".a.b", "a.b.", "path/to.x", "x:y.z", "lower_case", "Mixed_Case", "A", "ABC", "_A_B", "ä.b",'
        ' "a.{b}", f"{x}.y", b"\\xff.a", "a.b\\n"]\n',
        [],
    ),
    ("implicit concatenation is skipped with its parts", 'k = "dten.hybrid" ".enable" "dten.a.b"\n', []),
    (
        "a placeholder inside a concatenation is still searched",
        "k = \"dten.a.b\" f\"{cfg['dten.x.y']}\" 'dten.c.d'\n",
        [("dten.x.y", ("dten", "x", "y"), "1:23-1:33", "dotted")],
    ),
    (
        "a lone CR ends a line for Python, not for keyshift's positions; CRLF is one line ending",
        'import os\ry = os.environ["DTEN_A"]\r\nz = cfg["a"]["b"]\n',
        [("DTEN_A", ("DTEN_A",), "1:26-1:34", "env"), ("a.b", ("a", "b"), "2:9-2:12", "chain")],
    ),
    (
        "U+2028, NEL and a form feed are characters of their line",
        'x = "\u2028\x85"\x0c; k = "dten.a.b"\rw = cfg.get("a")["x"]\n',
        [("dten.a.b", ("dten", "a", "b"), "1:16-1:26", "dotted"), ("a.x", ("a", "x"), "1:39-1:42", "chain")],
    ),
    ("empty file", "", []),
]


@both_parsers
@each_row(("text", "expected"), OCCURRENCE_CASES)
def test_occurrences(parse: Parse, text: str, expected: list[Row]) -> None:
    parsed = parse(text)
    tree = parsed.tree
    assert isinstance(tree, PythonTree)
    assert len(tree.refs) == len(parsed.documents[0].occurrences)
    got = [(*row, ref.kind) for row, ref in zip(rows(parsed, COLUMNS), tree.refs, strict=True)]
    assert got == expected


@both_parsers
def test_occurrence_fields(parse: Parse) -> None:
    parsed = parse('x = cfg["a"]["b"]\ny = "DTEN_A_B"\n')
    assert parsed.format == "python"
    assert parsed.typed is True
    assert parsed.text == 'x = cfg["a"]["b"]\ny = "DTEN_A_B"\n'
    (document,) = parsed.documents
    assert document.index == 0
    assert document.root_kind is None
    assert at(document.span) == "1:1-3:1"
    for occurrence in document.occurrences:
        assert occurrence.form == "literal"
        assert occurrence.value_kind == "scalar"
        assert occurrence.value is None
        assert occurrence.value_span is None
        assert not occurrence.implicit
        assert not occurrence.is_element
    first = document.occurrences[0]
    assert first == Occurrence(
        path=("a", "b"),
        found="a.b",
        key_span=first.key_span,
        value_span=None,
        value_kind="scalar",
        form="literal",
    )
    assert (first.key_span.start.offset, first.key_span.end.offset) == (8, 11)


@both_parsers
def test_tree_keeps_every_literal_with_prefix_and_quotes(parse: Parse) -> None:
    text = "x = cfg[r\"a\"]['''b.c'''][2]\ny = Rb'dten.x.y'\n"
    parsed = parse(text)
    tree = parsed.tree
    assert isinstance(tree, PythonTree)
    chain, single = tree.refs
    assert chain.kind == "chain"
    assert chain.literals == (
        PyLiteral(8, 12, "r", '"', "a", ("a",)),
        PyLiteral(14, 23, "", "'''", "b.c", ("b", "c")),
        PyLiteral(25, 26, "", "", "2", ("[2]",)),
    )
    assert [text[lit.content_start : lit.content_end] for lit in chain.literals] == ["a", "b.c", "2"]
    assert [lit.is_string for lit in chain.literals] == [True, True, False]
    assert single.kind == "dotted"
    assert single.literals == (PyLiteral(32, 44, "Rb", "'", "dten.x.y", ("dten", "x", "y")),)
    assert text[single.literals[0].content_start : single.literals[0].content_end] == "dten.x.y"
    assert parsed.documents[0].occurrences[0].path == ("a", "b", "c", "[2]")


SYNTAX_ERROR_CASES: list[tuple[str, str, str, int, int]] = [
    ("python 2 print", 'print "x"\n', "Missing parentheses", 1, 1),
    ("unclosed bracket", "x = (\n", "'(' was never closed", 1, 5),
    ("bad parameter", "def f(:\n    pass\n", "invalid syntax", 1, 7),
    ("unexpected indent (CPython points into the indentation)", "x = 1\n  y = 2\n", "unexpected indent", 2, 2),
    ("unterminated string", 'k = "abc\n', "unterminated string literal", 1, 5),
    ("NUL byte", "x = 1\x00\n", "null bytes", 1, 6),
    ("binary-ish text", "\x7fELF\x02\x01\x01\x03", "invalid non-printable character", 1, 1),
    ("final lone CR", "a = 1\rb = 2\r", "cannot reproduce this file exactly", 1, 1),
    # CPython counts a lone CR as a line break, keyshift does not: the line, and the line in the message, are keyshift's
    (
        "after lone CRs",
        'import os\r\ry = os.environ["X"]\nz = "unterminated\n',
        "unterminated string literal (detected at line 2)",
        2,
        5,
    ),
    ("CRLF is one line break", "x = 1\r\ny = (\r\n", "'(' was never closed", 2, 5),
    (
        "a bracket opened lines before, by CPython's count",
        "é = (1,\r2\rb ]\n",
        "does not match opening parenthesis '(' on line 1",
        1,
        13,
    ),
    ("a triple-quoted string over lone CRs", 'x = """abc\r\rdef\n', "(detected at line 1)", 1, 5),
    ("unindent after lone CRs", "if x:\r  y\r z\r\n", "unindent does not match", 1, 13),
    ("a form feed after a lone CR", "a = 1\r\x0cb c\n", "invalid syntax", 1, 10),
    ("U+2028 and NEL are one column each", 'x = "\u2028\x85" +\n', "invalid syntax", 1, 11),
]


@both_parsers
@each_row(("text", "message", "line", "column"), SYNTAX_ERROR_CASES)
def test_syntax_errors(parse: Parse, text: str, message: str, line: int, column: int) -> None:
    assert_syntax_error(parse, text, message, line, column)


@both_parsers
def test_deep_nesting(parse: Parse, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "x = " + " + ".join(['"a.b"'] * 500) + "\n"
    assert len(parse(text).documents[0].occurrences) == 500
    limit = sys.getrecursionlimit()
    # deeper than MAX_DEPTH: refused before libcst, which would crash or crawl on such trees (and by
    # the check path too, so that both read the same files)
    monkeypatch.setattr(_errors, "MAX_DEPTH", 300)
    error = syntax_error(parse, "x = " + " + ".join(["1"] * 400) + "\n")
    assert error.message == "nested more than 300 levels deep; keyshift does not analyse such code"
    assert error.line == 1
    assert sys.getrecursionlimit() == limit
    # what CPython itself refuses is a syntax error at its position
    refused = syntax_error(parse, "x = " + "(" * 300 + "1" + ")" * 300 + "\n")
    assert (refused.message, refused.line) == ("too many nested parentheses", 1)
    # the position is keyshift's: a lone CR ends no line, a column counts characters (not UTF-8 bytes)
    text = "é = 0\rx = " + " + ".join(["1"] * 400) + "\n"
    error = syntax_error(parse, text)
    assert (error.line, text[LineIndex(text).offset(error.line, error.column)]) == (1, "1")


@both_parsers
def test_nesting_far_deeper_than_the_limit_is_refused_not_a_crash(parse: Parse) -> None:
    error = syntax_error(parse, "x = " + " + ".join(["cfg['a']['b']"] * 1500) + "\n")
    assert error.message == "nested more than 1000 levels deep; keyshift does not analyse such code"
    # far deeper, CPython itself gives up building the tree
    error = syntax_error(parse, "x = " + " + ".join(["cfg['a']['b']"] * 20_000) + "\n")
    assert error.message.startswith("Python cannot parse this file (maximum recursion depth exceeded")


@both_parsers
def test_garbage_never_raises_anything_but_syntax_errors(parse: Parse) -> None:
    source = 'import os\n\n@deco("a.b")\ndef f(cfg):\n    """Doc."""\n    return cfg["a"].get("b", os.getenv("A_B"))\n'
    samples = [source[:cut] for cut in range(len(source))]
    rng = random.Random(4)
    alphabet = "abc()[]{}'\":.,=\\\n\t #@fr\x01\x7f\u00e9"
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))) for _ in range(150)]
    samples += [bytes(rng.randrange(1, 256) for _ in range(30)).decode("latin-1") for _ in range(50)]
    for sample in samples:
        parsed = parse_or_refuse(parse, sample)
        assert parsed is None or parsed.text == sample


def test_libcst_is_not_imported_with_keyshift_nor_by_the_check_path_parser() -> None:
    code = (
        "import sys, keyshift.cli, keyshift.formats\n"
        "from keyshift.formats import get_parser\n"
        "found = get_parser('python')('k = cfg[\"a\"][\"b\"]\\n').documents[0].occurrences\n"
        "print(len(found), 'libcst' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "1 False"
