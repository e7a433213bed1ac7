"""The check pipeline: discover files -> prefilter -> parse -> match -> suppress -> findings.

This module owns the order of the stages and the I/O between them; each stage lives in its own
module (discover, prefilter, formats, match, suppress).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from keyshift.discover import (
    DEFAULT_MAX_BYTES,
    Candidate,
    LoadedText,
    Notice,
    discover,
    load_text,
    matches_globs,
)
from keyshift.formats import detect_format, get_parser
from keyshift.match import FileRole, Match, match_file
from keyshift.matrix import Matrix
from keyshift.model import ConfigSyntaxError, Finding, ParsedFile, ProductTarget, RunSummary
from keyshift.positions import LineIndex
from keyshift.prefilter import Prefilter, build_prefilter
from keyshift.suppress import suppress

FORMAT_LABELS = {"yaml": "YAML", "toml": "TOML", "json": "JSON", "jsonc": "JSON"}


@dataclass(frozen=True, slots=True)
class ScanOptions:
    paths: tuple[str, ...] = (".",)
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(frozen=True, slots=True)
class ScannedFile:
    """A file that produced findings, with what the fixer needs to edit it."""

    candidate: Candidate
    loaded: LoadedText
    parsed: dict[str, ParsedFile] = field(compare=False)
    matches: tuple[Match, ...]


@dataclass(frozen=True, slots=True)
class ScanResult:
    findings: tuple[Finding, ...]
    notices: tuple[Notice, ...]
    summary: RunSummary
    files: tuple[ScannedFile, ...]


@dataclass(frozen=True, slots=True)
class _Product:
    matrix: Matrix
    target: ProductTarget
    prefilter: Prefilter


def scan(
    matrices: Sequence[Matrix],
    targets: dict[str, ProductTarget],
    options: ScanOptions = ScanOptions(),
    on_notice: Callable[[Notice], None] | None = None,
) -> ScanResult:
    products = [_Product(m, targets[m.product.name], build_prefilter(m)) for m in matrices]
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
        loaded = load_text(item, options.max_bytes)
        if isinstance(loaded, Notice):
            notice(loaded)
            continue
        scanned += 1
        roles = _roles(item, loaded.text, products, notice)
        if not roles:
            continue
        parsed_by_format: dict[str, ParsedFile] = {}
        file_matches: list[Match] = []
        file_findings: list[Finding] = []
        for format_name, role in roles:
            if format_name not in parsed_by_format:
                try:
                    parsed_by_format[format_name] = get_parser(format_name)(loaded.text)
                except ConfigSyntaxError as error:
                    file_findings.append(_parse_error(item.display, format_name, error, role))
                    continue
                finally:
                    parsed_count += 1
            parsed = parsed_by_format.get(format_name)
            if parsed is None:
                continue
            file_matches.extend(match_file(parsed, item.display, role))
        file_findings.extend(m.finding for m in file_matches)
        if not file_findings:
            continue
        lines = LineIndex(loaded.text)
        kept = suppress(_dedupe(file_findings), lines)
        kept_ids = {id(f) for f in kept}
        file_matches = [m for m in file_matches if id(m.finding) in kept_ids]
        findings.extend(replace(f, source_line=lines.line_text(f.line)) for f in kept)
        if file_matches:
            files.append(ScannedFile(item, loaded, parsed_by_format, tuple(file_matches)))
    findings.sort(key=Finding.sort_key)
    summary = RunSummary(
        files_scanned=scanned,
        files_parsed=parsed_count,
        files_skipped=len(notices),
        targets=tuple(targets[m.product.name] for m in matrices),
    )
    return ScanResult(tuple(findings), tuple(notices), summary, tuple(files))


def _roles(
    candidate: Candidate, text: str, products: Sequence[_Product], notice: Callable[[Notice], None]
) -> list[tuple[str, FileRole]]:
    """Which products look at this file, how, and with which parser."""
    roles: list[tuple[str, FileRole]] = []
    detected = detect_format(candidate.path)
    for product in products:
        spec = next(
            (s for s in product.matrix.product.files if matches_globs(candidate.relative, (s.glob,))), None
        )
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
            roles.append(
                (format_name, FileRole(product.matrix, product.target.to_version, True, spec.prefix))
            )
        elif (
            detected is not None
            and not product.matrix.product.only_product_files
            and product.prefilter.may_contain(text)
        ):
            roles.append((detected, FileRole(product.matrix, product.target.to_version, False)))
    return roles


def _parse_error(display: str, format_name: str, error: ConfigSyntaxError, role: FileRole) -> Finding:
    label = FORMAT_LABELS.get(format_name, format_name.upper())
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
