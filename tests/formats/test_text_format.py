"""Tests for the plain-text adapter: whole-token dotted keys and env-var names with exact positions."""

from __future__ import annotations

import pytest

from keyshift.core.model import Occurrence
from keyshift.formats.text.parse import is_dotted_token, is_env_name, parse, token_path
from support.rows import at, rows
from support.tables import each_row

Row = tuple[str, tuple[str, ...], str]
COLUMNS = ("found", "path", "key_span")


TOKEN_CASES: list[tuple[str, str, list[Row]]] = [
    ("empty text", "", []),
    (
        "a dotted key in prose",
        "Set dten.hybrid.enable to true",
        [("dten.hybrid.enable", ("dten", "hybrid", "enable"), "1:5-1:23")],
    ),
    (
        "sentence punctuation after the key",
        "set dten.hybrid.enable.\nthen dten.sync.backoff...",
        [
            ("dten.hybrid.enable", ("dten", "hybrid", "enable"), "1:5-1:23"),
            ("dten.sync.backoff", ("dten", "sync", "backoff"), "2:6-2:23"),
        ],
    ),
    (
        "a longer key is its own token, never the shorter one",
        "dten.hybrid.enabled xdten.hybrid.enable dten.hybrid.enable_v2 dten.hybrid.enable-x",
        [
            ("dten.hybrid.enabled", ("dten", "hybrid", "enabled"), "1:1-1:20"),
            ("xdten.hybrid.enable", ("xdten", "hybrid", "enable"), "1:21-1:40"),
            ("dten.hybrid.enable_v2", ("dten", "hybrid", "enable_v2"), "1:41-1:62"),
            ("dten.hybrid.enable-x", ("dten", "hybrid", "enable-x"), "1:63-1:83"),
        ],
    ),
    (
        "a dot followed by a segment extends the token",
        "dten.hybrid.enable.extra",
        [("dten.hybrid.enable.extra", ("dten", "hybrid", "enable", "extra"), "1:1-1:25")],
    ),
    (
        "Markdown code, YAML and option syntax around keys",
        "`dten.hybrid.enable`: `dten.a.b: on` --set dten.c.d=1 (dten.e.f)",
        [
            ("dten.hybrid.enable", ("dten", "hybrid", "enable"), "1:2-1:20"),
            ("dten.a.b", ("dten", "a", "b"), "1:24-1:32"),
            ("dten.c.d", ("dten", "c", "d"), "1:44-1:52"),
            ("dten.e.f", ("dten", "e", "f"), "1:56-1:64"),
        ],
    ),
    (
        "indexes are their own segments",
        "spec.rules[0].host and a.b[12]",
        [
            ("spec.rules[0].host", ("spec", "rules", "[0]", "host"), "1:1-1:19"),
            ("a.b[12]", ("a", "b", "[12]"), "1:24-1:31"),
        ],
    ),
    ("a run glued to other characters is no token", "a.b[0]x .a.b", []),
    ("one segment is not a dotted key", "dten and hybrid", []),
    (
        "environment-variable names in every shell spelling",
        "$DTEN_X ${DTEN_Y} DTEN_Z=1 export DTEN_W",
        [
            ("DTEN_X", ("DTEN_X",), "1:2-1:8"),
            ("DTEN_Y", ("DTEN_Y",), "1:11-1:17"),
            ("DTEN_Z", ("DTEN_Z",), "1:19-1:25"),
            ("DTEN_W", ("DTEN_W",), "1:35-1:41"),
        ],
    ),
    (
        "env names need an inner underscore and whole-token boundaries",
        "DTEN A_ _DTEN_X DTEN_Xy xDTEN_X DTEN_X2 B__",
        [("DTEN_X2", ("DTEN_X2",), "1:33-1:40"), ("B__", ("B__",), "1:41-1:44")],
    ),
    (
        "an env name at the end of a sentence",
        "Export DTEN_HYBRID_ENABLE.",
        [("DTEN_HYBRID_ENABLE", ("DTEN_HYBRID_ENABLE",), "1:8-1:26")],
    ),
    (
        "a $VAR followed by a suffix is the variable, not a dotted key",
        "mv $LOG_DIR.old x",
        [("LOG_DIR", ("LOG_DIR",), "1:5-1:12")],
    ),
    (
        "a dotted run holding an env name is an env lookup, not a dotted key",
        "process.env.DTEN_X {{ env.DTEN_Y }} DTEN_HOME.bak",
        [
            ("DTEN_X", ("DTEN_X",), "1:13-1:19"),
            ("DTEN_Y", ("DTEN_Y",), "1:27-1:33"),
            ("DTEN_HOME", ("DTEN_HOME",), "1:37-1:46"),
        ],
    ),
    (
        "an env name inside a segment belongs to the dotted token",
        "a-DTEN_X.b",
        [("a-DTEN_X.b", ("a-DTEN_X", "b"), "1:1-1:11")],
    ),
    (
        "CRLF lines and multi-byte characters count columns in characters",
        "é dten.a.b\r\n→ DTEN_A_B\r\n",
        [("dten.a.b", ("dten", "a", "b"), "1:3-1:11"), ("DTEN_A_B", ("DTEN_A_B",), "2:3-2:11")],
    ),
    (
        "Jinja and Terraform templates",
        "{{ dten.hybrid.enable }}\n${var.dten_x} ${DTEN_X}",
        [
            ("dten.hybrid.enable", ("dten", "hybrid", "enable"), "1:4-1:22"),
            ("var.dten_x", ("var", "dten_x"), "2:3-2:13"),
            ("DTEN_X", ("DTEN_X",), "2:17-2:23"),
        ],
    ),
    (
        "odd breaks are characters of their line",
        "use a.b.c\x85 and d.e.f\u2028 then DTEN_X\rg.h.i\x0c\n",
        [
            ("a.b.c", ("a", "b", "c"), "1:5-1:10"),
            ("d.e.f", ("d", "e", "f"), "1:16-1:21"),
            ("DTEN_X", ("DTEN_X",), "1:28-1:34"),
            ("g.h.i", ("g", "h", "i"), "1:35-1:40"),
        ],
    ),
]


