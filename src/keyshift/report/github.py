"""GitHub Actions workflow commands: one annotation per finding, then the summary line as plain text.

Each finding is ``::error file=PATH,line=L,col=C,endLine=L,endColumn=C,title=CODE kind::message``
(``warning`` for warnings, ``notice`` for infos).  GitHub takes columns only on one line, so a finding
that spans lines has ``line`` and ``endLine`` alone.  Values are escaped as the runner unescapes them:
in the message ``%``, CR and LF become ``%25``, ``%0D`` and ``%0A``; in properties ``:`` and ``,``
also become ``%3A`` and ``%2C``.  Other control characters are replaced first, as in every
human-readable report.  After ``fix`` the fix outcome lines come first (one safe line each, so a file
name cannot start a workflow command), and the summary follows only the findings that remain.
"""

from __future__ import annotations

from keyshift.core.model import Finding
from keyshift.report import Reporter, printable
from keyshift.report.common import by_file, fix_lines
from keyshift.report.model import Report
from keyshift.report.text import summary_line

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF escaped."""
    return printable(text, keep="\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as data, and ``:`` and ``,`` escaped too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """The workflow command for one finding."""
    properties = [("file", finding.path), ("line", str(finding.line))]
    if finding.end_line == finding.line:
        end_column = max(finding.end_column, finding.column)
        properties += [("col", str(finding.column)), ("endLine", str(finding.line)), ("endColumn", str(end_column))]
    else:
        properties.append(("endLine", str(max(finding.end_line, finding.line))))
    properties.append(("title", f"{finding.code} {finding.kind}"))
    fields = ",".join(f"{name}={escape_property(value)}" for name, value in properties)
    return f"::{COMMANDS[finding.severity]} {fields}::{escape_data(finding.message)}"


class GithubReporter:
    def render(self, report: Report, *, color: bool) -> str:
        lines = fix_lines(report)
        lines += [annotation(finding) for finding in report.findings]
        if report.fixes is None or report.findings:
            lines.append(summary_line(report.findings, report.summary, len(by_file(report.findings))))
        return "\n".join(lines) + "\n"


REPORTER: Reporter = GithubReporter()
