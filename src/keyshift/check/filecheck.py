"""Checking one file's text: the roles the products give it -> parse -> match -> suppress.

Each format the file is read as is parsed once; what comes out is plain values (matches, findings,
notices, a parse count) with no parser tree, so that it can cross to another process or into the
cache.  :func:`check_parsed` keeps the parses, for the fixer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from keyshift.check.discover import Candidate
from keyshift.check.roles import Product, file_roles
from keyshift.check.suppress import suppress
from keyshift.core.identity import Fingerprint, fingerprint
from keyshift.core.model import ConfigSyntaxError, Finding, Notice, ParsedFile
from keyshift.core.positions import LineIndex
from keyshift.formats import TEXT_FORMAT, format_info, get_parser
from keyshift.match import FileRole, Match, match_file


@dataclass(frozen=True, slots=True)
class FileCheck:
    """What checking one file's text produced, as plain values (no parser tree): the matches (with
    their format), the findings kept, how many parses it took and the notices it raised."""

    matches: tuple[tuple[str, Match], ...]
    findings: tuple[Finding, ...]
    parsed_count: int = 0
    notices: tuple[Notice, ...] = ()

    def __reduce__(self) -> tuple[type[FileCheck], tuple[Any, ...]]:
        # one per file from a worker: a fifth of the cost of a slotted dataclass's default pickling
        return FileCheck, (self.matches, self.findings, self.parsed_count, self.notices)


@dataclass(frozen=True, slots=True)
class ParsedCheck:
    """A check with the parses it made, for the fixer, which plans its edits on them."""

    check: FileCheck
    parsed: dict[str, ParsedFile[Any]]


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


__all__ = ["FileCheck", "ParsedCheck", "check_parsed", "check_text"]
