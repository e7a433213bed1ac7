"""JUnit XML for Jenkins (``junit``) and GitLab (``artifacts:reports:junit``): a test case per file.

One ``<testsuites>`` holding one ``<testsuite name="keyshift">``; every ``<testcase>`` has
``classname="keyshift"`` (Jenkins reads dots in a class name as packages, so a path is the ``name``):

- each file with findings: a ``<failure>`` per finding (``type`` the code, ``message`` the position,
  code, severity, kind and message; the text adds the path, help, reason and url), or an ``<error>`` for
  a parse error (nothing in that file was checked).  Jenkins shows only a test case's first failure, so
  the case's ``<system-out>`` lists all its findings, one ``concise`` line each;
- the files without findings: one passing case named ``files without findings``, whose output says how
  many.  The report counts them but does not name them.  A run with no case at all still gets it, so
  that a clean run is a passing test (Jenkins fails a build on an empty report by default);
- each skipped file or directory: a case with ``<skipped message="reason">``.

``tests``, ``failures``, ``errors`` and ``skipped`` count test cases, as JUnit does.  After ``fix`` the
findings are those that remain, and the suite's ``<system-out>`` lists the fix outcomes.  Text that
XML 1.0 cannot hold (control characters, lone surrogates) is replaced by U+FFFD.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from keyshift.core.model import Finding, Notice
from keyshift.report import Reporter, one_line
from keyshift.report.common import by_file, fix_lines
from keyshift.report.concise import format_finding
from keyshift.report.fixes import counted
from keyshift.report.model import Report

SUITE = "keyshift"
CLEAN_CASE = "files without findings"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` on one line, with every character XML 1.0 cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", one_line(text))


def concise_line(finding: Finding) -> str:
    """The finding as the ``concise`` format prints it, safe for XML."""
    return _NOT_XML.sub("\ufffd", format_finding(finding))


def problem(finding: Finding) -> ET.Element:
    """The ``<failure>`` (or ``<error>`` for a parse error) of one finding."""
    element = ET.Element("error" if finding.kind == "parse-error" else "failure")
    element.set("type", xml_text(finding.code))
    position = f"{finding.line}:{finding.column}: {finding.code} [{finding.severity}] {finding.kind}"
    element.set("message", xml_text(f"{position} {finding.message}"))
    notes = [("help", finding.suggestion), ("reason", finding.reason), ("url", finding.url)]
    element.text = "\n".join([concise_line(finding), *(f"{label}: {xml_text(v)}" for label, v in notes if v)])
    return element


def _case(name: str) -> ET.Element:
    case = ET.Element("testcase")
    case.set("classname", SUITE)
    case.set("name", xml_text(name))
    return case


def file_case(path: str, findings: list[Finding]) -> ET.Element:
    case = _case(path)
    case.set("file", xml_text(path))
    case.extend(problem(finding) for finding in findings)
    output = ET.SubElement(case, "system-out")
    output.text = "\n".join(concise_line(finding) for finding in findings)
    return case


def skipped_case(notice: Notice) -> ET.Element:
    case = _case(notice.display)
    ET.SubElement(case, "skipped").set("message", xml_text(notice.reason))
    return case


def clean_case(count: int) -> ET.Element:
    case = _case(CLEAN_CASE)
    ET.SubElement(case, "system-out").text = f"{counted(count, 'file')} checked without findings"
    return case


def cases_of(report: Report) -> list[ET.Element]:
    groups = by_file(report.findings)
    cases = [file_case(path, group) for path, group in groups.items()]
    clean = max(0, report.summary.files_scanned - len(groups))
    if clean or not (cases or report.notices):
        cases.append(clean_case(clean))
    cases.extend(skipped_case(notice) for notice in report.notices)
    return cases


def _counts(cases: list[ET.Element]) -> dict[str, str]:
    failures = sum(1 for case in cases if case.find("failure") is not None)
    errors = sum(1 for case in cases if case.find("failure") is None and case.find("error") is not None)
    skipped = sum(1 for case in cases if case.find("skipped") is not None)
    return {"tests": str(len(cases)), "failures": str(failures), "errors": str(errors), "skipped": str(skipped)}


def junit_xml(report: Report) -> ET.Element:
    cases = cases_of(report)
    counts = _counts(cases)
    root = ET.Element("testsuites", {"name": SUITE, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE, **counts})
    suite.extend(cases)
    lines = fix_lines(report)
    if lines:
        ET.SubElement(suite, "system-out").text = "\n".join(xml_text(line) for line in lines)
    return root


class JunitReporter:
    def render(self, report: Report, *, color: bool) -> str:
        root = junit_xml(report)
        ET.indent(root, space="  ")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


REPORTER: Reporter = JunitReporter()
