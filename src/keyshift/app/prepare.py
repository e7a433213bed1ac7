"""What every command does before and around its scan: load matrices, resolve targets, pick the reporter.

Everything is loaded and validated once per run, before any file is read, so a bad matrix or
option stops the run (exit 2) without a half-written report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from keyshift.app.config import (
    RunConfig,
    UsageError,
    job_count,
    report_format,
    size_limit,
    validate_globs,
    validate_options,
)
from keyshift.app.filters import Filters, filtered, filters, skipped_files
from keyshift.app.matrices import load_matrices
from keyshift.check.discover import InvalidGlob, PathNotFound
from keyshift.check.roles import Product
from keyshift.check.scan import ScanOptions, ScanResult, scan
from keyshift.core.model import Notice, ProductTarget
from keyshift.matrix import Matrix, MatrixError, OptionError, resolve_targets
from keyshift.report import Reporter

if TYPE_CHECKING:
    from keyshift.check.cache import ResultCache


@dataclass(frozen=True, slots=True)
class Prepared:
    """What every command needs before it scans: loaded matrices, targets, options and the reporter."""

    matrices: tuple[Matrix, ...]
    targets: dict[str, ProductTarget]
    options: ScanOptions
    reporter: Reporter
    filters: Filters


def prepare(config: RunConfig) -> Prepared:
    """Validate every option and load every matrix once, before any file is read."""
    from keyshift.report import UnknownFormat, get_reporter

    validate_options(config)
    try:
        reporter = get_reporter(report_format(config))
    except UnknownFormat as exc:
        raise UsageError(str(exc)) from None
    matrices = load_matrices(config.matrices, config.packs, config.pack_path)
    try:
        targets = resolve_targets(matrices, config.from_versions, config.to_versions)
    except (OptionError, MatrixError) as exc:
        raise UsageError(str(exc)) from None
    validate_globs(config)
    options = ScanOptions(
        paths=config.paths or (".",),
        include=config.include,
        exclude=config.exclude,
        max_bytes=size_limit(config.max_file_size),
        text=config.text,
        skip=skipped_files(config),
        force_exclude=config.force_exclude,
        jobs=job_count(config.jobs),
    )
    chosen = filters(config, [m.product.name for m in matrices])
    return Prepared(tuple(matrices), targets, options, reporter, chosen)


def notice_printer(quiet: bool, stream: TextIO) -> Callable[[Notice], None]:
    def show(notice: Notice) -> None:
        if not quiet:
            print(f"keyshift: skipped {notice.display}: {notice.reason}", file=stream)

    return show


def open_cache(prepared: Prepared, config: RunConfig) -> ResultCache | None:
    """The run's result cache, unless ``--no-cache``; a fix takes no cached result with findings."""
    if not config.cache:
        return None
    from keyshift.check.cache import ResultCache, cache_dir, settings_key

    settings = settings_key(prepared.matrices, prepared.targets, scan_text=prepared.options.text)
    return ResultCache.open(cache_dir(), settings, serve_findings=not config.fix)


def run_scan(
    prepared: Prepared, config: RunConfig, stderr: TextIO, products: Sequence[Product] | None = None
) -> ScanResult:
    """Scan the run's paths; ``products`` when the caller prepared them already (``fix`` reuses them)."""
    show = notice_printer(config.quiet, stderr)
    cache = open_cache(prepared, config)
    try:
        result = scan(prepared.matrices, prepared.targets, prepared.options, show, products=products, cache=cache)
        return filtered(result, prepared.filters, stderr)
    except PathNotFound as exc:
        raise UsageError(f"path not found: {exc}") from None
    except InvalidGlob as exc:
        raise UsageError(str(exc)) from None
