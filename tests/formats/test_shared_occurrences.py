"""What JSON and YAML share: each occurrence case is one behaviour, written in each format, with that
format's exact rows (found, path, value kind, value, key span, value span, flags); and the nesting limit,
as flow lists both read alike.

Every JSON text of the occurrence cases also reads the same as JSONC.  What only one format does is in its
own module.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from keyshift.core.model import ParsedFile
from keyshift.formats.json.parse import MAX_DEPTH as JSON_MAX_DEPTH
from keyshift.formats.json.parse import parse as parse_json
from keyshift.formats.json.parse import parse_jsonc
from keyshift.formats.yaml.parse import MAX_DEPTH as YAML_MAX_DEPTH
from keyshift.formats.yaml.parse import parse as parse_yaml
from keyshift.formats.yaml.roundtrip import parse_round_trip as parse_yaml_round_trip
from support.rows import Row, rows

PARSERS: dict[str, tuple[Callable[[str], ParsedFile], ...]] = {
    "json": (parse_json, parse_jsonc),
    "yaml": (parse_yaml, parse_yaml_round_trip),
}

SHARED_CASES: list[tuple[str, dict[str, tuple[str, list[Row]]]]] = [
    (
        "nested mappings",
        {
            "json": (
                '{\n  "a": {\n    "b": {"c": 1}\n  }\n}\n',
                [
                    ("a", ("a",), "mapping", None, "2:3-2:6", "2:8-4:4", ""),
                    ("a.b", ("a", "b"), "mapping", None, "3:5-3:8", "3:10-3:18", ""),
                    ("a.b.c", ("a", "b", "c"), "scalar", 1, "3:11-3:14", "3:16-3:17", ""),
                ],
            ),
            "yaml": (
                "a:\n  b:\n    c: 1\n",
                [
                    ("a", ("a",), "mapping", None, "1:1-1:2", "2:3-3:9", ""),
                    ("a.b", ("a", "b"), "mapping", None, "2:3-2:4", "3:5-3:9", ""),
                    ("a.b.c", ("a", "b", "c"), "scalar", 1, "3:5-3:6", "3:8-3:9", ""),
                ],
            ),
        },
    ),
    (
        "dotted key",
        {
            "json": (
                '{"a.b.c": 1}',
                [
                    ("a", ("a",), "mapping", None, "1:2-1:9", "1:11-1:12", "implicit"),
                    ("a.b", ("a", "b"), "mapping", None, "1:2-1:9", "1:11-1:12", "implicit"),
                    ("a.b.c", ("a", "b", "c"), "scalar", 1, "1:2-1:9", "1:11-1:12", ""),
                ],
            ),
            "yaml": (
                "a.b.c: 1\n",
                [
                    ("a", ("a",), "mapping", None, "1:1-1:6", "1:8-1:9", "implicit"),
                    ("a.b", ("a", "b"), "mapping", None, "1:1-1:6", "1:8-1:9", "implicit"),
                    ("a.b.c", ("a", "b", "c"), "scalar", 1, "1:1-1:6", "1:8-1:9", ""),
                ],
            ),
        },
    ),
    (
        "mixed nested and dotted",
        {
            "json": (
                '{"a": {"b.c": 1}}',
                [
                    ("a", ("a",), "mapping", None, "1:2-1:5", "1:7-1:17", ""),
                    ("a.b", ("a", "b"), "mapping", None, "1:8-1:13", "1:15-1:16", "implicit"),
                    ("a.b.c", ("a", "b", "c"), "scalar", 1, "1:8-1:13", "1:15-1:16", ""),
                ],
            ),
            "yaml": (
                "a:\n  b.c: 1\n",
                [
                    ("a", ("a",), "mapping", None, "1:1-1:2", "2:3-2:9", ""),
                    ("a.b", ("a", "b"), "mapping", None, "2:3-2:6", "2:8-2:9", "implicit"),
                    ("a.b.c", ("a", "b", "c"), "scalar", 1, "2:3-2:6", "2:8-2:9", ""),
                ],
            ),
        },
    ),
    (
        "keys with empty segments are not split",
        {
            "json": (
                '{".x": 1, "a..b": 2, "": 3}',
                [
                    (".x", (".x",), "scalar", 1, "1:2-1:6", "1:8-1:9", ""),
                    ("a..b", ("a..b",), "scalar", 2, "1:11-1:17", "1:19-1:20", ""),
                    ("", ("",), "scalar", 3, "1:22-1:24", "1:26-1:27", ""),
                ],
            ),
            "yaml": (
                ".hidden: 1\na..b: 2\n",
                [
                    (".hidden", (".hidden",), "scalar", 1, "1:1-1:8", "1:10-1:11", ""),
                    ("a..b", ("a..b",), "scalar", 2, "2:1-2:5", "2:7-2:8", ""),
                ],
            ),
        },
    ),
    (
        "a list at the root",
        {
            "json": (
                '[1, {"a": null}]',
                [
                    ("[0]", ("[0]",), "scalar", 1, "1:2-1:3", "1:2-1:3", "element"),
                    ("[1]", ("[1]",), "mapping", None, "1:5-1:16", "1:5-1:16", "element"),
                    ("[1].a", ("[1]", "a"), "scalar", None, "1:6-1:9", "1:11-1:15", ""),
                ],
            ),
            "yaml": (
                "- a: 1\n- b\n",
                [
                    ("[0]", ("[0]",), "mapping", None, "1:3-1:7", "1:3-1:7", "element"),
                    ("[0].a", ("[0]", "a"), "scalar", 1, "1:3-1:4", "1:6-1:7", ""),
                    ("[1]", ("[1]",), "scalar", "b", "2:3-2:4", "2:3-2:4", "element"),
                ],
            ),
        },
    ),
    (
        "duplicate keys are both reported",
        {
            "json": (
                '{"a": 1, "a": 2}',
                [
                    ("a", ("a",), "scalar", 1, "1:2-1:5", "1:7-1:8", ""),
                    ("a", ("a",), "scalar", 2, "1:10-1:13", "1:15-1:16", ""),
                ],
            ),
            "yaml": (
                "a: 1\na: 2\n",
                [
                    ("a", ("a",), "scalar", 1, "1:1-1:2", "1:4-1:5", ""),
                    ("a", ("a",), "scalar", 2, "2:1-2:2", "2:4-2:5", ""),
                ],
            ),
        },
    ),
    (
        "CRLF line endings",
        {
            "json": (
                '{\r\n  "a": 1,\r\n  "b": [\r\n    2\r\n  ]\r\n}\r\n',
                [
                    ("a", ("a",), "scalar", 1, "2:3-2:6", "2:8-2:9", ""),
                    ("b", ("b",), "sequence", None, "3:3-3:6", "3:8-5:4", ""),
                    ("b[0]", ("b", "[0]"), "scalar", 2, "4:5-4:6", "4:5-4:6", "element"),
                ],
            ),
            "yaml": (
                "a:\r\n  b: 1\r\n  c: |\r\n    t\r\n\r\n# c\r\n",
                [
                    ("a", ("a",), "mapping", None, "1:1-1:2", "2:3-4:6", ""),
                    ("a.b", ("a", "b"), "scalar", 1, "2:3-2:4", "2:6-2:7", ""),
                    ("a.c", ("a", "c"), "scalar", "t\n", "3:3-3:4", "3:6-4:6", ""),
                ],
            ),
        },
    ),
    (
        "unicode: columns count characters",
        {
            "json": (
                '{"é": "ñ", "clé": {"日本": 1}}',
                [
                    ("é", ("é",), "scalar", "ñ", "1:2-1:5", "1:7-1:10", ""),
                    ("clé", ("clé",), "mapping", None, "1:12-1:17", "1:19-1:28", ""),
                    ("clé.日本", ("clé", "日本"), "scalar", 1, "1:20-1:24", "1:26-1:27", ""),
                ],
            ),
            "yaml": (
                'é: ñ\nclé:\n  - "ü"\n  - 日本: x\n',
                [
                    ("é", ("é",), "scalar", "ñ", "1:1-1:2", "1:4-1:5", ""),
                    ("clé", ("clé",), "sequence", None, "2:1-2:4", "3:3-4:10", ""),
                    ("clé[0]", ("clé", "[0]"), "scalar", "ü", "3:5-3:8", "3:5-3:8", "element"),
                    ("clé[1]", ("clé", "[1]"), "mapping", None, "4:5-4:10", "4:5-4:10", "element"),
                    ("clé[1].日本", ("clé", "[1]", "日本"), "scalar", "x", "4:5-4:7", "4:9-4:10", ""),
                ],
            ),
        },
    ),
]


@pytest.mark.parametrize(
    ("fmt", "text", "expected"),
    [
        pytest.param(fmt, text, expected, id=f"{fmt}: {name}")
        for name, by_format in SHARED_CASES
        for fmt, (text, expected) in by_format.items()
    ],
)
def test_occurrences(fmt: str, text: str, expected: list[Row]) -> None:
    for parse in PARSERS[fmt]:
        assert rows(parse(text)) == expected


@pytest.mark.parametrize(
    ("parse", "max_depth"),
    [
        pytest.param(parse_json, JSON_MAX_DEPTH, id="json"),
        pytest.param(parse_yaml, YAML_MAX_DEPTH, id="yaml"),
        pytest.param(parse_yaml_round_trip, YAML_MAX_DEPTH, id="yaml round trip"),
    ],
)
def test_nesting_at_the_limit_parses(parse: Callable[[str], ParsedFile], max_depth: int) -> None:
    text = "[" * max_depth + "]" * max_depth
    occurrences = parse(text).documents[0].occurrences
    assert len(occurrences) == max_depth - 1
    assert occurrences[-1].found == "[0]" * (max_depth - 1)
