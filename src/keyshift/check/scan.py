"""The check pipeline: discover files -> roles -> prefilter -> parse -> match -> suppress -> findings.

This module owns the order of the stages and the I/O between them; each stage lives in its own
module (discover, roles, prefilter, formats, match, suppress).  What it returns is plain values
(findings, matches, counts) that can be pickled: no parser tree outlives the check of its file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from keyshift.check.discover import DEFAULT_MAX_BYTES, Candidate, LoadedText, discover, load_text
from keyshift.check.roles import Product, file_roles, prepare
from keyshift.check.suppress import suppress
from keyshift.core.identity import Fingerprint, fingerprint
from keyshift.core.model import ConfigSyntaxError, Finding, Notice, ParsedFile, ProductTarget, RunSummary
from keyshift.core.positions import LineIndex
from keyshift.formats import TEXT_FORMAT, format_info, get_parser
from keyshift.match import FileRole, Match, match_file
from keyshift.matrix import Matrix


@dataclass(frozen=True, slots=True)
class ScanOptions:
    paths: tuple[str, ...] = (".",)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_bytes: int = DEFAULT_MAX_BYTES
    text: bool = True
    """Scan plain-text files (Markdown, templates, ...) for keys; ``--no-text`` turns it off."""
    skip: tuple[str, ...] = ()
    """Files never to scan, as resolved paths: the run's own report (``-o``)."""


@dataclass(frozen=True, slots=True)
class FileCheck:
    """What checking one file's text produced, as plain values (no parser tree): the matches (with
    their format), the findings kept, how many parses it took and the notices it raised."""

    matches: tuple[tuple[str, Match], ...]
    findings: tuple[Finding, ...]
    parsed_count: int = 0
    notices: tuple[Notice, ...] = ()


@dataclass(frozen=True, slots=True)
class ParsedCheck:
    """A check with the parses it made, for the fixer, which plans its edits on them."""

    check: FileCheck
    parsed: dict[str, ParsedFile[Any]]


@dataclass(frozen=True, slots=True)
class ScannedFile:
    """A file that produced findings, with what the fixer needs to edit it."""

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


class _FileChecker:
    """One check of one text: each format parsed once, every role matched, what they found collected."""

    def __init__(
        self, candidate: Candidate, text: str, notice: Callable[[Notice], None], scan_text: bool, round_trip: bool
    ) -> None:
        self.candidate = candidate
        self.round_trip = round_trip
        self.text = text
        self.scan_text = scan_text
        self.outer_notice = notice
        self.notices: list[Notice] = []
        self.parsed: dict[str, ParsedFile[Any]] = {}
        self.failed: set[str] = set()
        self.matches: list[tuple[str, Match]] = []
        self.parse_errors: list[Finding] = []
        self.parsed_count = 0

    def notice(self, item: Notice) -> None:
        self.notices.append(item)
        self.outer_notice(item)

    def check_role(self, format_name: str, role: FileRole) -> None:
        if format_name in self.failed:
            return
        if format_name in self.parsed or self._parse(format_name, role):
            self._match(format_name, role)

    def _parse(self, format_name: str, role: FileRole) -> bool:
        self.parsed_count += 1
        try:
            self.parsed[format_name] = get_parser(format_name, round_trip=self.round_trip)(self.text)
        except ConfigSyntaxError as error:
            self.failed.add(format_name)
            if self.scan_text and not role.product_file and _is_template(self.text):
                # a Helm/Jinja template is not YAML until rendered: read it as text instead
                self.parsed.setdefault(TEXT_FORMAT, get_parser(TEXT_FORMAT)(self.text))
                self._match(TEXT_FORMAT, role)
            else:
                self.parse_errors.append(_parse_error(self.candidate.display, format_name, error, role))
            return False
        except Exception as exc:  # a bug in one adapter must not stop the run
            self.failed.add(format_name)
            reason = f"internal error while reading it as {format_name} ({type(exc).__name__}: {exc}); please report it"
            self.notice(Notice(self.candidate.display, reason))
            return False
        return True

    def _match(self, format_name: str, role: FileRole) -> None:
        found = match_file(self.parsed[format_name], self.candidate.display, role)
        self.matches.extend((format_name, m) for m in found)

    def result(self) -> FileCheck:
        matches = self.matches
        findings = [*self.parse_errors, *(m.finding for _, m in matches)]
        if findings:
            lines = LineIndex(self.text)
            kept = suppress(_dedupe(findings), lines)
            kept_ids = {id(f) for f in kept}
            matches = [(fmt, m) for fmt, m in matches if id(m.finding) in kept_ids]
            findings = [replace(f, source_line=lines.line_text(f.line)) for f in kept]
        return FileCheck(tuple(matches), tuple(findings), self.parsed_count, tuple(self.notices))


