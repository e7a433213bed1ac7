"""Small pieces the CI and document formats share: findings by file, and the fix outcomes on one line each."""

from __future__ import annotations

from collections.abc import Sequence

from keyshift.core.model import Finding
from keyshift.report import one_line
from keyshift.report.fixes import counted, describe_outcome
from keyshift.report.model import Report


def by_file(findings: Sequence[Finding]) -> dict[str, list[Finding]]:
    """The findings of each file, files in order of their first finding."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.path, []).append(finding)
    return groups


def fix_count_line(report: Report) -> str:
    """``Fixed 1 finding in 1 file; 0 remaining.`` (empty for a check report)."""
    if report.fixes is None:
        return ""
    fixed, files = counted(report.fixes.applied, "finding"), counted(report.fixes.files_changed, "file")
    return f"Fixed {fixed} in {files}; {len(report.findings)} remaining."


def fix_lines(report: Report) -> list[str]:
    """Each fix outcome as ``describe_outcome`` says it, on one safe line, then the count (none for check)."""
    if report.fixes is None:
        return []
    return [one_line(describe_outcome(outcome)) for outcome in report.fixes.outcomes] + [fix_count_line(report)]
