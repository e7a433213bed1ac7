"""The github, gitlab, junit, markdown and json-lines reporters, each checked as its consumer reads it
(the sarif reporter: test_reporter_sarif.py)."""

from __future__ import annotations

import dataclasses
import json
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from keyshift.core.model import Finding, FixOutcome, Notice, RunSummary
from keyshift.report import get_reporter
from keyshift.report.json import FINDING_KEYS, FIX_KEYS, finding_to_json
from keyshift.report.model import FixSummary, Report
from support.findings import REFUSED, RENAMED, SUMMARY, fix_report, make
from support.tables import each_row

PLAIN = RunSummary(files_scanned=2, files_parsed=2, files_skipped=0)
WARNING = make("b.toml", 2, 1, code="KS103", kind="deprecated", severity="warning", key="k", found="k", message="old")
INFO = make("c.env", 4, 2, 6, 1, code="KS201", kind="missing", severity="info", message="add z")
PARSE_ERROR = make("bad.toml", 3, 18, code="KS001", kind="parse-error", message="cannot parse TOML")
SPECIAL_PATH = "dir,x/a%b:c\rd\ne.yaml"
SPECIAL_MESSAGE = "50% done\r\nnext: a,b"


def render(name: str, report: Report) -> str:
    return get_reporter(name).render(report, color=False)


def shifted(finding: Finding, lines: int) -> Finding:
    return dataclasses.replace(finding, line=finding.line + lines, end_line=finding.end_line + lines)


# ---------------------------------------------------------------------------------------------
# github

GITHUB_CASES: list[tuple[str, tuple[Finding, ...], RunSummary, str]] = [
    (
        "one-error",
        (RENAMED,),
        SUMMARY,
        "::error file=examples/dten.yaml,line=3,col=5,endLine=3,endColumn=16,title=KS102 renamed::"
        "dten.hybrid.legacy_mode was removed in 3.0; use dten.hybrid.enable\n"
        "Found 1 error in 1 file (dten 2.4 -> 3.0).\n",
    ),
    (
        "warning-notice-and-a-span-over-lines",
        (WARNING, INFO),
        PLAIN,
        "::warning file=b.toml,line=2,col=1,endLine=2,endColumn=2,title=KS103 deprecated::old\n"
        "::notice file=c.env,line=4,endLine=6,title=KS201 missing::add z\n"
        "Found 1 warning and 1 info in 2 files.\n",
    ),
    (
        "escaped-path-and-message",
        (make(SPECIAL_PATH, 1, 2, message=SPECIAL_MESSAGE),),
        PLAIN,
        "::error file=dir%2Cx/a%25b%3Ac%0Dd%0Ae.yaml,line=1,col=2,endLine=1,endColumn=3,title=KS100 removed::"
        "50%25 done%0D%0Anext: a,b\n"
        "Found 1 error in 1 file.\n",
    ),
    (
        "control-characters-replaced",
        (make("a.yaml", message="a\x1b[2Jb\x00"),),
        PLAIN,
        "::error file=a.yaml,line=1,col=1,endLine=1,endColumn=2,title=KS100 removed::a\ufffd[2Jb\ufffd\n"
        "Found 1 error in 1 file.\n",
    ),
    ("no-findings", (), SUMMARY, "No findings (dten 2.4 -> 3.0). 12 files scanned.\n"),
]


@each_row(("findings", "summary", "expected"), GITHUB_CASES)
def test_github_renders_exactly(findings: tuple[Finding, ...], summary: RunSummary, expected: str) -> None:
    assert render("github", Report(findings, summary)) == expected


