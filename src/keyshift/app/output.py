"""The end of every command: render the report, write it to stdout or ``-o FILE``, choose the exit code."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from keyshift.app.config import RunConfig, UsageError
from keyshift.core.model import SEVERITY_RANK, Finding
from keyshift.report import Reporter
from keyshift.report.model import Report


def exit_code(findings: Sequence[Finding], fail_on: str) -> int:
    """1 when a finding is at or above ``--fail-on``, else 0."""
    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    return 1 if any(SEVERITY_RANK[f.severity] >= threshold for f in findings) else 0


def use_color(mode: str, stream: TextIO, to_file: bool) -> bool:
    if mode != "auto":
        return mode == "always"
    if to_file or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return stream.isatty()


def emit(reporter: Reporter, report: Report, config: RunConfig, stdout: TextIO) -> None:
    """Render ``report`` and write it where the run asked for it."""
    color = use_color(config.color, stdout, config.output is not None)
    write_report(reporter.render(report, color=color), config.output, stdout)


def write_report(text: str, output: str | None, stdout: TextIO) -> None:
    if output is None:
        stdout.write(text)
        stdout.flush()
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write report to {output}: {exc.strerror}") from None
