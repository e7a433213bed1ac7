"""Markdown for pull-request comments and upgrade tickets: a table per file, then the summary line.

Layout for one file::

    ### examples/dten.yaml

    | position | severity | code | kind | message | suggestion |
    | --- | --- | --- | --- | --- | --- |
    | 3:5 | error | KS102 | renamed | dten.hybrid.legacy_mode was removed in 3.0 | rename to ... |

Text from files and matrices is escaped so that it renders as written: the characters that can start
Markdown syntax (``\\ ` * [ < | ~ &``, and ``_`` at the edge of a word) get a backslash, line breaks
become ``<br>`` (a table row is one line) and other control characters are replaced as in every
human-readable report.  After ``fix`` a ``### Fixes`` table (position, code, outcome, the change or
why there is none) and the count come first; the tables of what remains follow.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from keyshift.core.model import Finding, FixOutcome
from keyshift.report import Reporter, printable
from keyshift.report.common import by_file, fix_count_line
from keyshift.report.model import Report
from keyshift.report.text import summary_line

FINDING_COLUMNS = ("position", "severity", "code", "kind", "message", "suggestion")
FIX_COLUMNS = ("position", "code", "outcome", "details")
# ASCII punctuation that can start Markdown syntax; ``_`` only at a word's edge (GitHub never reads an
# underscore inside a word as emphasis, so ``legacy_mode`` stays as written)
_ACTIVE = re.compile(r"([\\`*\[<|~&]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z]))")


def md_text(text: str) -> str:
    """``text`` as Markdown that renders as written, on one line (breaks become ``<br>``)."""
    text = printable(text.replace("\r\n", "\n").replace("\r", "\n"), keep="\n")
    return _ACTIVE.sub(r"\\\1", text).replace("\n", "<br>")


def heading(text: str) -> str:
    """A level-3 heading of ``text``; a trailing ``#`` is escaped so it is not read as a closing sequence."""
    return "### " + re.sub(r"#+$", lambda m: "\\" + m.group(), md_text(text))


def table(columns: Sequence[str], rows: list[list[str]]) -> list[str]:
    """A GitHub-flavoured Markdown table; cells are escaped here."""
    lines = ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
    lines += ["| " + " | ".join(md_text(cell) for cell in row) + " |" for row in rows]
    return lines


def finding_row(finding: Finding) -> list[str]:
    position = f"{finding.line}:{finding.column}"
    return [position, finding.severity, finding.code, finding.kind, finding.message, finding.suggestion or ""]


def fix_row(outcome: FixOutcome) -> list[str]:
    finding = outcome.finding
    position = f"{finding.path}:{finding.line}:{finding.column}"
    if outcome.applied:
        return [position, finding.code, "fixed", outcome.description]
    what = finding.found or finding.key or "-"
    return [position, finding.code, "not fixed", f"{what}: {outcome.reason or ''}"]


def fix_section(report: Report) -> list[str]:
    if report.fixes is None:
        return []
    rows = [fix_row(outcome) for outcome in report.fixes.outcomes]
    return ["### Fixes", "", *table(FIX_COLUMNS, rows), "", md_text(fix_count_line(report))]


class MarkdownReporter:
    def render(self, report: Report, *, color: bool) -> str:
        blocks = []
        fixes = fix_section(report)
        if fixes:
            blocks.append("\n".join(fixes))
        groups = by_file(report.findings)
        for path, group in groups.items():
            rows = [finding_row(finding) for finding in group]
            blocks.append("\n".join([heading(path), "", *table(FINDING_COLUMNS, rows)]))
        if report.fixes is None or report.findings:
            blocks.append(md_text(summary_line(report.findings, report.summary, len(groups))))
        return "\n\n".join(blocks) + "\n"


REPORTER: Reporter = MarkdownReporter()