def unescape(text: str, *, prop: bool) -> str:
    """What the Actions runner makes of an escaped value (``%25`` last, so ``%253A`` stays ``%3A``)."""
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if prop else [])
    for escaped, raw in [*pairs, ("%25", "%")]:
        text = text.replace(escaped, raw)
    return text


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command as the runner splits it: ``::name k=v,k=v::data``."""
    match = re.fullmatch(r"::(\w+) ([^:]*)::(.*)", line)
    assert match is not None, line
    properties = dict(item.split("=", 1) for item in match.group(2).split(","))
    return (
        match.group(1),
        {k: unescape(v, prop=True) for k, v in properties.items()},
        unescape(match.group(3), prop=False),
    )


@pytest.mark.parametrize("path", [SPECIAL_PATH, "100%.yaml", "a%3A.yaml", "x::y,z=1.yaml"])
@pytest.mark.parametrize("message", [SPECIAL_MESSAGE, "%0A is not a newline", "k=v, ::warning::x\n::error::y"])
def test_github_commands_read_back_to_the_path_and_message(path: str, message: str) -> None:
    lines = render("github", Report((make(path, 3, 4, key="k", message=message),), PLAIN)).splitlines()
    assert len(lines) == 2 and not lines[1].startswith("::")
    name, properties, data = parse_command(lines[0])
    assert name == "error"
    assert properties == {
        "file": path,
        "line": "3",
        "col": "4",
        "endLine": "3",
        "endColumn": "5",
        "title": "KS100 removed",
    }
    assert data == message


def test_github_fix_report_prints_the_outcomes_as_plain_lines() -> None:
    assert render("github", fix_report(())) == (
        "fixed examples/dten.yaml:3:5 KS102 hybrid.legacy_mode -> dten.hybrid.enable\n"
        "not fixed b.toml:2:1 KS101 y: no value to add\n"
        "Fixed 1 finding in 1 file; 0 remaining.\n"
    )
    assert render("github", fix_report((REFUSED,))).splitlines()[2:] == [
        "Fixed 1 finding in 1 file; 1 remaining.",
        "::error file=b.toml,line=2,col=1,endLine=2,endColumn=2,title=KS101 removed::m",
        "Found 1 error in 1 file (dten 2.4 -> 3.0).",
    ]


def test_github_fix_lines_cannot_start_a_workflow_command() -> None:
    refused = FixOutcome(make("x\n::error::injected.yaml", code="KS101", found="y"), "", applied=False, reason="r")
    report = Report((), SUMMARY, fixes=FixSummary((refused,), files_changed=0, applied=0))
    assert render("github", report) == (
        "not fixed x ::error::injected.yaml:1:1 KS101 y: r\nFixed 0 findings in 0 files; 0 remaining.\n"
    )


# ---------------------------------------------------------------------------------------------
# gitlab

GITLAB_REQUIRED = {
    "description": str,
    "check_name": str,
    "fingerprint": str,
    "severity": str,
}


def gitlab(findings: tuple[Finding, ...]) -> list[dict[str, Any]]:
    text = render("gitlab", Report(findings, SUMMARY))
    assert text.endswith("\n") and text.count("\n") == 1 and text.isascii()
    issues: list[dict[str, Any]] = json.loads(text)
    return issues


def test_gitlab_renders_exactly() -> None:
    assert render("gitlab", Report((), SUMMARY)) == "[]\n"
    (issue,) = gitlab((RENAMED,))
    assert render("gitlab", Report((RENAMED,), SUMMARY)) == (
        '[{"type":"issue","description":"KS102 renamed: dten.hybrid.legacy_mode was removed in 3.0; use dten.hybrid.enable",'
        f'"check_name":"KS102","fingerprint":"{issue["fingerprint"]}","severity":"major","categories":["Compatibility"],'
        '"location":{"path":"examples/dten.yaml","lines":{"begin":3,"end":3}},'
        '"content":{"body":"help: rename to dten.hybrid.enable"}}]\n'
    )


GITLAB_ROWS: list[tuple[str, Finding, str, str, dict[str, Any], str | None]] = [
    (
        "error",
        RENAMED,
        "KS102 renamed: " + RENAMED.message,
        "major",
        {"begin": 3, "end": 3},
        "help: rename to dten.hybrid.enable",
    ),
    ("warning", WARNING, "KS103 deprecated: old", "minor", {"begin": 2, "end": 2}, None),
    ("info-over-lines", INFO, "KS201 missing: add z", "info", {"begin": 4, "end": 6}, None),
    (
        "notes",
        make(reason="r", url="u", suggestion="s"),
        "KS100 removed: m",
        "major",
        {"begin": 1, "end": 1},
        "help: s\nreason: r\nurl: u",
    ),
]


@each_row(("finding", "description", "severity", "lines", "body"), GITLAB_ROWS)
def test_gitlab_issue_fields(
    finding: Finding, description: str, severity: str, lines: dict[str, Any], body: str | None
) -> None:
    (issue,) = gitlab((finding,))
    assert (issue["description"], issue["check_name"], issue["severity"]) == (description, finding.code, severity)
    assert issue["location"] == {"path": finding.path, "lines": lines}
    assert issue.get("content") == (None if body is None else {"body": body})
    assert (issue["type"], issue["categories"]) == ("issue", ["Compatibility"])


def test_gitlab_issues_have_the_required_fields_and_unique_fingerprints() -> None:
    findings = (
        RENAMED,
        shifted(RENAMED, 5),  # the same key used twice in one file
        dataclasses.replace(RENAMED, path="other.yaml"),
        make("a.yaml", 1, 1, code="KS201", kind="missing", key="k"),  # no spelling: told apart by line
        make("a.yaml", 2, 1, code="KS201", kind="missing", key="k"),
        WARNING,
        PARSE_ERROR,
    )
    issues = gitlab(findings)
    for issue in issues:
        for field, kind in GITLAB_REQUIRED.items():
            assert isinstance(issue[field], kind) and issue[field], field
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert isinstance(issue["location"]["path"], str)
        assert isinstance(issue["location"]["lines"]["begin"], int)
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == len(findings)


def test_gitlab_fingerprints_survive_lines_inserted_above() -> None:
    findings = (RENAMED, shifted(RENAMED, 5), WARNING)
    before = [issue["fingerprint"] for issue in gitlab(findings)]
    after = [issue["fingerprint"] for issue in gitlab(tuple(shifted(f, 3) for f in findings))]
    assert before == after


def test_gitlab_fix_report_lists_what_remains() -> None:
    assert json.loads(render("gitlab", fix_report(()))) == []
    assert [issue["check_name"] for issue in json.loads(render("gitlab", fix_report((REFUSED,))))] == ["KS101"]


# ---------------------------------------------------------------------------------------------
# junit

MIXED = Report(
    (RENAMED, dataclasses.replace(shifted(RENAMED, 4), reason="r & <x>"), WARNING, PARSE_ERROR),
    RunSummary(5, 5, 1),
    notices=(Notice("blob.yaml", "binary file"),),
)

JUNIT_MIXED = """\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="keyshift" tests="5" failures="2" errors="1" skipped="1">
  <testsuite name="keyshift" tests="5" failures="2" errors="1" skipped="1">
    <testcase classname="keyshift" name="examples/dten.yaml" file="examples/dten.yaml">
      <failure type="KS102" message="3:5: KS102 [error] renamed dten.hybrid.legacy_mode was removed in 3.0; use dten.hybrid.enable">examples/dten.yaml:3:5: KS102 [error] renamed dten.hybrid.legacy_mode dten.hybrid.legacy_mode was removed in 3.0; use dten.hybrid.enable
