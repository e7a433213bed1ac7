"""Tests for the shell adapter: assignments, references and tokens with exact positions."""

from __future__ import annotations

import pytest

from keyshift.core.model import Scalar
from keyshift.formats.shell.parse import ShellTree, parse
from support.parsing import syntax_error
from support.rows import rows
from support.tables import each_row

# (form, found, value kind, value, key span, value span's text)
Row = tuple[str, str, str, Scalar, str, str | None]
COLUMNS = ("form", "found", "kind", "value", "key_span", "value_text")


CASES: list[tuple[str, str, list[Row]]] = [
    (
        "every assignment spelling",
        "export A=1\n  B=two\ndeclare -x C='x y' D=\"q\"\nreadonly E=5\ntypeset F=6; local G=7\nexport H\n",
        [
            ("key", "A", "scalar", "1", "1:8-1:9", "1"),
            ("key", "B", "scalar", "two", "2:3-2:4", "two"),
            ("key", "C", "scalar", "x y", "3:12-3:13", "'x y'"),
            ("key", "D", "scalar", "q", "3:20-3:21", '"q"'),
            ("key", "E", "scalar", "5", "4:10-4:11", "5"),
            ("key", "F", "scalar", "6", "5:9-5:10", "6"),
            ("key", "G", "scalar", "7", "5:20-5:21", "7"),
            ("key", "H", "scalar", None, "6:8-6:9", None),
        ],
    ),
    (
        "quotes, escapes, ANSI-C strings and an empty value",
        "A=a\\ b\nB=\nC=$'x\\ty'\nD=\"a\\\"b\\$c\"\nE='it'\\''s'\n",
        [
            ("key", "A", "scalar", "a b", "1:1-1:2", "a\\ b"),
            ("key", "B", "scalar", "", "2:1-2:2", ""),
            ("key", "C", "scalar", "x\ty", "3:1-3:2", "$'x\\ty'"),
            ("key", "D", "scalar", 'a"b$c', "4:1-4:2", '"a\\"b\\$c"'),
            ("key", "E", "scalar", "it's", "5:1-5:2", "'it'\\''s'"),
        ],
    ),
    (
        "a double-quoted value spans lines; references in it are literal occurrences",
        'MSG="first\nsecond $DTEN_X"\nNEXT=1\n',
        [
            ("key", "MSG", "scalar", None, "1:1-1:4", '"first\nsecond $DTEN_X"'),
            ("literal", "DTEN_X", "scalar", None, "2:9-2:15", None),
            ("key", "NEXT", "scalar", "1", "3:1-3:5", "1"),
        ],
    ),
    (
        "expansions make the value unknown",
        "A=$HOME/x\nB=$(date +%s)\nC=`id -u`\nD=${E:-x y}\n",
        [
            ("key", "A", "scalar", None, "1:1-1:2", "$HOME/x"),
            ("literal", "HOME", "scalar", None, "1:4-1:8", None),
            ("key", "B", "scalar", None, "2:1-2:2", "$(date +%s)"),
            ("key", "C", "scalar", None, "3:1-3:2", "`id -u`"),
            ("key", "D", "scalar", None, "4:1-4:2", "${E:-x y}"),
            ("literal", "E", "scalar", None, "4:5-4:6", None),
        ],
    ),
    (
        "commands after ; && then do are read; arguments are not assignments",
        "if true; then export A=1; fi\ntrue && B=2\nfor x in 1; do C=3; done\necho D=4 DTEN_E=5\n",
        [
            ("key", "A", "scalar", "1", "1:22-1:23", "1"),
            ("key", "B", "scalar", "2", "2:9-2:10", "2"),
            ("key", "C", "scalar", "3", "3:16-3:17", "3"),
            ("text", "DTEN_E", "scalar", None, "4:10-4:16", None),
        ],
    ),
    (
        "prefix assignments of a command, arrays and +=",
        'A=1 B=2 run --x\narr=(1 "2 3")\nDTEN_PATH+=:/x\n',
        [
            ("key", "A", "scalar", "1", "1:1-1:2", "1"),
            ("key", "B", "scalar", "2", "1:5-1:6", "2"),
            ("key", "arr", "sequence", None, "2:1-2:4", '(1 "2 3")'),
            ("literal", "DTEN_PATH", "scalar", None, "3:1-3:10", None),
        ],
    ),
    (
        "comments and heredoc bodies are not assignments; comments are not searched",
        "# export DTEN_A=1\necho x # DTEN_B\ncat <<-'EOF' >out\n\tDTEN_C=1 ${DTEN_D}\n\tEOF\nDTEN_E=1\n",
        [
            ("text", "DTEN_C", "scalar", None, "4:2-4:8", None),
            ("literal", "DTEN_D", "scalar", None, "4:13-4:19", None),
            ("key", "DTEN_E", "scalar", "1", "6:1-6:7", "1"),
        ],
    ),
    (
        "references: escaped, single-quoted values, command arguments",
        "echo \\$DTEN_A ${#dten_b} \"${dten_c}\"\nLIT='$dten_d'\nsh -c 'echo $dten_e'\n",
        [
            ("text", "DTEN_A", "scalar", None, "1:8-1:14", None),
            ("literal", "dten_b", "scalar", None, "1:18-1:24", None),
            ("literal", "dten_c", "scalar", None, "1:29-1:35", None),
            ("key", "LIT", "scalar", "$dten_d", "2:1-2:4", "'$dten_d'"),
            ("literal", "dten_e", "scalar", None, "3:14-3:20", None),
        ],
    ),
    (
        "dotted keys as plain-text tokens",
        "exec java -jar app.jar --set dten.hybrid.enable=true\n",
        [
            ("text", "app.jar", "scalar", None, "1:16-1:23", None),
            ("text", "dten.hybrid.enable", "scalar", None, "1:30-1:48", None),
        ],
    ),
    (
        "CRLF, line continuation and no final newline",
        'export A=1 \\\r\n  B=2\r\nC="x"',
        [
            ("key", "A", "scalar", "1", "1:8-1:9", "1"),
            ("key", "B", "scalar", "2", "2:3-2:4", "2"),
            ("key", "C", "scalar", "x", "3:1-3:2", '"x"'),
        ],
    ),
    (
        "arithmetic and nested substitutions do not confuse the lexer",
        "(( n << 2 ))\nX=$(echo \"a)\" $(echo ')'))\nY=1\n",
        [
            ("key", "X", "scalar", None, "2:1-2:2", "$(echo \"a)\" $(echo ')'))"),
            ("key", "Y", "scalar", "1", "3:1-3:2", "1"),
        ],
    ),
    (
        "a heredoc inside a command substitution, and a shift in arithmetic",
        "X=$(cat <<'EOF'\nit's here )\nEOF\n)\nZ=$(( 1 << 2 ))\nY=1\n",
        [
            ("key", "X", "scalar", None, "1:1-1:2", "$(cat <<'EOF'\nit's here )\nEOF\n)"),
            ("key", "Z", "scalar", None, "5:1-5:2", "$(( 1 << 2 ))"),
            ("key", "Y", "scalar", "1", "6:1-6:2", "1"),
        ],
    ),
    ("an empty script", "", []),
    (
        "odd breaks are characters of their line",
        "export A=1 # \x85\u2028\r\nB=2; C=3\x0c\n",
        [
            ("key", "A", "scalar", "1", "1:8-1:9", "1"),
            ("key", "B", "scalar", "2", "2:1-2:2", "2"),
            ("key", "C", "scalar", "3\x0c", "2:6-2:7", "3\x0c"),
        ],
    ),
]