@each_row(("text", "expected"), TOKEN_CASES)
def test_tokens(text: str, expected: list[Row]) -> None:
    assert rows(parse(text), COLUMNS) == expected


def test_occurrence_shape_and_file() -> None:
    parsed = parse("use dten.a.b\n")
    assert parsed.format == "text"
    assert parsed.typed is False
    assert len(parsed.documents) == 1
    document = parsed.documents[0]
    assert document.root_kind is None
    assert at(document.span) == "1:1-2:1"
    (occurrence,) = document.occurrences
    assert occurrence == Occurrence(
        path=("dten", "a", "b"),
        found="dten.a.b",
        key_span=occurrence.key_span,
        value_span=None,
        value_kind="scalar",
        value=None,
        form="text",
    )


@pytest.mark.parametrize(
    "text",
    ["\x00\x01 binary-ish", "unterminated 'quote and \"more", "{{ broken", "a" * 10_000, "." * 500 + "a.b"],
)
def test_never_raises(text: str) -> None:
    parse(text)


@pytest.mark.parametrize(
    ("token", "dotted", "env", "path"),
    [
        ("a.b", True, False, ("a", "b")),
        ("a.b[0].c", True, False, ("a", "b", "[0]", "c")),
        ("a", False, False, ("a",)),
        ("DTEN_X", False, True, ("DTEN_X",)),
        ("DTEN_", False, False, ("DTEN_",)),
        ("dten_x", False, False, ("dten_x",)),
        ('a."b.c"', False, False, ("a", '"b', 'c"')),
    ],
)
def test_token_helpers(token: str, dotted: bool, env: bool, path: tuple[str, ...]) -> None:
    assert is_dotted_token(token) is dotted
    assert is_env_name(token) is env
    assert token_path(token) == path