help: rename to dten.hybrid.enable</failure>
      <failure type="KS102" message="7:5: KS102 [error] renamed dten.hybrid.legacy_mode was removed in 3.0; use dten.hybrid.enable">examples/dten.yaml:7:5: KS102 [error] renamed dten.hybrid.legacy_mode dten.hybrid.legacy_mode was removed in 3.0; use dten.hybrid.enable
help: rename to dten.hybrid.enable
reason: r &amp; &lt;x&gt;</failure>
      <system-out>examples/dten.yaml:3:5: KS102 [error] renamed dten.hybrid.legacy_mode dten.hybrid.legacy_mode was removed in 3.0; use dten.hybrid.enable
examples/dten.yaml:7:5: KS102 [error] renamed dten.hybrid.legacy_mode dten.hybrid.legacy_mode was removed in 3.0; use dten.hybrid.enable</system-out>
    </testcase>
    <testcase classname="keyshift" name="b.toml" file="b.toml">
      <failure type="KS103" message="2:1: KS103 [warning] deprecated old">b.toml:2:1: KS103 [warning] deprecated k old</failure>
      <system-out>b.toml:2:1: KS103 [warning] deprecated k old</system-out>
    </testcase>
    <testcase classname="keyshift" name="bad.toml" file="bad.toml">
      <error type="KS001" message="3:18: KS001 [error] parse-error cannot parse TOML">bad.toml:3:18: KS001 [error] parse-error - cannot parse TOML</error>
      <system-out>bad.toml:3:18: KS001 [error] parse-error - cannot parse TOML</system-out>
    </testcase>
    <testcase classname="keyshift" name="files without findings">
      <system-out>2 files checked without findings</system-out>
    </testcase>
    <testcase classname="keyshift" name="blob.yaml">
      <skipped message="binary file" />
    </testcase>
  </testsuite>
