"""Tests for the reporter registry and the text, concise and json reporters (the CI formats: test_reporters_ci.py)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from keyshift.core.model import Finding, ProductTarget, RunSummary, Scalar
from keyshift.report import (
    REPORTERS,
    UnknownFormat,
    get_reporter,
    one_line,
    printable,
    reporter_names,
)
from keyshift.report.json import FINDING_KEYS, FIX_KEYS, SUMMARY_KEYS
from keyshift.report.model import Report
from support.findings import DTEN, REFUSED, RENAMED, SUMMARY, fix_report, make

ANSI = re.compile(r"\x1b\[[0-9;]*m")
KNOWN = "concise, github, gitlab, json, json-lines, junit, markdown, sarif, text"


# ---------------------------------------------------------------------------------------------
# registry


def test_reporter_names_lists_every_registered_format() -> None:
    assert ", ".join(reporter_names()) == KNOWN
    assert sorted(REPORTERS) == reporter_names()


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_get_reporter_returns_the_module_reporter(name: str) -> None:
    reporter = get_reporter(name)
    module = sys.modules[REPORTERS[name]]
    assert reporter is module.REPORTER
    assert isinstance(reporter.render(Report((), SUMMARY), color=False), str)


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("xml", ""),
        ("", ""),
        ("jsn", " (did you mean 'json'?)"),
        ("TEXT", ""),
    ],
)
def test_unknown_format_is_a_key_error_listing_the_names(name: str, hint: str) -> None:
    with pytest.raises(UnknownFormat) as info:
        get_reporter(name)
    assert isinstance(info.value, KeyError)
    assert str(info.value) == f"unknown output format {name!r}; choose one of: {KNOWN}{hint}"
    assert info.value.known == reporter_names()


def test_reporter_modules_are_imported_lazily() -> None:
    script = (
        "import sys, keyshift.report as r\n"
        "mods = [m for m in r.REPORTERS.values() if m in sys.modules]\n"
        "r.get_reporter('json')\n"
        "print(mods, 'keyshift.report.json' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout == "[] True\n"


@pytest.mark.parametrize(
    ("text", "keep", "expected"),
    [
        ("plain text", "", "plain text"),
        ("a\x1b[31mb", "", "a\ufffd[31mb"),
        ("a\tb\x07c", "", "a b\ufffdc"),
        ("a\tb", "\t", "a\tb"),
        ("rtl\u202eevil", "", "rtl\ufffdevil"),
        ("x\u2028y\ny", "", "x y y"),
        ("名前\u00a0ok", "", "名前\u00a0ok"),
    ],
)
def test_printable_replaces_control_characters_one_for_one(text: str, keep: str, expected: str) -> None:
    assert printable(text, keep=keep) == expected
    assert len(printable(text, keep=keep)) == len(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a\nb", "a b"), ("a\r\nb", "a b"), ("a\rb\n", "a b "), ("no break", "no break")],
)
def test_one_line_turns_line_breaks_into_spaces(text: str, expected: str) -> None:
    assert one_line(text) == expected


# ---------------------------------------------------------------------------------------------
# text

TEXT_CASES: list[tuple[str, list[Finding], RunSummary, str]] = [
    (
        "single-finding",
        [RENAMED],
        SUMMARY,
        "examples/dten.yaml\n"
        "  3:5  error    KS102  renamed  dten.hybrid.legacy_mode was removed in 3.0; use dten.hybrid.enable\n"
        "    3 |     legacy_mode: true\n"
        "      |     ^^^^^^^^^^^\n"
        "       help: rename to dten.hybrid.enable\n"
        "\n"
        "Found 1 error in 1 file (dten 2.4 -> 3.0).\n",
    ),
    (
        "multi-file-grouping-and-column-alignment",
        [
            make(
                "a.yaml",
                2,
                1,
                2,
                4,
                severity="warning",
                kind="deprecated",
                message="old",
                source_line="old: 1",
            ),
            make("a.yaml", 10, 3, 10, 4, code="KS9", message="gone", source_line="  x: y"),
            make("b/c.toml", 1, 1, 1, 2, severity="info", kind="missing", message="add z"),
        ],
        RunSummary(files_scanned=3, files_parsed=3, files_skipped=2, targets=DTEN),
        "a.yaml\n"
        "  2:1   warning  KS100  deprecated  old\n"
        "    2 | old: 1\n"
        "      | ^^^\n"
        "  10:3  error    KS9    removed     gone\n"
        "   10 |   x: y\n"
        "      |   ^\n"
        "\n"
        "b/c.toml\n"
        "  1:1  info     KS100  missing  add z\n"
        "\n"
        "Found 1 error, 1 warning and 1 info in 2 files (dten 2.4 -> 3.0). 2 files skipped.\n",
    ),
    (
        "files-grouped-in-order-of-first-appearance",
        [make("b.yaml", 1, 1), make("a.yaml", 1, 1), make("b.yaml", 2, 1)],
        RunSummary(files_scanned=2, files_parsed=2, files_skipped=0),
        "b.yaml\n"
        "  1:1  error    KS100  removed  m\n"
        "  2:1  error    KS100  removed  m\n"
        "\n"
        "a.yaml\n"
        "  1:1  error    KS100  removed  m\n"
        "\n"
        "Found 3 errors in 2 files.\n",
    ),
    (
        "reason-and-url-without-source",
        [
            make(
                "x.json",
                4,
                7,
                severity="warning",
                message="first line\nsecond line",
                suggestion="set to true",
                reason="the old key was ignored",
                url="https://example.org/dten/3.0",
            )
        ],
        RunSummary(files_scanned=1, files_parsed=1, files_skipped=0, targets=DTEN),
        "x.json\n"
        "  4:7  warning  KS100  removed  first line second line\n"
        "       help: set to true\n"
        "       reason: the old key was ignored\n"
        "       url: https://example.org/dten/3.0\n"
        "\n"
        "Found 1 warning in 1 file (dten 2.4 -> 3.0).\n",
    ),
    (
        "wide-gutter-for-large-line-numbers",
        [make("big.yaml", 123456, 2, 123456, 3, source_line="ab")],
        RunSummary(files_scanned=1, files_parsed=1, files_skipped=0),
        "big.yaml\n  123456:2  error    KS100  removed  m\n123456 | ab\n       |  ^\n\nFound 1 error in 1 file.\n",
    ),
    (
        "no-findings",
        [],
        SUMMARY,
        "No findings (dten 2.4 -> 3.0). 12 files scanned.\n",
    ),
    (
        "no-findings-skipped-several-targets",
        [],
        RunSummary(
            files_scanned=1,
            files_parsed=0,
            files_skipped=1,
            targets=(ProductTarget("dten", "2.4", "3.0"), ProductTarget("acme", None, "5")),
        ),
        "No findings (dten 2.4 -> 3.0, acme -> 5). 1 file scanned, 1 file skipped.\n",
    ),
    (
        "no-findings-no-targets",
        [],
        RunSummary(files_scanned=0, files_parsed=0, files_skipped=0),
        "No findings. 0 files scanned.\n",
    ),
    (
        "control-characters-never-reach-the-terminal",
        [make("evil\n.yaml", 1, 3, 1, 4, message="bad \x1b[2J", source_line="a\x1bbc")],
        RunSummary(files_scanned=1, files_parsed=1, files_skipped=0),
        "evil .yaml\n"
        "  1:3  error    KS100  removed  bad \ufffd[2J\n"
        "    1 | a\ufffdbc\n"
        "      |   ^\n"
        "\n"
        "Found 1 error in 1 file.\n",
    ),
]


@pytest.mark.parametrize(
    ("findings", "summary", "expected"),
    [case[1:] for case in TEXT_CASES],
    ids=[case[0] for case in TEXT_CASES],
)
def test_text_renders_exactly(findings: list[Finding], summary: RunSummary, expected: str) -> None:
    assert get_reporter("text").render(Report(tuple(findings), summary), color=False) == expected


@pytest.mark.parametrize(
    ("findings", "summary"),
    [case[1:3] for case in TEXT_CASES],
    ids=[case[0] for case in TEXT_CASES],
)
def test_text_color_only_adds_escape_sequences(findings: list[Finding], summary: RunSummary) -> None:
    plain = get_reporter("text").render(Report(tuple(findings), summary), color=False)
    colored = get_reporter("text").render(Report(tuple(findings), summary), color=True)
    assert "\x1b" not in plain
    assert "\x1b[" in colored
    assert ANSI.sub("", colored) == plain


def test_text_color_output_exactly() -> None:
    findings = [
        RENAMED,
        make("examples/dten.yaml", 5, 1, severity="warning"),
        make("z", 1, 1, severity="info"),
    ]
    expected = (
        "\x1b[1mexamples/dten.yaml\x1b[0m\n"
        "  3:5  \x1b[31merror\x1b[0m    \x1b[1mKS102\x1b[0m  renamed  "
        "dten.hybrid.legacy_mode was removed in 3.0; use dten.hybrid.enable\n"
        "    3 |     legacy_mode: true\n"
        "      |     \x1b[31m^^^^^^^^^^^\x1b[0m\n"
        "       help: rename to dten.hybrid.enable\n"
        "  5:1  \x1b[33mwarning\x1b[0m  \x1b[1mKS100\x1b[0m  removed  m\n"
        "\n"
        "\x1b[1mz\x1b[0m\n"
        "  1:1  \x1b[34minfo\x1b[0m     \x1b[1mKS100\x1b[0m  removed  m\n"
        "\n"
        "\x1b[1mFound 1 error, 1 warning and 1 info in 2 files (dten 2.4 -> 3.0).\x1b[0m\n"
    )
    assert get_reporter("text").render(Report(tuple(findings), SUMMARY), color=True) == expected


# (source line, column, end_line, end_column) on line 7 -> (gutter source line, caret line)
CARET_CASES: list[tuple[str, str, int, int, int, str, str]] = [
    ("multi-column", "key: value", 6, 7, 11, "    7 | key: value", "      |      ^^^^^"),
    ("whole-line", "key: value", 1, 7, 11, "    7 | key: value", "      | ^^^^^^^^^^"),
    ("empty-span-one-caret", "key: value", 4, 7, 4, "    7 | key: value", "      |    ^"),
    ("leading-tab", "\tkey: 1", 2, 7, 5, "    7 |     key: 1", "      |     ^^^"),
    ("tab-inside-span", "a\tb", 1, 7, 4, "    7 | a   b", "      | ^^^^^"),
    ("tab-before-column", "ab\tc: 1", 4, 7, 5, "    7 | ab  c: 1", "      |     ^"),
    ("two-tabs", "\t\tk: v", 3, 7, 4, "    7 |         k: v", "      |         ^"),
    ("span-on-tab", "x:\t1", 3, 7, 4, "    7 | x:  1", "      |   ^^"),
    ("multi-line-to-end", "key: [1,", 6, 9, 2, "    7 | key: [1,", "      |      ^^^"),
    ("multi-line-at-eol", "key:", 5, 8, 1, "    7 | key:", "      |     ^"),
    ("multi-line-with-tab", "k:\t{", 3, 8, 1, "    7 | k:  {", "      |   ^^^"),
    ("column-past-end", "key", 9, 7, 12, "    7 | key", "      |    ^"),
    ("end-before-start", "key: v", 3, 6, 1, "    7 | key: v", "      |   ^"),
    ("empty-line", "", 1, 7, 1, "    7 |", "      | ^"),
    ("wide-characters", "名前: x", 1, 7, 3, "    7 | 名前: x", "      | ^^^^"),
    ("after-wide-characters", "名前: x", 5, 7, 6, "    7 | 名前: x", "      |       ^"),
    ("trailing-spaces-kept", "k: v  ", 5, 7, 7, "    7 | k: v  ", "      |     ^^"),
]


@pytest.mark.parametrize(
    ("source", "column", "end_line", "end_column", "source_out", "caret_out"),
    [case[1:] for case in CARET_CASES],
    ids=[case[0] for case in CARET_CASES],
)
def test_text_caret_alignment(
    source: str, column: int, end_line: int, end_column: int, source_out: str, caret_out: str
) -> None:
    finding = make("f.yaml", 7, column, end_line, end_column, source_line=source)
    lines = get_reporter("text").render(Report(tuple([finding]), SUMMARY), color=False).split("\n")
    assert lines[2:4] == [source_out, caret_out]


# ---------------------------------------------------------------------------------------------
# concise

CONCISE_CASES: list[tuple[str, list[Finding], str]] = [
    (
        "spec-example",
        [RENAMED],
        "examples/dten.yaml:3:5: KS102 [error] renamed dten.hybrid.legacy_mode "
        "dten.hybrid.legacy_mode was removed in 3.0; use dten.hybrid.enable\n",
    ),
    (
        "several-files-keep-order-key-dash",
        [
            make("a.yaml", 1, 2, key="a.b", message="one"),
            make("a.yaml", 3, 1, kind="missing", severity="warning", message="two"),
            make("b.toml", 10, 4, code="KS2", kind="bad-value", key="x", message="three"),
        ],
        "a.yaml:1:2: KS100 [error] removed a.b one\n"
        "a.yaml:3:1: KS100 [warning] missing - two\n"
        "b.toml:10:4: KS2 [error] bad-value x three\n",
    ),
    (
        "newlines-in-message",
        [make("c.ini", 2, 3, key="k", message="line one\nline two\r\nline three")],
        "c.ini:2:3: KS100 [error] removed k line one line two line three\n",
    ),
    (
        "escape-in-message",
        [make("c.ini", 2, 3, key="k\x1b", message="x\x1b[0m")],
        "c.ini:2:3: KS100 [error] removed k\ufffd x\ufffd[0m\n",
    ),
    ("no-findings", [], ""),
]


@pytest.mark.parametrize(
    ("findings", "expected"),
    [case[1:] for case in CONCISE_CASES],
    ids=[case[0] for case in CONCISE_CASES],
)
@pytest.mark.parametrize("color", [False, True])
def test_concise_renders_exactly(findings: list[Finding], expected: str, color: bool) -> None:
    assert get_reporter("concise").render(Report(tuple(findings), SUMMARY), color=color) == expected


# ---------------------------------------------------------------------------------------------
# json

JSON_EMPTY = """\
{
  "findings": [],
  "summary": {
    "files_scanned": 12,
    "files_parsed": 12,
    "files_skipped": 0,
    "errors": 0,
    "warnings": 0,
    "infos": 0,
    "targets": [
      {
        "product": "dten",
        "from": "2.4",
        "to": "3.0"
      }
    ]
  }
}
"""

JSON_ONE = """\
{
  "findings": [
    {
      "path": "examples/dten.yaml",
      "line": 3,
      "column": 5,
      "end_line": 3,
      "end_column": 16,
      "code": "KS102",
      "kind": "renamed",
      "severity": "error",
      "key": "dten.hybrid.legacy_mode",
      "found": "hybrid.legacy_mode",
      "replacement": true,
      "since": "3.0",
      "product": "dten",
      "message": "dten.hybrid.legacy_mode was removed in 3.0; use dten.hybrid.enable",
      "suggestion": "rename to dten.hybrid.enable",
      "confidence": "high",
      "reason": null,
      "url": null,
      "rule_source": null
    }
  ],
  "summary": {
    "files_scanned": 3,
    "files_parsed": 2,
    "files_skipped": 1,
    "errors": 1,
    "warnings": 0,
    "infos": 0,
    "targets": []
  }
}
"""


@pytest.mark.parametrize(
    ("findings", "summary", "expected"),
    [([], SUMMARY, JSON_EMPTY), ([RENAMED], RunSummary(3, 2, 1), JSON_ONE)],
    ids=["no-findings", "one-finding"],
)
@pytest.mark.parametrize("color", [False, True])
def test_json_renders_exactly(findings: list[Finding], summary: RunSummary, expected: str, color: bool) -> None:
    assert get_reporter("json").render(Report(tuple(findings), summary), color=color) == expected


def test_json_round_trips_with_exact_keys_and_types() -> None:
    findings = [
        RENAMED,
        make("b.yaml", 2, 1, severity="warning", confidence="low", reason="r", url="u"),
        make("c.yaml", 1, 1, severity="info", replacement=3),
    ]
    summary = RunSummary(5, 4, 1, (ProductTarget("dten", None, "3.0"),))
    data = json.loads(get_reporter("json").render(Report(tuple(findings), summary), color=False))

    assert list(data) == ["findings", "summary"]
    assert [list(obj) for obj in data["findings"]] == [list(FINDING_KEYS)] * 3
    assert list(data["summary"]) == list(SUMMARY_KEYS)
    assert data["summary"] == {
        "files_scanned": 5,
        "files_parsed": 4,
        "files_skipped": 1,
        "errors": 1,
        "warnings": 1,
        "infos": 1,
        "targets": [{"product": "dten", "from": None, "to": "3.0"}],
    }
    for obj, finding in zip(data["findings"], findings, strict=True):
        for key in FINDING_KEYS:
            expected = getattr(finding, key)
            assert obj[key] == expected
            assert type(obj[key]) is type(expected), key


@pytest.mark.parametrize(
    ("replacement", "expected"),
    [
        (True, True),
        (False, False),
        (0, 0),
        (3, 3),
        (1.5, 1.5),
        ("on", "on"),
        ("", ""),
        (None, None),
        (float("nan"), "nan"),
        (float("inf"), "inf"),
    ],
)
def test_json_replacement_keeps_its_type(replacement: Scalar, expected: Scalar) -> None:
    text = get_reporter("json").render(Report(tuple([make(replacement=replacement)]), SUMMARY), color=False)

    def reject(constant: str) -> None:
        raise AssertionError(f"invalid JSON constant {constant}")

    value = json.loads(text, parse_constant=reject)["findings"][0]["replacement"]
    assert value == expected
    assert type(value) is type(expected)


def test_json_escapes_non_ascii_and_control_characters() -> None:
    finding = make("données/名前.yaml", message="a\x1b[31mb\nc", source_line="ignored")
    text = get_reporter("json").render(Report(tuple([finding]), SUMMARY), color=True)
    assert text.isascii()
    assert "\x1b" not in text
    obj = json.loads(text)["findings"][0]
    assert obj["path"] == "données/名前.yaml"
    assert obj["message"] == "a\x1b[31mb\nc"
    assert "source_line" not in obj


# ---------------------------------------------------------------------------------------------
# fix outcomes: part of the one Report every reporter renders


FIX_LINES = (
    "fixed examples/dten.yaml:3:5 KS102 hybrid.legacy_mode -> dten.hybrid.enable\n"
    "not fixed b.toml:2:1 KS101 y: no value to add\n"
)


@pytest.mark.parametrize("name", ["text", "concise"])
def test_fix_outcomes_come_before_what_remains(name: str) -> None:
    remaining = (REFUSED,)
    rendered = get_reporter(name).render(fix_report(remaining), color=False)
    checked = get_reporter(name).render(Report(remaining, SUMMARY), color=False)
    assert rendered == FIX_LINES + "Fixed 1 finding in 1 file; 1 remaining.\n" + "\n" + checked


@pytest.mark.parametrize("name", ["text", "concise"])
def test_fix_with_nothing_left_prints_only_the_outcomes(name: str) -> None:
    rendered = get_reporter(name).render(fix_report(()), color=False)
    assert rendered == FIX_LINES + "Fixed 1 finding in 1 file; 0 remaining.\n"


def test_json_fix_report_lists_every_outcome_after_the_summary() -> None:
    data = json.loads(get_reporter("json").render(fix_report(()), color=False))
    assert list(data) == ["findings", "summary", "fixes", "fix_errors"]
    assert [tuple(fix) for fix in data["fixes"]] == [FIX_KEYS, FIX_KEYS]
    assert data["fix_errors"] == []  # no file had to be left as it was
    assert data["fixes"][0] == {
        "path": "examples/dten.yaml",
        "line": 3,
        "column": 5,
        "code": "KS102",
        "key": "dten.hybrid.legacy_mode",
        "found": "hybrid.legacy_mode",
        "applied": True,
        "description": "hybrid.legacy_mode -> dten.hybrid.enable",
        "reason": None,
    }
    assert data["fixes"][1]["applied"] is False
    assert data["fixes"][1]["description"] is None
    assert data["fixes"][1]["reason"] == "no value to add"


def test_check_report_has_no_fixes_key() -> None:
    assert "fixes" not in json.loads(get_reporter("json").render(Report((), SUMMARY), color=False))