def check_text(
    candidate: Candidate,
    text: str,
    products: Sequence[Product],
    notice: Callable[[Notice], None] = lambda _: None,
    *,
    scan_text: bool = True,
) -> FileCheck:
    """Parse and match one file's text (from disk, or as a fix would leave it)."""
    return _check(candidate, text, products, notice, scan_text).check


def check_parsed(
    candidate: Candidate, text: str, products: Sequence[Product], *, scan_text: bool = True
) -> ParsedCheck:
    """:func:`check_text` keeping the parses, for the fixer: each format read by the parser whose tree its
    fixer edits (the same occurrences as the check's parser); notices are only recorded in the check."""
    return _check(candidate, text, products, lambda _: None, scan_text, round_trip=True)


def _check(
    candidate: Candidate,
    text: str,
    products: Sequence[Product],
    notice: Callable[[Notice], None],
    scan_text: bool,
    *,
    round_trip: bool = False,
) -> ParsedCheck:
    """Every role the products give the file, each format parsed once."""
    checker = _FileChecker(candidate, text, notice, scan_text, round_trip)
    for format_name, role in file_roles(candidate, text, products, checker.notice, scan_text):
        checker.check_role(format_name, role)
    return ParsedCheck(checker.result(), checker.parsed)


def scan(
    matrices: Sequence[Matrix],
    targets: dict[str, ProductTarget],
    options: ScanOptions = ScanOptions(),
    on_notice: Callable[[Notice], None] | None = None,
    *,
    products: Sequence[Product] | None = None,
) -> ScanResult:
    """Check every file under ``options.paths``; ``products`` when the caller prepared them already."""
    if products is None:
        products = prepare(matrices, targets)
    notices: list[Notice] = []
    findings: list[Finding] = []
    files: list[ScannedFile] = []
    scanned = parsed_count = 0

    def notice(item: Notice) -> None:
        notices.append(item)
        if on_notice is not None:
            on_notice(item)

    for item in discover(options.paths, include=options.include, exclude=options.exclude):
        if isinstance(item, Notice):
            notice(item)
            continue
        if options.skip and str(item.path.resolve()) in options.skip:
            continue
        loaded = load_text(item, options.max_bytes)
        if isinstance(loaded, Notice):
            notice(loaded)
            continue
        scanned += 1
        result = check_text(item, loaded.text, products, notice, scan_text=options.text)
        parsed_count += result.parsed_count
        if result.findings:
            findings.extend(result.findings)
            files.append(ScannedFile(item, loaded, result))
    findings.sort(key=Finding.sort_key)
    summary = RunSummary(
        files_scanned=scanned,
        files_parsed=parsed_count,
        files_skipped=len(notices),
        targets=tuple(targets[m.product.name] for m in matrices),
    )
    return ScanResult(tuple(findings), tuple(notices), summary, tuple(files))


def _is_template(text: str) -> bool:
    return "{{" in text or "{%" in text


def _parse_error(display: str, format_name: str, error: ConfigSyntaxError, role: FileRole) -> Finding:
    label = format_info(format_name).label
    return Finding(
        path=display,
        line=error.line,
        column=error.column,
        end_line=error.line,
        end_column=error.column + 1,
        code="KS001",
        kind="parse-error",
        severity="error",
        message=f"cannot parse {label}: {error.message}",
        product=role.matrix.product.name if role.product_file else None,
        suggestion="fix the syntax; nothing else in this file was checked",
    )


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per code, key and product at one place, however many parses or rules produced it."""
    seen: set[Fingerprint] = set()
    unique: list[Finding] = []
    for finding in findings:
        key = fingerprint(finding, located=True)
        if key in seen:
            continue
        seen.add(key)
        unique.append(finding)
    return unique


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