</testsuites>
"""


def junit(report: Report) -> ET.Element:
    text = render("junit", report)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root
    assert suite.tag == "testsuite" and suite.get("name") == "keyshift"
    cases = suite.findall("testcase")
    counts = {
        "tests": len(cases),
        "failures": sum(1 for c in cases if c.find("failure") is not None),
        "errors": sum(1 for c in cases if c.find("failure") is None and c.find("error") is not None),
        "skipped": sum(1 for c in cases if c.find("skipped") is not None),
    }
    for element in (root, suite):
        assert {name: int(element.get(name, "-1")) for name in counts} == counts
    return root


def test_junit_renders_exactly() -> None:
    assert render("junit", MIXED) == JUNIT_MIXED


def test_junit_has_a_case_per_file_with_a_failure_per_finding() -> None:
    suite = junit(MIXED)[0]
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert list(cases) == ["examples/dten.yaml", "b.toml", "bad.toml", "files without findings", "blob.yaml"]
    assert all(case.get("classname") == "keyshift" for case in cases.values())
    failures = cases["examples/dten.yaml"].findall("failure")
    assert [(f.get("type"), f.get("message", "").split(":")[:2]) for f in failures] == [
        ("KS102", ["3", "5"]),
        ("KS102", ["7", "5"]),
    ]
    assert failures[1].text is not None and failures[1].text.endswith("reason: r & <x>")
    assert cases["bad.toml"].find("failure") is None
    assert cases["bad.toml"].findall("error")[0].get("type") == "KS001"
    assert cases["blob.yaml"].findall("skipped")[0].get("message") == "binary file"
    assert cases["files without findings"].findtext("system-out") == "2 files checked without findings"


@pytest.mark.parametrize(
    ("report", "cases"),
    [
        (Report((), RunSummary(0, 0, 0)), ["files without findings"]),
        (Report((), RunSummary(3, 3, 1), notices=(Notice("x", "binary file"),)), ["files without findings", "x"]),
        (Report((), RunSummary(0, 0, 1), notices=(Notice("x", "binary file"),)), ["x"]),
        (Report((RENAMED,), RunSummary(1, 1, 0)), ["examples/dten.yaml"]),
    ],
    ids=["nothing-scanned", "clean-and-skipped", "only-skipped", "every-file-has-findings"],
)
def test_junit_clean_files_are_one_passing_case(report: Report, cases: list[str]) -> None:
    assert [case.get("name") for case in junit(report)[0].findall("testcase")] == cases


def test_junit_escapes_what_xml_cannot_hold() -> None:
    nasty = make("a<&\"'>\x1b\udcff.yaml", message="]]> <x/> \x00\x08 \ufffe\nline two", suggestion="a\u2028b")
    root = junit(Report((nasty,), PLAIN, notices=(Notice("n\x07", "why \x01"),)))
    case = root[0].findall("testcase")[0]
    # a control character is replaced; a lone surrogate is written as its escape (report.one_line)
    assert case.get("name") == "a<&\"'>\ufffd\\udcff.yaml"
    failure = case.findall("failure")[0]
    assert failure.get("message") == "1:1: KS100 [error] removed ]]> <x/> \ufffd\ufffd \ufffd line two"
    assert failure.text is not None and failure.text.endswith("help: a b")
    assert root[0].findall("testcase")[-1].findall("skipped")[0].get("message") == "why \ufffd"


def test_junit_fix_report_lists_the_outcomes_in_the_suite_output() -> None:
    suite = junit(fix_report((REFUSED,)))[0]
    assert suite.findtext("system-out") == (
        "fixed examples/dten.yaml:3:5 KS102 hybrid.legacy_mode -> dten.hybrid.enable\n"
        "not fixed b.toml:2:1 KS101 y: no value to add\n"
        "Fixed 1 finding in 1 file; 1 remaining."
    )
    assert [case.get("name") for case in suite.findall("testcase")] == ["b.toml", "files without findings"]
    assert "system-out" not in render("junit", Report((RENAMED,), SUMMARY)).split("</testcase>")[-1]


# ---------------------------------------------------------------------------------------------
# markdown

TABLE_HEAD = "| position | severity | code | kind | message | suggestion |\n| --- | --- | --- | --- | --- | --- |\n"

MARKDOWN_CASES: list[tuple[str, Report, str]] = [
    (
        "one-finding",
        Report((RENAMED,), SUMMARY),
        "### examples/dten.yaml\n\n" + TABLE_HEAD + "| 3:5 | error | KS102 | renamed | "
        "dten.hybrid.legacy_mode was removed in 3.0; use dten.hybrid.enable | rename to dten.hybrid.enable |\n\n"
        "Found 1 error in 1 file (dten 2.4 -> 3.0).\n",
    ),
    (
        "two-files-in-order",
        Report((WARNING, INFO, make("b.toml", 9, 3)), PLAIN),
        "### b.toml\n\n" + TABLE_HEAD + "| 2:1 | warning | KS103 | deprecated | old |  |\n"
        "| 9:3 | error | KS100 | removed | m |  |\n\n"
        "### c.env\n\n" + TABLE_HEAD + "| 4:2 | info | KS201 | missing | add z |  |\n\n"
        "Found 1 error, 1 warning and 1 info in 2 files.\n",
    ),
    (
        "pipes-and-line-breaks-in-cells",
        Report((make("a|b.yaml", message="x | y\nz\r\nw", suggestion="set a|b"),), PLAIN),
        "### a\\|b.yaml\n\n" + TABLE_HEAD + "| 1:1 | error | KS100 | removed | x \\| y<br>z<br>w | set a\\|b |\n\n"
        "Found 1 error in 1 file.\n",
    ),
    (
        "markdown-syntax-is-escaped",
        Report((make("docs/#1 #", message="*a* _b_ snake_case `c` [d](e) <img> ~~f~~ \\g &amp; \x1b"),), PLAIN),
        "### docs/#1 \\#\n\n" + TABLE_HEAD + "| 1:1 | error | KS100 | removed | "
        "\\*a\\* \\_b\\_ snake_case \\`c\\` \\[d](e) \\<img> \\~\\~f\\~\\~ \\\\g \\&amp; \ufffd |  |\n\n"
        "Found 1 error in 1 file.\n",
    ),
    ("no-findings", Report((), SUMMARY), "No findings (dten 2.4 -> 3.0). 12 files scanned.\n"),
    (
        "fix-with-remaining",
        fix_report((REFUSED,)),
        "### Fixes\n\n| position | code | outcome | details |\n| --- | --- | --- | --- |\n"
        "| examples/dten.yaml:3:5 | KS102 | fixed | hybrid.legacy_mode -> dten.hybrid.enable |\n"
        "| b.toml:2:1 | KS101 | not fixed | y: no value to add |\n\n"
        "Fixed 1 finding in 1 file; 1 remaining.\n\n"
        "### b.toml\n\n" + TABLE_HEAD + "| 2:1 | error | KS101 | removed | m |  |\n\n"
        "Found 1 error in 1 file (dten 2.4 -> 3.0).\n",
    ),
    (
        "fix-with-nothing-left",
        fix_report(()),
        "### Fixes\n\n| position | code | outcome | details |\n| --- | --- | --- | --- |\n"
        "| examples/dten.yaml:3:5 | KS102 | fixed | hybrid.legacy_mode -> dten.hybrid.enable |\n"
        "| b.toml:2:1 | KS101 | not fixed | y: no value to add |\n\n"
        "Fixed 1 finding in 1 file; 0 remaining.\n",
    ),
]


@each_row(("report", "expected"), MARKDOWN_CASES)
def test_markdown_renders_exactly(report: Report, expected: str) -> None:
    assert render("markdown", report) == expected


def test_markdown_cells_render_as_the_text_they_hold() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    html = pytest.importorskip("html")
    texts = ["*a* _b_ __init__ snake_case", "x | y", "`c` [d](e) ![i](j) <b>bold</b>", "~~f~~ \\g &amp; R&D", "a\nb"]
    report = Report(tuple(make(f"f{i}.yaml", message=text) for i, text in enumerate(texts)), PLAIN)
    parser = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    rendered = parser.render(render("markdown", report))
    cells = re.findall(r"<td>(.*?)</td>", rendered)
    messages = [html.unescape(cell).replace("<br>", "\n") for cell in cells[4::6]]
    assert messages == texts
    assert rendered.count("<table>") == len(texts)


# ---------------------------------------------------------------------------------------------
# json-lines


def json_lines(report: Report) -> list[dict[str, Any]]:
    text = render("json-lines", report)
    assert text.endswith("\n") and text.isascii()
    return [json.loads(line) for line in text.splitlines()]


def test_json_lines_renders_exactly() -> None:
    assert render("json-lines", Report((), RunSummary(1, 1, 0))) == (
        '{"summary":{"files_scanned":1,"files_parsed":1,"files_skipped":0,'
        '"errors":0,"warnings":0,"infos":0,"targets":[]}}\n'
    )
    first = render("json-lines", Report((WARNING,), PLAIN)).splitlines()[0]
    assert first == (
        '{"path":"b.toml","line":2,"column":1,"end_line":2,"end_column":2,"code":"KS103","kind":"deprecated",'
        '"severity":"warning","key":"k","found":"k","replacement":null,"since":null,"product":null,"message":"old",'
        '"suggestion":null,"confidence":"high","reason":null,"url":null,"rule_source":null}'
    )


def test_json_lines_each_finding_is_the_json_formats_object_then_the_summary() -> None:
    findings = (RENAMED, make("x\n.yaml", message="a\nb\u2028c"), WARNING)
    lines = json_lines(Report(findings, SUMMARY))
    assert lines[:-1] == [json.loads(json.dumps(finding_to_json(f))) for f in findings]
    assert all(list(line) == list(FINDING_KEYS) for line in lines[:-1])
    assert list(lines[-1]) == ["summary"]
    assert lines[-1]["summary"]["errors"] == 2
    assert lines[-1]["summary"]["targets"] == [{"product": "dten", "from": "2.4", "to": "3.0"}]


def test_json_lines_fix_outcomes_are_lines_before_the_summary() -> None:
    lines = json_lines(fix_report((REFUSED,)))
    assert [next(iter(line)) if len(line) == 1 else "finding" for line in lines] == ["finding", "fix", "fix", "summary"]
    assert [list(line["fix"]) for line in lines[1:3]] == [list(FIX_KEYS)] * 2
    assert [line["fix"]["applied"] for line in lines[1:3]] == [True, False]
