"""What each command does, as library calls the thin CLI hands its parsed options to.

Errors a user can cause (bad matrix, bad option, missing path, unknown pack or format) are raised as
:class:`UsageError`, which the CLI turns into exit code 2 with the message on stderr.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TextIO

from keyshift.check.discover import InvalidGlob, Notice, PathNotFound
from keyshift.check.scan import ScanOptions, ScanResult, scan
from keyshift.core.model import SEVERITY_RANK, Finding, ProductTarget
from keyshift.matrix.model import Matrix, MatrixError, load_matrix
from keyshift.matrix.packs import UnknownPack, pack_path
from keyshift.matrix.targets import OptionError, resolve_targets
from keyshift.report import Reporter

DEFAULT_MATRIX = "deprecations.toml"
FailOn = Literal["error", "warning", "never"]
ColorMode = Literal["auto", "always", "never"]


class UsageError(Exception):
    """Anything that stops the run with exit code 2."""


@dataclass(frozen=True, slots=True)
class CheckRequest:
    paths: tuple[str, ...] = (".",)
    matrices: tuple[str, ...] = ()
    packs: tuple[str, ...] = ()
    from_versions: tuple[str, ...] = ()
    to_versions: tuple[str, ...] = ()
    output_format: str = "text"
    output: str | None = None
    fail_on: FailOn = "warning"
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    color: ColorMode = "auto"
    quiet: bool = False
    fix: bool = False
    unsafe: bool = False
    diff: bool = False
    text: bool = True


def load_matrices(matrix_files: Sequence[str], packs: Sequence[str]) -> list[Matrix]:
    """Load ``-m`` files and ``--pack`` names; ``./deprecations.toml`` when neither is given."""
    sources: list[tuple[Path, str]] = [(Path(m), m) for m in matrix_files]
    for name in packs:
        try:
            sources.append((pack_path(name), f"pack:{name}"))
        except UnknownPack as exc:
            raise UsageError(str(exc)) from None
    if not sources:
        if not Path(DEFAULT_MATRIX).is_file():
            raise UsageError(f"no matrix: ./{DEFAULT_MATRIX} not found here; pass -m FILE or --pack NAME")
        sources.append((Path(DEFAULT_MATRIX), DEFAULT_MATRIX))
    matrices: list[Matrix] = []
    seen: dict[str, str] = {}
    for path, display in sources:
        try:
            matrix = load_matrix(path, display)
        except MatrixError as exc:
            raise UsageError(str(exc)) from None
        name = matrix.product.name
        if name in seen:
            raise UsageError(f"{display}: product {name!r} is already defined by {seen[name]}")
        seen[name] = display
        matrices.append(matrix)
    return matrices


def fails(findings: Sequence[Finding], fail_on: FailOn) -> bool:
    if fail_on == "never":
        return False
    threshold = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK[f.severity] >= threshold for f in findings)


def use_color(mode: ColorMode, stream: TextIO, to_file: bool) -> bool:
    if mode != "auto":
        return mode == "always"
    if to_file or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return stream.isatty()


def notice_printer(quiet: bool, stream: TextIO) -> Callable[[Notice], None]:
    def show(notice: Notice) -> None:
        if not quiet:
            print(f"keyshift: skipped {notice.display}: {notice.reason}", file=stream)

    return show


@dataclass(frozen=True, slots=True)
class Prepared:
    """What every command needs before it scans: loaded matrices, targets, options and the reporter."""

    matrices: tuple[Matrix, ...]
    targets: dict[str, ProductTarget]
    options: ScanOptions
    reporter: Reporter


def prepare(request: CheckRequest) -> Prepared:
    """Validate every option and load every matrix once, before any file is read."""
    from keyshift.report import UnknownFormat, get_reporter

    try:
        reporter = get_reporter(request.output_format)
    except UnknownFormat as exc:
        raise UsageError(str(exc)) from None
    matrices = load_matrices(request.matrices, request.packs)
    try:
        targets = resolve_targets(matrices, request.from_versions, request.to_versions)
    except (OptionError, MatrixError) as exc:
        raise UsageError(str(exc)) from None
    for flag, globs in (("--include", request.include), ("--exclude", request.exclude)):
        if any(not glob.strip() for glob in globs):
            raise UsageError(f"{flag}: empty glob (it would match nothing, or everything)")
    options = ScanOptions(
        paths=request.paths or (".",),
        include=request.include,
        exclude=request.exclude,
        text=request.text,
        skip=(str(Path(request.output).resolve()),) if request.output else (),
    )
    return Prepared(tuple(matrices), targets, options, reporter)


def run_scan(prepared: Prepared, stderr: TextIO, quiet: bool) -> ScanResult:
    try:
        return scan(prepared.matrices, prepared.targets, prepared.options, on_notice=notice_printer(quiet, stderr))
    except PathNotFound as exc:
        raise UsageError(f"path not found: {exc}") from None
    except InvalidGlob as exc:
        raise UsageError(str(exc)) from None


def check(request: CheckRequest, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run ``keyshift check``; returns the exit code (UsageError propagates)."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    prepared = prepare(request)
    result = run_scan(prepared, stderr, request.quiet)
    color = use_color(request.color, stdout, request.output is not None)
    write_report(prepared.reporter.render(result.findings, result.summary, color=color), request.output, stdout)
    return 1 if fails(result.findings, request.fail_on) else 0


def write_report(text: str, output: str | None, stdout: TextIO) -> None:
    if output is None:
        stdout.write(text)
        stdout.flush()
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write report to {output}: {exc.strerror}") from None


def fix(request: CheckRequest, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run ``keyshift fix`` (or ``check --fix``); returns the exit code (UsageError propagates)."""
    import json

    from keyshift.check.scan import prepare as prepare_products
    from keyshift.fix.engine import describe_outcome, fix_all

    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    prepared = prepare(request)
    first = run_scan(prepared, stderr, request.quiet)
    products = prepare_products(prepared.matrices, prepared.targets)
    results = fix_all(
        [(f.candidate, f.loaded, f.check) for f in first.files],
        products,
        unsafe=request.unsafe,
        write=not request.diff,
        scan_text=request.text,
    )
    outcomes = sorted((o for r in results for o in r.outcomes), key=lambda o: o.finding.sort_key())
    for result in results:
        if result.error:
            print(f"keyshift: {result.candidate.display}: {result.error}", file=stderr)
    changed = [r for r in results if r.changed]
    fixed_count = sum(o.applied for r in changed for o in r.outcomes)
    if request.diff:
        stdout.write("".join(r.diff() for r in changed))
        stdout.flush()
        for outcome in outcomes:
            print(describe_outcome(outcome), file=stderr)
        print(f"Would fix {fixed_count} findings in {len(changed)} files.", file=stderr)
        return 1 if changed else 0
    remaining = run_scan(prepared, stderr, quiet=True)
    color = use_color(request.color, stdout, request.output is not None)
    report = prepared.reporter.render(remaining.findings, remaining.summary, color=color)
    if request.output_format == "json":
        payload = json.loads(report)
        payload["fixes"] = [
            {
                "path": o.finding.path,
                "line": o.finding.line,
                "column": o.finding.column,
                "code": o.finding.code,
                "key": o.finding.key,
                "found": o.finding.found,
                "applied": o.applied,
                "description": o.description or None,
                "reason": o.reason,
            }
            for o in outcomes
        ]
        report = json.dumps(payload, indent=2) + "\n"
    else:
        lines = [describe_outcome(o) for o in outcomes]
        lines.append(f"Fixed {fixed_count} findings in {len(changed)} files; {len(remaining.findings)} remaining.")
        report = "\n".join(lines) + "\n" + ("\n" + report if remaining.findings else "")
    write_report(report, request.output, stdout)
    return 1 if fails(remaining.findings, request.fail_on) else 0
