"""One line per finding, ``path:line:col: CODE [severity] kind key message``, for grep and editors.

No summary and no colour; the output is empty (not even a newline) when nothing was found.  After
``fix`` the fix outcome lines come first (:mod:`keyshift.report.fixes`).
"""

from __future__ import annotations

from keyshift.core.model import Finding
from keyshift.report import Reporter, one_line
from keyshift.report.fixes import with_fix_lines
from keyshift.report.model import Report


def format_finding(finding: Finding) -> str:
    key = one_line(finding.key) if finding.key is not None else "-"
    return (
        f"{one_line(finding.path)}:{finding.line}:{finding.column}: "
        f"{one_line(finding.code)} [{finding.severity}] {finding.kind} {key} {one_line(finding.message)}"
    )


class ConciseReporter:
    def render(self, report: Report, *, color: bool) -> str:
        return with_fix_lines(report, "".join(format_finding(finding) + "\n" for finding in report.findings))


REPORTER: Reporter = ConciseReporter()
