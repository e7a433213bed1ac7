"""``keyshift fix`` (and ``check --fix``): apply the verified fixes, then report what remains.

With ``--diff`` nothing is written: the diff goes to stdout, the fix outcomes to stderr, and the
exit code says whether anything would change.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from keyshift.app.config import RunConfig
from keyshift.app.filters import refiltered
from keyshift.app.output import emit, exit_code
from keyshift.app.prepare import prepare, run_scan
from keyshift.check.scan import ScanResult
from keyshift.core.tempnames import TEMP_NOTICE
from keyshift.report.fixes import counted, describe_outcome
from keyshift.report.model import FixError, FixSummary, Report


def fix(config: RunConfig, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run ``keyshift fix``; returns the exit code (:class:`UsageError` propagates).

    The tree is walked and the products are prepared once: what remains after fixing comes from
    the fixer's own check of each file it handled, not from a second scan.
    """
    from keyshift.check.roles import prepare as prepare_products
    from keyshift.fix.diff import write_diff
    from keyshift.fix.engine import fix_all
    from keyshift.fix.remaining import remaining_scan

    started = time.time()
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    prepared = prepare(config)
    products = prepare_products(prepared.matrices, prepared.targets)
    first = run_scan(prepared, config, stderr, products)
    if not config.diff:
        first = _without_leftovers(first, started, stderr)
    allows = prepared.filters.selection.allows
    results = fix_all(
        first.files, products, unsafe=config.unsafe, write=not config.diff, scan_text=config.text, allows=allows
    )
    errors = tuple(FixError(r.candidate.display, r.error or r.stopped or "") for r in results if r.error or r.stopped)
    for error in errors:
        print(f"keyshift: {error.path}: {error.message}", file=stderr)
    changed = [r for r in results if r.changed]
    outcomes = sorted((o for r in results for o in r.outcomes), key=lambda o: o.finding.sort_key())
    # a file left as it was has no applied outcome: the count is that of the "fixed" lines
    applied = sum(o.applied for o in outcomes)
    fixes = FixSummary(tuple(outcomes), files_changed=len(changed), applied=applied, errors=errors)
    if config.diff:
        write_diff(stdout, "".join(r.diff() for r in changed))
        for outcome in fixes.outcomes:
            print(describe_outcome(outcome), file=stderr)
        print(f"Would fix {counted(fixes.applied, 'finding')} in {counted(len(changed), 'file')}.", file=stderr)
        return 1 if changed else 0
    remaining = refiltered(remaining_scan(first, results, products, prepared.options), prepared.filters)
    report = Report(remaining.findings, remaining.summary, remaining.notices, fixes, verbose=config.verbose)
    emit(prepared.reporter, report, config, stdout, stderr)
    return exit_code(remaining.findings, config.fail_on)


def _without_leftovers(first: ScanResult, started: float, stderr: TextIO) -> ScanResult:
    """Remove the temporary files killed ``fix`` runs left in the directories scanned; the scan as a new
    one would be without them."""
    from keyshift.fix.write import remove_leftovers

    leftovers = {Path(n.display): n for n in first.notices if n.reason == TEMP_NOTICE}
    if not leftovers:
        return first
    gone = {leftovers[path] for path in remove_leftovers(leftovers, started)}
    for notice in gone:
        print(f"keyshift: removed {notice.display}: a temporary file left by an interrupted keyshift fix", file=stderr)
    notices = tuple(n for n in first.notices if n not in gone)
    summary = replace(first.summary, files_skipped=first.summary.files_skipped - len(gone))
    return replace(first, notices=notices, summary=summary)
