"""Tests for the Dockerfile adapter: ENV/ARG variables, references and tokens with exact positions."""

from __future__ import annotations

import pytest

from keyshift.core.model import Scalar
from keyshift.formats.dockerfile.parse import DockerfileTree, parse
from support.parsing import assert_syntax_error
from support.rows import rows
from support.tables import each_row

# (form, found, value, key span, value span, the value span's text)
Row = tuple[str, str, Scalar, str, str | None, str | None]
COLUMNS = ("form", "found", "value", "key_span", "value_span", "value_text")


CASES: list[tuple[str, str, list[Row]]] = [
    (
        "ENV pairs with quotes",
        "FROM x\nENV A=1 B=\"v 2\" C='s q'\n",
        [
            ("key", "A", "1", "2:5-2:6", "2:7-2:8", "1"),
            ("key", "B", "v 2", "2:9-2:10", "2:11-2:16", '"v 2"'),
            ("key", "C", "s q", "2:17-2:18", "2:19-2:24", "'s q'"),
        ],
    ),
    (
        "legacy ENV KEY value takes the rest of the line",
        "ENV DTEN_MODE  fast and safe  \n",
        [("key", "DTEN_MODE", "fast and safe", "1:5-1:14", "1:16-1:29", "fast and safe")],
    ),
    (
        "instructions are case-insensitive; ARG with and without default",
        "env A=1\narg B\nArg C=x D\n",
        [
            ("key", "A", "1", "1:5-1:6", "1:7-1:8", "1"),
            ("key", "B", None, "2:5-2:6", None, None),
            ("key", "C", "x", "3:5-3:6", "3:7-3:8", "x"),
            ("key", "D", None, "3:9-3:10", None, None),
        ],
    ),
    (
        "line continuations with comment and blank lines inside",
        "ENV A=1 \\\n# note\n\n    B=2 \\\n    C=3\n",
        [
            ("key", "A", "1", "1:5-1:6", "1:7-1:8", "1"),
            ("key", "B", "2", "4:5-4:6", "4:7-4:8", "2"),
            ("key", "C", "3", "5:5-5:6", "5:7-5:8", "3"),
        ],
    ),
    (
        "a quoted value continued on the next line",
        'ENV A="x \\\n  y"\n',
        [("key", "A", "x   y", "1:5-1:6", "1:7-2:5", '"x \\\n  y"')],
    ),
    (
        "escapes and an empty value",
        'ENV A=a\\ b B= C="q\\"x\\\\"\n',
        [
            ("key", "A", "a b", "1:5-1:6", "1:7-1:11", "a\\ b"),
            ("key", "B", "", "1:12-1:13", "1:14-1:14", ""),
            ("key", "C", 'q"x\\', "1:15-1:16", "1:17-1:25", '"q\\"x\\\\"'),
        ],
    ),
    (
        "the escape directive switches to backquotes",
        "# escape=`\nENV A=C:\\dir B=1 `\n    C=2\n",
        [
            ("key", "A", "C:\\dir", "2:5-2:6", "2:7-2:13", "C:\\dir"),
            ("key", "B", "1", "2:14-2:15", "2:16-2:17", "1"),
            ("key", "C", "2", "3:5-3:6", "3:7-3:8", "2"),
        ],
    ),
    (
        "expanding values have no static value; their references are literal occurrences",
        "ENV HOME_DIR=/opt PATH=$HOME_DIR/bin:${PATH} LIT='$NOT_REF' ESC=\\$NOT_EITHER lower='$x'\n",
        [
            ("key", "HOME_DIR", "/opt", "1:5-1:13", "1:14-1:18", "/opt"),
            ("key", "PATH", None, "1:19-1:23", "1:24-1:45", "$HOME_DIR/bin:${PATH}"),
            ("literal", "HOME_DIR", None, "1:25-1:33", None, None),
            ("literal", "PATH", None, "1:40-1:44", None, None),
            ("key", "LIT", "$NOT_REF", "1:46-1:49", "1:50-1:60", "'$NOT_REF'"),
            # not references, but an env-shaped name is still a plain-text token
            ("text", "NOT_REF", None, "1:52-1:59", None, None),
            ("key", "ESC", "$NOT_EITHER", "1:61-1:64", "1:65-1:77", "\\$NOT_EITHER"),
            ("text", "NOT_EITHER", None, "1:67-1:77", None, None),
            ("key", "lower", "$x", "1:78-1:83", "1:84-1:88", "'$x'"),
        ],
    ),
    (
        "references and tokens in other instructions; comments are not searched",
        '# DTEN_IN_COMMENT\nRUN echo ${DTEN_X:-1} $dten_y --flag dten.a.b\nCMD ["DTEN_Z"]\n',
        [
            ("literal", "DTEN_X", None, "2:12-2:18", None, None),
            ("literal", "dten_y", None, "2:24-2:30", None, None),
            ("text", "dten.a.b", None, "2:38-2:46", None, None),
            ("text", "DTEN_Z", None, "3:7-3:13", None, None),
        ],
    ),
    (
        "ONBUILD ENV and a heredoc body that is not read as instructions",
        "ONBUILD ENV A=1\nRUN <<EOF\nENV NOT=1 $DTEN_H\nEOF\nENV B=2\n",
        [
            ("key", "A", "1", "1:13-1:14", "1:15-1:16", "1"),
            ("literal", "DTEN_H", None, "3:12-3:18", None, None),
            ("key", "B", "2", "5:5-5:6", "5:7-5:8", "2"),
        ],
    ),
    (
        "CRLF line endings and no final newline",
        'ENV A=1 \\\r\n    B="x"\r\nARG C=3',
        [
            ("key", "A", "1", "1:5-1:6", "1:7-1:8", "1"),
            ("key", "B", "x", "2:5-2:6", "2:7-2:10", '"x"'),
            ("key", "C", "3", "3:5-3:6", "3:7-3:8", "3"),
        ],
    ),
    (
        "an unterminated quote outside ENV/ARG is no error",
        "RUN echo \"it's\nLABEL a='b\nENV A=1\n",
        [("key", "A", "1", "3:5-3:6", "3:7-3:8", "1")],
    ),
    ("an empty file", "", []),
    (
        "odd breaks are characters of their line",
        'ENV A=1 B="\x85x\u2028"\rC=3\nARG D=2\r\n',
        [
            ("key", "A", "1", "1:5-1:6", "1:7-1:8", "1"),
            ("key", "B", "\x85x\u2028", "1:9-1:10", "1:11-1:16", '"\x85x\u2028"'),
            ("key", "C", "3", "1:17-1:18", "1:19-1:20", "3"),
            ("key", "D", "2", "2:5-2:6", "2:7-2:8", "2"),
        ],
    ),
]


