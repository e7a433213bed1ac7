"""The default human-readable report: findings grouped by file, with source context and carets.

Layout for one file::

    examples/dten.yaml
      3:5  error    KS102  renamed  dten.hybrid.legacy_mode was removed in 3.0; use dten.hybrid.enable
        3 |     legacy_mode: true
          |     ^^^^^^^^^^^
           help: rename to dten.hybrid.enable

Files are separated by a blank line and the report ends with a one-line summary.  After ``fix``
the fix outcome lines come first (:mod:`keyshift.report.fixes`).  Colour is plain ANSI SGR
sequences, emitted only when asked for.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from keyshift.core.model import Finding, ProductTarget, RunSummary
from keyshift.report import Reporter, one_line, printable
from keyshift.report.fixes import counted, with_fix_lines
from keyshift.report.model import Report

TAB_WIDTH = 4
SEVERITY_WIDTH = len("warning")
GUTTER_MIN_WIDTH = 5

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_SEVERITY_STYLE = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[34m"}


def _paint(text: str, style: str, color: bool) -> str:
    return f"{style}{text}{_RESET}" if color and text else text


def _char_width(ch: str) -> int:
    """Terminal cells taken by one character (wide CJK = 2, combining/format marks = 0)."""
    if unicodedata.combining(ch) or unicodedata.category(ch) == "Cf":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _layout(source: str) -> tuple[str, list[int]]:
    """Expand tabs in a (printable) source line; ``cells[i]`` is the display column of char ``i``.

    ``cells`` has one extra entry, the width of the whole line, so an index one past the last
    character (a span ending at end of line) maps too.
    """
    out: list[str] = []
    cells: list[int] = []
    cell = 0
    for ch in source:
        cells.append(cell)
        if ch == "\t":
            step = TAB_WIDTH - cell % TAB_WIDTH
            out.append(" " * step)
            cell += step
        else:
            out.append(ch)
            cell += _char_width(ch)
    cells.append(cell)
    return "".join(out), cells


def caret_range(finding: Finding, source: str) -> tuple[str, int, int]:
    """The tab-expanded source line and the display start and width (>= 1) of the caret run."""
    expanded, cells = _layout(source)
    length = len(source)
    start = min(max(finding.column - 1, 0), length)
    if finding.end_line > finding.line:
        end = length
    elif finding.end_line == finding.line:
        end = min(max(finding.end_column - 1, start), length)
    else:
        end = start
    return expanded, cells[start], max(1, cells[end] - cells[start])


def _targets_text(targets: Sequence[ProductTarget]) -> str:
    if not targets:
        return ""
    parts = []
    for target in targets:
        if target.from_version is None:
            parts.append(f"{target.product} -> {target.to_version}")
        else:
            parts.append(f"{target.product} {target.from_version} -> {target.to_version}")
    return " (" + one_line(", ".join(parts)) + ")"


def _join_words(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def summary_line(findings: Sequence[Finding], summary: RunSummary, file_count: int) -> str:
    """``Found 3 errors and 2 warnings in 2 files (dten 2.4 -> 3.0).`` or ``No findings ...``."""
    targets = _targets_text(summary.targets)
    skipped = counted(summary.files_skipped, "file") + " skipped" if summary.files_skipped else ""
    if not findings:
        line = f"No findings{targets}. {counted(summary.files_scanned, 'file')} scanned"
        return line + (f", {skipped}." if skipped else ".")
    counts = RunSummary.count(list(findings))
    parts = [counted(counts[sev], sev) for sev in ("error", "warning", "info") if counts[sev]]
    line = f"Found {_join_words(parts)} in {counted(file_count, 'file')}{targets}."
    return line + (f" {skipped}." if skipped else "")


class TextReporter:
    def render(self, report: Report, *, color: bool) -> str:
        groups: dict[str, list[Finding]] = {}
        for finding in report.findings:
            groups.setdefault(finding.path, []).append(finding)

        blocks = [self._render_file(path, group, color, report.verbose) for path, group in groups.items()]
        blocks.append(_paint(summary_line(report.findings, report.summary, len(groups)), _BOLD, color) + "\n")
        return with_fix_lines(report, "\n".join(blocks))

    def _render_file(self, path: str, group: list[Finding], color: bool, verbose: bool) -> str:
        positions = [f"{f.line}:{f.column}" for f in group]
        pos_width = max(len(p) for p in positions)
        code_width = max(len(one_line(f.code)) for f in group)
        kind_width = max(len(f.kind) for f in group)
        gutter = max([GUTTER_MIN_WIDTH, *(len(str(f.line)) for f in group if f.source_line is not None)])
        note_indent = " " * (gutter + 2)

        lines = [_paint(one_line(path), _BOLD, color)]
        for finding, position in zip(group, positions, strict=True):
            style = _SEVERITY_STYLE.get(finding.severity, "")
            severity = _paint(finding.severity, style, color)
            severity += " " * (SEVERITY_WIDTH - len(finding.severity))
            code = one_line(finding.code)
            code = _paint(code, _BOLD, color) + " " * (code_width - len(code))
            kind = finding.kind.ljust(kind_width)
            message = one_line(finding.message)
            lines.append(f"  {position.ljust(pos_width)}  {severity}  {code}  {kind}  {message}".rstrip())

            if finding.source_line is not None:
                source = printable(finding.source_line, keep="\t")
                expanded, start, width = caret_range(finding, source)
                number = str(finding.line).rjust(gutter)
                lines.append(f"{number} | {expanded}" if expanded else f"{number} |")
                carets = _paint("^" * width, style, color)
                lines.append(f"{' ' * gutter} | {' ' * start}{carets}")
            for label, value in (
                ("help", finding.suggestion),
                ("reason", finding.reason),
                ("url", finding.url),
                ("rule", finding.rule_source if verbose else None),
            ):
                if value:
                    lines.append(f"{note_indent}{label}: {one_line(value)}")
        return "\n".join(lines) + "\n"


REPORTER: Reporter = TextReporter()
