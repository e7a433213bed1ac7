"""The check of a run: discover files -> (in this process or in workers) read -> check -> findings.

This module owns the run: which files are checked, with which options, and how their outcomes
add up (findings sorted, notices in discovery order, counts).  Checking one text is
:mod:`keyshift.check.filecheck`; one file from disk, :mod:`keyshift.check.filework`; the worker
processes, :mod:`keyshift.check.parallel`; the result cache, :mod:`keyshift.check.cache`.  What it
returns is plain values that can be pickled: no parser tree outlives the check of its file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from keyshift.check.discover import Candidate, discover
from keyshift.check.filecheck import FileCheck, ParsedCheck, check_parsed, check_text
from keyshift.check.filework import FileOutcome, FileWork, scan_file
from keyshift.check.parallel import Unit, scan_units
from keyshift.check.reading import DEFAULT_MAX_BYTES, LoadedText
from keyshift.check.roles import Product, prepare
from keyshift.core.model import Finding, Notice, ProductTarget, RunSummary
from keyshift.matrix import Matrix

if TYPE_CHECKING:
    from keyshift.check.cache import ResultCache


@dataclass(frozen=True, slots=True)
class ScanOptions:
    paths: tuple[str, ...] = (".",)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_bytes: int = DEFAULT_MAX_BYTES
    """Files larger than this are skipped with a notice; 0: no limit (``--max-file-size``)."""
    text: bool = True
    """Scan plain-text files (Markdown, templates, ...) for keys; ``--no-text`` turns it off."""
    skip: tuple[str, ...] = ()
    """Files never to scan, as resolved paths: the run's own report (``-o``)."""
    force_exclude: bool = False
    """``--force-exclude``: the exclude globs apply to files named on the command line too."""
    jobs: int = 1
    """Worker processes (``--jobs``); 1 scans in this process, and so does a run of few files."""


@dataclass(frozen=True, slots=True)
class ScannedFile:
    """A file that produced findings, with what the fixer needs to edit it.

    ``check.matches`` is empty when the check came from the cache (which stores findings, not
    matches); a fix run takes no result with findings from the cache, so its files always have them."""

    candidate: Candidate
    loaded: LoadedText
    check: FileCheck


@dataclass(frozen=True, slots=True)
class ScanResult:
    """What a scan found: every finding (sorted), the skipped files, the counts, and the files with
    findings.  Plain values throughout, so a result can be pickled (to another process, or a cache)."""

    findings: tuple[Finding, ...]
    notices: tuple[Notice, ...]
    summary: RunSummary
    files: tuple[ScannedFile, ...]


def scan(
    matrices: Sequence[Matrix],
    targets: dict[str, ProductTarget],
    options: ScanOptions = ScanOptions(),
    on_notice: Callable[[Notice], None] | None = None,
    *,
    products: Sequence[Product] | None = None,
    cache: ResultCache | None = None,
) -> ScanResult:
    """Check every file under ``options.paths``; ``products`` when the caller prepared them already
    (from the same ``matrices`` and ``targets``), ``cache`` to reuse and keep per-file results.

    The findings, notices (and the order ``on_notice`` sees them in) and counts are the same with any
    ``options.jobs`` and with or without the cache.
    """
    if products is None:
        products = prepare(matrices, targets)
    items = discover(
        options.paths, include=options.include, exclude=options.exclude, force_exclude=options.force_exclude
    )
    work = FileWork(products, options.max_bytes, options.text, digest=cache is not None)
    tally = _Tally(on_notice)
    units = _units(items, options, cache)
    for outcome in scan_units(units, work, options.jobs, matrices, targets):
        settled = outcome if isinstance(outcome, Notice) else _settle(*outcome, work, cache)
        if isinstance(settled, Notice):
            tally.notice(settled)
        else:
            tally.file(*settled)
    if cache is not None:
        cache.save()
    return tally.result(tuple(targets[m.product.name] for m in matrices))


def _units(items: Iterator[Candidate | Notice], options: ScanOptions, cache: ResultCache | None) -> Iterator[Unit]:
    # Resolving a path costs a system call per directory level: only files named like a skipped one pay it.
    skipped_names = {PurePath(path).name for path in options.skip}
    for item in items:
        if isinstance(item, Notice):
            yield item, None
        elif not (item.path.name in skipped_names and str(item.path.resolve()) in options.skip):
            yield item, cache.probe(item) if cache is not None else None


def _settle(
    candidate: Candidate, outcome: FileOutcome, work: FileWork, cache: ResultCache | None
) -> tuple[Candidate, LoadedText | None, FileCheck] | Notice:
    """A file's text and check: checked now (and recorded in the cache), or the cache's confirmed result."""
    if outcome.check is None:
        cached = cache.cached(candidate, outcome.stamp) if cache is not None else None
        if cached is None:
            # a malformed cache entry: check the file here, as if there were no cache
            fresh = scan_file(work, candidate, None)
            return fresh if isinstance(fresh, Notice) else _settle(candidate, fresh, work, cache)
        return candidate, outcome.loaded, cached
    if cache is not None and outcome.digest is not None:
        cache.record(candidate, outcome.digest, outcome.check, outcome.stamp)
    return candidate, outcome.loaded, outcome.check


class _Tally:
    """The findings, notices and counts of a run, added up in discovery order."""

    def __init__(self, on_notice: Callable[[Notice], None] | None) -> None:
        self.on_notice = on_notice
        self.notices: list[Notice] = []
        self.findings: list[Finding] = []
        self.files: list[ScannedFile] = []
        self.scanned = 0
        self.parsed = 0

    def notice(self, item: Notice) -> None:
        self.notices.append(item)
        if self.on_notice is not None:
            self.on_notice(item)

    def file(self, candidate: Candidate, loaded: LoadedText | None, check: FileCheck) -> None:
        self.scanned += 1
        self.parsed += check.parsed_count
        for item in check.notices:
            self.notice(item)
        if check.findings:
            assert loaded is not None, "a file with findings comes with its text"
            self.findings.extend(check.findings)
            self.files.append(ScannedFile(candidate, loaded, check))

    def result(self, targets: tuple[ProductTarget, ...]) -> ScanResult:
        summary = RunSummary(
            files_scanned=self.scanned,
            files_parsed=self.parsed,
            files_skipped=len(self.notices),
            targets=targets,
        )
        findings = sorted(self.findings, key=Finding.sort_key)
        return ScanResult(tuple(findings), tuple(self.notices), summary, tuple(self.files))


__all__ = [
    "FileCheck",
    "ParsedCheck",
    "Product",
    "ScanOptions",
    "ScanResult",
    "ScannedFile",
    "check_parsed",
    "check_text",
    "prepare",
    "scan",
]