@each_row(("text", "expected"), CASES)
def test_occurrences(text: str, expected: list[Row]) -> None:
    parsed = parse(text)
    for o in parsed.documents[0].occurrences:
        assert o.path == (o.found,) or (o.form == "text" and o.path == tuple(o.found.split(".")))
    assert rows(parsed, COLUMNS) == expected


def test_file_shape_and_tree() -> None:
    text = "FROM x\nENV A=1 \\\n    B=2\nARG C\nENV D e f\n"
    parsed = parse(text)
    assert (parsed.format, parsed.typed, len(parsed.documents)) == ("dockerfile", False, 1)
    assert parsed.documents[0].root_kind == "mapping"
    assert all(o.value_kind == "scalar" for o in parsed.documents[0].occurrences)
    tree = parsed.tree
    assert isinstance(tree, DockerfileTree)
    assert tree.escape == "\\"
    lines = [(i.keyword, text[i.start : i.end], i.legacy, len(i.variables)) for i in tree.instructions]
    assert lines == [
        ("ENV", "ENV A=1 \\\n    B=2\n", False, 2),
        ("ARG", "ARG C\n", False, 1),
        ("ENV", "ENV D e f\n", True, 1),
    ]
    first = tree.instructions[0].variables[1]
    assert text[first.word_start : first.word_end] == "B=2"


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('ENV A="open\n', 1, 7),
        ("FROM x\nARG B='x\n", 2, 7),
        ('ENV A=1 \\\n  B="x \\\n  y\n', 2, 5),
        ("env DTEN 'legacy\n", 1, 10),
    ],
)
def test_unterminated_quote_in_env_or_arg(text: str, line: int, column: int) -> None:
    assert_syntax_error(parse, text, "unterminated quote", line, column)
