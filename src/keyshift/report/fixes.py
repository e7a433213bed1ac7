"""How the human-readable reports show fix outcomes: one line per fixable finding, one per file fix
could not finish (``error PATH: why``), then a count.

``text`` and ``concise`` print these lines before the findings that remain after ``fix``; ``fix
--diff`` prints them on stderr.
"""

from __future__ import annotations

from keyshift.core.model import FixOutcome
from keyshift.report import one_line
from keyshift.report.model import Report


def counted(count: int, word: str) -> str:
    """``1 file``, ``2 files``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def describe_outcome(outcome: FixOutcome) -> str:
    """``fixed path:3:5 KS102 a -> b`` or ``not fixed path:3:5 KS102 a: why``."""
    finding = outcome.finding
    where = f"{finding.path}:{finding.line}:{finding.column}"
    if outcome.applied:
        return one_line(f"fixed {where} {finding.code} {outcome.description}")
    return one_line(f"not fixed {where} {finding.code} {finding.found or finding.key or '-'}: {outcome.reason}")


def with_fix_lines(report: Report, findings_text: str) -> str:
    """``findings_text`` as is for ``check``; for ``fix``, the outcome lines and the count before it.

    After a fix the findings block is shown only when findings remain.
    """
    fixes = report.fixes
    if fixes is None:
        return findings_text
    lines = [describe_outcome(outcome) for outcome in fixes.outcomes]
    lines += [f"error {error.path}: {error.message}" for error in fixes.errors]
    fixed, files = counted(fixes.applied, "finding"), counted(fixes.files_changed, "file")
    lines.append(f"Fixed {fixed} in {files}; {len(report.findings)} remaining.")
    return "\n".join(lines) + "\n" + ("\n" + findings_text if report.findings else "")