@each_row(("text", "expected"), CASES)
def test_occurrences(text: str, expected: list[Row]) -> None:
    assert rows(parse(text), COLUMNS) == expected


LINE_CASES: list[tuple[str, str, list[str | None]]] = [
    ("alone, with its comment", "export A=1   # note\nB=2\n", ["export A=1   # note\n", "B=2\n"]),
    ("a trailing ; and indentation", "  A=1;\n", ["  A=1;\n"]),
    ("a multi-line value", 'A="x\ny" # c\n', ['A="x\ny" # c\n']),
    ("several assignments or a command", "export A=1 B=2\nC=1 cmd\n", [None, None, None]),
    ("after && or before another command", "true && A=1\nB=1; cmd\n", [None, None]),
    ("the only command of a block", "if x; then\n  A=1\nfi\nwhile y; do\n  B=1\ndone\n", [None, None]),
    ("one of two commands of a block", "if x; then\n  A=1\n  run\nfi\n", ["  A=1\n"]),
    ("a redirection", "A=1 >/dev/null\n", [None]),
    ("no final newline", "B=1\nA=1", ["B=1\n", "A=1"]),
]


@each_row(("text", "expected"), LINE_CASES)
def test_whole_lines(text: str, expected: list[str | None]) -> None:
    tree = parse(text).tree
    assert isinstance(tree, ShellTree)
    assert [None if a.lines is None else text[a.lines[0] : a.lines[1]] for a in tree.assignments] == expected


def test_file_shape() -> None:
    parsed = parse("A=1\n")
    assert (parsed.format, parsed.typed, len(parsed.documents)) == ("shell", False, 1)
    assert parsed.documents[0].root_kind == "mapping"


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ("A='open\n", "unterminated quote", 1, 3),
        ('echo ok\necho "x\n', "unterminated double quote", 2, 6),
        ("echo it's\n", "unterminated quote", 1, 8),
        ("X=`date\n", "unterminated backquote", 1, 3),
        ("X=$(date\n", "unterminated $(", 1, 3),
        ("echo ${X\n", "unterminated ${", 1, 6),
        ("X=$'a\n", "unterminated quote", 1, 3),
    ],
)
def test_unterminated(text: str, message: str, line: int, column: int) -> None:
    error = syntax_error(parse, text)
    assert error.message == message
    assert (error.line, error.column) == (line, column)


@pytest.mark.parametrize(
    "text",
    [
        "# it's fine in a comment\n",
        "cat <<EOF\nit's fine in a heredoc\nEOF\n",
        "echo a#b 'c' \"d\" \\' $# $? $$ ${#x}\n",
        "case $x in\n  a|b) A=1 ;;\n  *) ;;\nesac\n",
        "f() { local v=1; }\n",
        "cat <<EOF\nnever closed\n",
    ],
)
def test_valid_scripts_do_not_raise(text: str) -> None:
    parse(text)
