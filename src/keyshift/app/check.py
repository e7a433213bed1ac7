"""``keyshift check``: scan, report, exit 1 when a finding reaches ``--fail-on``."""

from __future__ import annotations

import sys
from typing import TextIO

from keyshift.app.config import RunConfig
from keyshift.app.output import emit, exit_code
from keyshift.app.prepare import prepare, run_scan
from keyshift.report.model import Report


def check(config: RunConfig, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run ``keyshift check``; returns the exit code (:class:`UsageError` propagates)."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    prepared = prepare(config)
    result = run_scan(prepared, config, stderr)
    report = Report(result.findings, result.summary, result.notices, verbose=config.verbose)
    emit(prepared.reporter, report, config, stdout, stderr)
    return exit_code(result.findings, config.fail_on)
