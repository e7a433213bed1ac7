"""One line per finding, ``path:line:col: CODE kind key message``, for grep and editors.

No summary and no colour; the output is empty (not even a newline) when nothing was found.
"""

from __future__ import annotations

from collections.abc import Sequence

from keyshift.core.model import Finding, RunSummary
from keyshift.report import Reporter, one_line


def format_finding(finding: Finding) -> str:
    key = one_line(finding.key) if finding.key is not None else "-"
    return (
        f"{one_line(finding.path)}:{finding.line}:{finding.column}: "
        f"{one_line(finding.code)} {finding.kind} {key} {one_line(finding.message)}"
    )


class ConciseReporter:
    def render(self, findings: Sequence[Finding], summary: RunSummary, *, color: bool) -> str:
        return "".join(format_finding(finding) + "\n" for finding in findings)


REPORTER: Reporter = ConciseReporter()
