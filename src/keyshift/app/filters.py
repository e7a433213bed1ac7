"""The run-level filters between the scan and the report: ``--select``/``--ignore`` and the baseline.

Both are read and checked before any file is scanned (a bad selector or baseline stops the run with exit 2),
and both drop findings together with their matches, so ``fix`` acts only on what is reported.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from keyshift.app.config import RunConfig, UsageError
from keyshift.check.baseline import BaselineError, Fingerprint, apply_baseline, read_baseline, write_baseline
from keyshift.check.selection import Selection, SelectorError, select_result, selection

if TYPE_CHECKING:
    from keyshift.check.scan import ScanResult


@dataclass(frozen=True, slots=True)
class Filters:
    selection: Selection
    baseline: Counter[Fingerprint] | None
    """Read from ``--baseline`` before the scan; None without one."""
    write_to: Path | None
    """``--write-baseline``: record the selected findings here, then report against them."""


def filters(config: RunConfig, products: list[str]) -> Filters:
    """The filters the options ask for; raises :class:`UsageError` for a bad selector or baseline."""
    try:
        chosen = selection(config.select, config.extend_select, config.ignore, products, config.per_file_ignores)
        baseline = read_baseline(Path(config.baseline)) if config.baseline and not config.write_baseline else None
    except (SelectorError, BaselineError) as exc:
        raise UsageError(str(exc)) from None
    return Filters(chosen, baseline, Path(config.write_baseline) if config.write_baseline else None)


def filtered(result: ScanResult, chosen: Filters, stderr: TextIO) -> ScanResult:
    """``result`` as the filters leave it; says on ``stderr`` what a baseline wrote or no longer matches."""
    result = select_result(result, chosen.selection)
    baseline = chosen.baseline
    if chosen.write_to is not None:
        try:
            count = write_baseline(chosen.write_to, result.findings)
            baseline = read_baseline(chosen.write_to)
        except BaselineError as exc:
            raise UsageError(str(exc)) from None
        print(
            f"keyshift: wrote {count} finding{'' if count == 1 else 's'} to the baseline {chosen.write_to}", file=stderr
        )
    if baseline is None:
        return result
    done = apply_baseline(result, baseline)
    if done.stale:
        entries = "entry that no longer occurs" if done.stale == 1 else "entries that no longer occur"
        print(f"keyshift: the baseline has {done.stale} {entries}: run --write-baseline to shrink it", file=stderr)
    return done.result


def refiltered(result: ScanResult, chosen: Filters) -> ScanResult:
    """What a fix left, filtered as the scan before it was: the selection, and the baseline it was measured
    against (written by this run or read), without a word on stderr."""
    result = select_result(result, chosen.selection)
    baseline = chosen.baseline
    if chosen.write_to is not None:
        try:
            baseline = read_baseline(chosen.write_to)
        except BaselineError as exc:
            raise UsageError(str(exc)) from None
    return result if baseline is None else apply_baseline(result, baseline).result


def skipped_files(config: RunConfig) -> tuple[str, ...]:
    """Files a run writes or reads as its own, never scanned: the reports (``-o``, ``--report``) and the
    baseline."""
    reports = tuple(option.partition("=")[2] for option in config.reports)
    own = (config.output, config.baseline, config.write_baseline, *reports)
    return tuple(str(Path(path).resolve()) for path in own if path)


__all__ = ["Filters", "filtered", "filters", "refiltered", "skipped_files"]
