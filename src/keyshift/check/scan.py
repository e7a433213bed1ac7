"""The check pipeline: discover files -> prefilter -> parse -> match -> suppress -> findings.

This module owns the order of the stages and the I/O between them; each stage lives in its own
module (discover, prefilter, formats, match, suppress).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from keyshift.check.discover import (
    DEFAULT_MAX_BYTES,
    Candidate,
    LoadedText,
    Notice,
    discover,
    load_text,
    matches_globs,
)
from keyshift.check.prefilter import Prefilter, build_prefilter
from keyshift.check.suppress import suppress
from keyshift.core.model import ConfigSyntaxError, Finding, ParsedFile, ProductTarget, RunSummary
from keyshift.core.positions import LineIndex
from keyshift.formats import TEXT_FORMAT, detect_format, format_info, get_parser
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
    """What checking one file's text produced: parses by format, matches (with their format), findings."""

    parsed: dict[str, ParsedFile[Any]] = field(compare=False)
    matches: tuple[tuple[str, Match], ...]
    findings: tuple[Finding, ...]
    parsed_count: int = 0


@dataclass(frozen=True, slots=True)
class ScannedFile:
    """A file that produced findings, with what the fixer needs to edit it."""

    candidate: Candidate
    loaded: LoadedText
    check: FileCheck


@dataclass(frozen=True, slots=True)
class ScanResult:
    findings: tuple[Finding, ...]
    notices: tuple[Notice, ...]
    summary: RunSummary
    files: tuple[ScannedFile, ...]


@dataclass(frozen=True, slots=True)
class Product:
    """A loaded matrix with its target and prefilter, ready to check files against."""

    matrix: Matrix
    target: ProductTarget
    prefilter: Prefilter


def prepare(matrices: Sequence[Matrix], targets: dict[str, ProductTarget]) -> list[Product]:
    return [Product(m, targets[m.product.name], build_prefilter(m)) for m in matrices]


def check_text(
    candidate: Candidate,
    text: str,
    products: Sequence[Product],
    notice: Callable[[Notice], None] = lambda _: None,
    *,
    scan_text: bool = True,
) -> FileCheck:
    """Parse and match one file's text (from disk, or as a fix would leave it)."""
    roles = _roles(candidate, text, products, notice, scan_text)
    parsed_by_format: dict[str, ParsedFile[Any]] = {}
    matches: list[tuple[str, Match]] = []
    findings: list[Finding] = []
    parsed_count = 0
    failed: set[str] = set()
    for format_name, role in roles:
        if format_name in failed:
            continue
        if format_name not in parsed_by_format:
            parsed_count += 1
            try:
                parsed_by_format[format_name] = get_parser(format_name)(text)
            except ConfigSyntaxError as error:
                failed.add(format_name)
                if scan_text and not role.product_file and _is_template(text):
                    # a Helm/Jinja template is not YAML until rendered: read it as text instead
                    parsed_by_format.setdefault(TEXT_FORMAT, get_parser(TEXT_FORMAT)(text))
                    matches.extend(
                        (TEXT_FORMAT, m) for m in match_file(parsed_by_format[TEXT_FORMAT], candidate.display, role)
                    )
                else:
                    findings.append(_parse_error(candidate.display, format_name, error, role))
                continue
            except Exception as exc:  # a bug in one adapter must not stop the run
                failed.add(format_name)
                reason = (
                    f"internal error while reading it as {format_name} ({type(exc).__name__}: {exc}); please report it"
                )
                notice(Notice(candidate.display, reason))
                continue
        matches.extend((format_name, m) for m in match_file(parsed_by_format[format_name], candidate.display, role))
    findings.extend(m.finding for _, m in matches)
    if findings:
        lines = LineIndex(text)
        kept = suppress(_dedupe(findings), lines)
        kept_ids = {id(f) for f in kept}
        matches = [(fmt, m) for fmt, m in matches if id(m.finding) in kept_ids]
        findings = [replace(f, source_line=lines.line_text(f.line)) for f in kept]
    return FileCheck(parsed_by_format, tuple(matches), tuple(findings), parsed_count)


def scan(
    matrices: Sequence[Matrix],
    targets: dict[str, ProductTarget],
    options: ScanOptions = ScanOptions(),
    on_notice: Callable[[Notice], None] | None = None,
) -> ScanResult:
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


def _roles(
    candidate: Candidate,
    text: str,
    products: Sequence[Product],
    notice: Callable[[Notice], None],
    scan_text: bool,
) -> list[tuple[str, FileRole]]:
    """Which products look at this file, how, and with which parser.

    A product's own files always; any other file when the product looks beyond its own files and the
    prefilter says the text may hold one of its keys: config formats by their full key paths, Python
    source by its string literals, and every other text file by its tokens (unless text is off).
    """
    roles: list[tuple[str, FileRole]] = []
    detected = detect_format(candidate.path)
    fallback = detected or TEXT_FORMAT
    for product in products:
        spec = next((s for s in product.matrix.product.files if _is_product_file(candidate, s.glob)), None)
        if spec is not None:
            format_name = spec.format or detected
            if format_name is None:
                notice(
                    Notice(
                        candidate.display,
                        f"no parser for this file name: set format in {product.matrix.source}",
                    )
                )
                continue
            roles.append((format_name, FileRole(product.matrix, product.target.to_version, True, spec.prefix)))
        elif (
            product.matrix.product.searches_sources
            and (fallback != TEXT_FORMAT or (scan_text and product.matrix.product.text))
            and product.prefilter.may_contain(text)
        ):
            roles.append((fallback, FileRole(product.matrix, product.target.to_version, False)))
    return roles


def _is_product_file(candidate: Candidate, glob: str) -> bool:
    """Whether a file matches a product glob, relative to the scanned directory.

    A file named on the command line has no scanned directory: pre-commit passes
    ``deploy/conf/node.toml`` from the repository root, and ``conf/*.toml`` must still match it, so
    each trailing part of its path is tried.
    """
    if matches_globs(candidate.relative, (glob,)):
        return True
    if not candidate.explicit:
        return False
    parts = candidate.relative.split("/")
    return any(matches_globs("/".join(parts[i:]), (glob,)) for i in range(1, len(parts)))


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
    seen: set[tuple[object, ...]] = set()
    unique: list[Finding] = []
    for finding in findings:
        key = (finding.line, finding.column, finding.code, finding.key, finding.product)
        if key in seen:
            continue
        seen.add(key)
        unique.append(finding)
    return unique
