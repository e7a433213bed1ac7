"""The sarif reporter, checked as its consumers check it: the OASIS SARIF 2.1.0 schema, and GitHub code
scanning's rules (relative URIs with a declared base, rules with ids and help, stable fingerprints,
UTF-16 columns, at most 10 MB)."""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from helpers import run_cli, write_tree
from keyshift import __version__
from keyshift.core.codes import CODES, describe
from keyshift.core.model import Finding, Notice, RunSummary
from keyshift.report import get_reporter
from keyshift.report.model import Report
from keyshift.report.sarif import project_url, sarif_log
from support.findings import REFUSED, RENAMED, SUMMARY, fix_report, make
from support.matrix_texts import lines

REPO = Path(__file__).resolve().parents[1]
SCHEMA_ENV = "KEYSHIFT_SCHEMAS"
NOTICES = (Notice("blob.yaml", "binary file"), Notice("deploy/secret, x.yaml", "unreadable: Permission denied"))
WIDE = make(
    "conf/名前 #1.yaml",
    7,
    4,
    7,
    7,
    code="KS103",
    kind="deprecated",
    severity="warning",
    key="a.key",
    found="key",
    source_line="😀😀 key: 1",
)


def schema_path() -> Path:
    """The OASIS schema: ``$KEYSHIFT_SCHEMAS``, else ``<repository>/../shared/schemas``."""
    return Path(os.environ.get(SCHEMA_ENV) or REPO.parent / "shared" / "schemas") / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    path = schema_path()
    if not path.is_file():
        pytest.skip(f"the SARIF 2.1.0 schema is not at {path} (set {SCHEMA_ENV} to the folder that holds it)")
    schema = json.loads(path.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def render(report: Report) -> dict[str, Any]:
    text = get_reporter("sarif").render(report, color=False)
    assert text.endswith("\n") and text.isascii()
    data: dict[str, Any] = json.loads(text)
    return data


def the_run(report: Report) -> dict[str, Any]:
    data = render(report)
    assert data["version"] == "2.1.0"
    assert len(data["runs"]) == 1
    run: dict[str, Any] = data["runs"][0]
    return run


def artifact_locations(value: object) -> Iterator[dict[str, Any]]:
    """Every artifactLocation in a SARIF document (results, notifications, anywhere)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "artifactLocation":
                yield item
            yield from artifact_locations(item)
    elif isinstance(value, list):
        for item in value:
            yield from artifact_locations(item)


REPORTS: list[tuple[str, Report]] = [
    ("no-findings", Report((), SUMMARY)),
    ("findings", Report((RENAMED, WIDE, make("b.toml", 1, 1, severity="info", kind="missing")), SUMMARY)),
    ("notices", Report((RENAMED,), RunSummary(3, 3, 2), notices=NOTICES)),
    ("fix-with-remaining", fix_report((REFUSED,))),
    ("fix-nothing-left", fix_report(())),
    ("absolute-path-and-unknown-code", Report((make("/etc/dten/x.yaml", 2, 1, code="KS999"),), SUMMARY)),
    ("multi-line-and-control-characters", Report((make("a\tb.yaml", 2, 3, 5, 2, message="a\x1b\nb"),), SUMMARY)),
]


@pytest.mark.parametrize("report", [r for _, r in REPORTS], ids=[name for name, _ in REPORTS])
def test_every_report_validates_against_the_oasis_schema(report: Report, validator: Any) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(render(report))]
    assert errors == []


@pytest.mark.parametrize("report", [r for _, r in REPORTS], ids=[name for name, _ in REPORTS])
def test_every_artifact_uri_is_relative_to_a_declared_base(report: Report) -> None:
    run = the_run(report)
    locations = list(artifact_locations(run))
    assert locations or not (report.findings or report.notices or report.fixes)
    for artifact in locations:
        uri = urlsplit(artifact["uri"])
        assert (uri.scheme, uri.netloc) == ("", ""), artifact
        assert not uri.path.startswith("/"), artifact
        assert artifact["uriBaseId"] in run["originalUriBaseIds"], artifact


def test_a_uri_is_the_path_percent_encoded() -> None:
    run = the_run(Report((WIDE, make("/etc/dten/x.yaml")), SUMMARY))
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert uris == [
        {"uri": "conf/%E5%90%8D%E5%89%8D%20%231.yaml", "uriBaseId": "%SRCROOT%"},
        {"uri": "etc/dten/x.yaml", "uriBaseId": "FILESYSTEM_ROOT"},
    ]
    assert unquote(uris[0]["uri"]) == WIDE.path
    assert run["originalUriBaseIds"]["FILESYSTEM_ROOT"] == {"uri": "file:///"}
    assert "uri" not in run["originalUriBaseIds"]["%SRCROOT%"]


def test_one_rule_per_code_with_what_explain_prints() -> None:
    driver = the_run(Report((RENAMED,), SUMMARY))["tool"]["driver"]
    assert [rule["id"] for rule in driver["rules"]] == list(CODES)
    for rule, info in zip(driver["rules"], CODES.values(), strict=True):
        assert rule["name"] == info.kind
        assert rule["shortDescription"]["text"] == info.title
        assert rule["fullDescription"]["text"] == info.meaning
        assert rule["help"]["text"] == describe(info.code)
        assert info.example in rule["help"]["markdown"] and info.fix in rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning"}[info.severity]
        assert len(rule["fullDescription"]["text"]) <= 1024  # GitHub's limit


def test_results_point_at_their_rule_with_the_level_of_their_severity() -> None:
    findings = (
        RENAMED,
        make("b.yaml", severity="warning", code="KS103"),
        make("c.yaml", severity="info", code="KS201"),
        make("d.yaml", code="KS777", kind="removed"),
    )
    run = the_run(Report(findings, SUMMARY))
    rules = run["tool"]["driver"]["rules"]
    assert rules[-1] == {
        "id": "KS777",
        "name": "removed",
        "shortDescription": {"text": "KS777 removed"},
        "fullDescription": {"text": "KS777 removed"},
        "help": {"text": "KS777 removed"},
        "defaultConfiguration": {"level": "error"},
    }
    for result, finding in zip(run["results"], findings, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding.code
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding.severity]
        assert result["message"] == {"text": finding.message}


def test_a_result_in_full() -> None:
    (result,) = the_run(Report((RENAMED,), SUMMARY))["results"]
    assert result == {
        "ruleId": "KS102",
        "ruleIndex": 2,
        "level": "error",
        "message": {"text": "dten.hybrid.legacy_mode was removed in 3.0; use dten.hybrid.enable"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": "examples/dten.yaml", "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 16},
                }
            }
        ],
        "partialFingerprints": {"primaryLocationLineHash": result["partialFingerprints"]["primaryLocationLineHash"]},
        "properties": {
            "kind": "renamed",
            "key": "dten.hybrid.legacy_mode",
            "found": "hybrid.legacy_mode",
            "replacement": True,
            "since": "3.0",
            "product": "dten",
            "suggestion": "rename to dten.hybrid.enable",
            "confidence": "high",
        },
    }
    assert "fixes" not in result


# (source line, column, end line, end column) on line 7 -> the SARIF region (UTF-16 columns)
REGIONS: list[tuple[str, str | None, int, int, int, dict[str, int]]] = [
    ("ascii", "  key: 1", 3, 7, 6, {"startColumn": 3, "endLine": 7, "endColumn": 6}),
    ("non-bmp-before-the-key", "😀😀 key: 1", 4, 7, 7, {"startColumn": 6, "endLine": 7, "endColumn": 9}),
    ("non-bmp-inside-the-span", "k😀y: 1", 1, 7, 4, {"startColumn": 1, "endLine": 7, "endColumn": 5}),
    ("bmp-wide-characters-count-one", "名前: x", 5, 7, 6, {"startColumn": 5, "endLine": 7, "endColumn": 6}),
    ("past-the-end-of-the-line", "😀", 3, 7, 4, {"startColumn": 4, "endLine": 7, "endColumn": 5}),
    (
        "ends-on-a-later-line-whose-text-is-unknown",
        "😀 a: [",
        3,
        9,
        2,
        {"startColumn": 4, "endLine": 9, "endColumn": 2},
    ),
    ("ends-at-the-start-of-a-later-line", "a:", 1, 8, 1, {"startColumn": 1, "endLine": 8, "endColumn": 1}),
    ("ends-before-it-starts", "😀 key", 3, 7, 1, {"startColumn": 4, "endLine": 7, "endColumn": 4}),
    ("no-source-line", None, 4, 7, 7, {"startColumn": 4, "endLine": 7, "endColumn": 7}),
]


@pytest.mark.parametrize(
    ("source", "column", "end_line", "end_column", "expected"),
    [case[1:] for case in REGIONS],
    ids=[case[0] for case in REGIONS],
)
def test_regions_count_utf16_code_units(
    source: str | None, column: int, end_line: int, end_column: int, expected: dict[str, int]
) -> None:
    finding = make("f.yaml", 7, column, end_line, end_column, source_line=source)
    run = the_run(Report((finding,), SUMMARY))
    assert run["columnKind"] == "utf16CodeUnits"
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 7, **expected}
    if source is not None and end_line == 7:
        # the region's text, cut from the UTF-16 encoding of the line, is the span's text
        units = source.encode("utf-16-le")
        start, end = (region["startColumn"] - 1) * 2, (region["endColumn"] - 1) * 2
        assert units[start:end].decode("utf-16-le") == source[column - 1 : max(column, end_column) - 1]


def shifted(finding: Finding, lines: int) -> Finding:
    return dataclasses.replace(finding, line=finding.line + lines, end_line=finding.end_line + lines)


def fingerprints(findings: tuple[Finding, ...]) -> list[str]:
    return [r["partialFingerprints"]["primaryLocationLineHash"] for r in the_run(Report(findings, SUMMARY))["results"]]


def test_fingerprints_survive_lines_inserted_above_and_tell_equal_findings_apart() -> None:
    twice = (RENAMED, shifted(RENAMED, 4))
    first = fingerprints(twice)
    assert first[0].endswith(":1") and first[1].endswith(":2")
    assert first[0].split(":")[0] == first[1].split(":")[0]
    assert fingerprints(tuple(shifted(f, 10) for f in twice)) == first
    elsewhere = fingerprints((dataclasses.replace(RENAMED, path="other.yaml"),))
    assert elsewhere[0] not in first
    assert fingerprints((dataclasses.replace(RENAMED, code="KS103"),))[0] not in first


def test_the_run_names_the_tool_its_automation_id_and_a_successful_invocation() -> None:
    run = the_run(Report((), SUMMARY))
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("keyshift", __version__)
    assert run["automationDetails"] == {"id": "keyshift/"}
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["results"] == []
    assert run["properties"]["summary"]["files_scanned"] == 12


def test_help_uri_and_information_uri_come_from_the_project_url() -> None:
    urls = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"].get("urls", {})
    driver = the_run(Report((), SUMMARY))["tool"]["driver"]
    if not urls:  # the project names no repository yet: no link rather than a made-up one
        assert project_url() is None
        assert "informationUri" not in driver
        assert all("helpUri" not in rule for rule in driver["rules"])
    driver = sarif_log(Report((), SUMMARY), "https://github.com/o/keyshift/")["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://github.com/o/keyshift/"
    assert {rule["helpUri"] for rule in driver["rules"]} == {"https://github.com/o/keyshift#finding-kinds-and-codes"}
    # the anchor is the README's heading of the codes table
    assert "\n## Finding kinds and codes\n" in (REPO / "README.md").read_text(encoding="utf-8")


def test_skipped_files_are_tool_execution_notifications() -> None:
    run = the_run(Report((), RunSummary(1, 1, 2), notices=NOTICES))
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [(n["descriptor"]["id"], n["level"], n["message"]["text"]) for n in notes] == [
        ("skipped", "warning", "blob.yaml: binary file"),
        ("skipped", "warning", "deploy/secret, x.yaml: unreadable: Permission denied"),
    ]
    uri = notes[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "deploy/secret%2C%20x.yaml"
    descriptors = run["tool"]["driver"]["notifications"]
    assert all(descriptors[n["descriptor"]["index"]]["id"] == n["descriptor"]["id"] for n in notes)


def test_a_fix_report_lists_each_outcome_and_reports_what_remains() -> None:
    run = the_run(fix_report((REFUSED,)))
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [(n["descriptor"]["id"], n["level"], n["message"]["text"]) for n in notes] == [
        ("fixed", "note", "fixed examples/dten.yaml:3:5 KS102 hybrid.legacy_mode -> dten.hybrid.enable"),
        ("not-fixed", "warning", "not fixed b.toml:2:1 KS101 y: no value to add"),
        ("fix-summary", "note", "Fixed 1 finding in 1 file; 1 remaining."),
    ]
    assert notes[0]["associatedRule"] == {"id": "KS102", "index": 2}
    assert notes[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    assert [r["ruleId"] for r in run["results"]] == ["KS101"]
    assert run["invocations"][0]["executionSuccessful"] is True


def test_the_most_results_github_takes_stay_far_below_its_10_mb_limit() -> None:
    # GitHub rejects a run of more than 25,000 results, and a gzip-compressed file over 10 MB
    many = tuple(
        dataclasses.replace(RENAMED, path=f"deploy/service-{i // 10}/config.yaml", line=i % 10 + 1, reason="r" * 60)
        for i in range(25_000)
    )
    text = get_reporter("sarif").render(Report(many, SUMMARY), color=False)
    assert len(gzip.compress(text.encode("ascii"))) < 10 * 1024 * 1024


# a removed key (that fix cannot comment out of a flow mapping) and a renamed one (that it renames)
MATRIX = lines(
    *("[product]", 'name = "p"', 'versions = ["1.0", "2.0"]', 'files = ["app.yaml"]'),
    *('[keys."a.gone"]', 'removed = "2.0"'),
    *('[keys."a.old"]', 'removed = "2.0"', 'replaced-by = "a.new"'),
)


def test_a_real_check_and_fix_validate_and_count_utf16_columns(tmp_path: Path, validator: Any) -> None:
    app = "a: {x😀: 1, gone: 1, old: 2}\n"
    write_tree(tmp_path, {"deprecations.toml": MATRIX, "app.yaml": app})
    checked = json.loads(run_cli(["check", "--format", "sarif"], tmp_path).stdout)
    assert list(validator.iter_errors(checked)) == []
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in checked["runs"][0]["results"]]
    # keyshift's columns count characters (gone is at 12); UTF-16 counts the emoji before it twice
    assert [(r["startColumn"], r["endColumn"]) for r in regions] == [(13, 17), (22, 25)]
    assert app.encode("utf-16-le")[(13 - 1) * 2 : (17 - 1) * 2].decode("utf-16-le") == "gone"

    fixed = json.loads(run_cli(["fix", "--format", "sarif"], tmp_path).stdout)
    assert list(validator.iter_errors(fixed)) == []
    notes = fixed["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [n["descriptor"]["id"] for n in notes] == ["not-fixed", "fixed", "fix-summary"]
    assert [r["ruleId"] for r in fixed["runs"][0]["results"]] == ["KS101"]
