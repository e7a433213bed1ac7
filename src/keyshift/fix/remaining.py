"""What a fix run leaves: the scan a new ``keyshift check`` would give once the fixes are written.

The fixer has already checked the final text of every file it handled, so the tree is not walked
again: the first scan is kept for every other file, and each handled file's findings, parse count
and notices are replaced by those of its final check.  A handled file is read again (not parsed)
to make sure it holds the text the fixer left; one that does not (it changed on disk meanwhile)
is checked again, and one that can no longer be read is skipped, as a new scan would do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from keyshift.check.discover import Candidate
from keyshift.check.reading import load_text
from keyshift.check.scan import Product, ScannedFile, ScanOptions, ScanResult, check_text
from keyshift.core.model import Finding, Notice
from keyshift.fix.engine import FileFix


def remaining_scan(
    first: ScanResult, fixes: Sequence[FileFix], products: Sequence[Product], options: ScanOptions
) -> ScanResult:
    """``first`` as it stands after ``fixes`` were written (the same ``products`` and ``options``)."""
    fix_of = {fix.candidate: fix for fix in fixes}
    tally = _Tally(first)
    for scanned in first.files:
        fix = fix_of.get(scanned.candidate)
        if fix is None:
            tally.keep(scanned)
        else:
            tally.swap(scanned, _as_on_disk(scanned.candidate, fix, products, options))
    return tally.result()


def _as_on_disk(
    candidate: Candidate, fix: FileFix, products: Sequence[Product], options: ScanOptions
) -> ScannedFile | Notice:
    loaded = load_text(candidate, options.max_bytes)
    if isinstance(loaded, Notice):
        return loaded
    if loaded.text == fix.fixed:
        return ScannedFile(candidate, loaded, fix.final_check)
    return ScannedFile(candidate, loaded, check_text(candidate, loaded.text, products, scan_text=options.text))


class _Tally:
    """The files with findings, and the summary counts, as the first scan's are swapped out."""

    def __init__(self, first: ScanResult) -> None:
        self.first = first
        self.files: list[ScannedFile] = []
        self.notices = list(first.notices)
        self.scanned = first.summary.files_scanned
        self.parsed = first.summary.files_parsed

    def keep(self, scanned: ScannedFile) -> None:
        self.files.append(scanned)

    def swap(self, old: ScannedFile, new: ScannedFile | Notice) -> None:
        self.parsed -= old.check.parsed_count
        for notice in old.check.notices:
            self.notices.remove(notice)
        if isinstance(new, Notice):
            self.scanned -= 1
            self.notices.append(new)
            return
        self.parsed += new.check.parsed_count
        self.notices.extend(new.check.notices)
        if new.check.findings:
            self.files.append(new)

    def result(self) -> ScanResult:
        findings = sorted((f for file in self.files for f in file.check.findings), key=Finding.sort_key)
        summary = replace(
            self.first.summary,
            files_scanned=self.scanned,
            files_parsed=self.parsed,
            files_skipped=len(self.notices),
        )
        return ScanResult(tuple(findings), tuple(self.notices), summary, tuple(self.files))
