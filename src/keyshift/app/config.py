"""What a command is asked to do: the options of one run, checked before anything is read.

The CLI builds a :class:`RunConfig` from its flags (later also from a project config file) and
hands it to the command functions of :mod:`keyshift.app`.  Anything a user can get wrong stops
the run with :class:`UsageError`, which the CLI turns into exit code 2.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from keyshift.app.choices import COLOR_CHOICES, FAIL_ON_CHOICES
from keyshift.core.numbers import NumberTooLong, whole_number

DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024
_SIZE = re.compile(r"\s*([0-9]+)\s*(?:([KMG])(?:I?B)?|B)?\s*", re.IGNORECASE)
_UNITS = {None: 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
_MAX_DIGITS = 30
"""Digits in a ``--jobs`` or ``--max-file-size`` number: far past any machine, far below Python's int limit."""


class UsageError(Exception):
    """Anything that stops the run with exit code 2: a bad option, matrix, path, pack or format."""


@dataclass(frozen=True, slots=True)
class RunConfig:
    """The options of one ``check`` or ``fix`` run."""

    paths: tuple[str, ...] = (".",)
    matrices: tuple[str, ...] = ()
    packs: tuple[str, ...] = ()
    pack_path: tuple[str, ...] = ()
    """``--pack-path``: directories searched for packs before KEYSHIFT_PACK_PATH and the bundled ones."""
    from_versions: tuple[str, ...] = ()
    to_versions: tuple[str, ...] = ()
    output_format: str | None = None
    """``--format``; None: ``github`` inside GitHub Actions (``GITHUB_ACTIONS=true``), else ``text``."""
    output: str | None = None
    fail_on: str = "warning"
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    color: str = "auto"
    quiet: bool = False
    fix: bool = False
    unsafe: bool = False
    diff: bool = False
    text: bool = True
    """Search plain-text files (Markdown, templates, ...) for keys; ``--no-text`` turns it off."""
    jobs: str | None = None
    """``--jobs``: worker processes, as given; None: the CPUs available to the process."""
    max_file_size: str | None = None
    """``--max-file-size``: ``512K``, ``10M``, ``1G`` or bytes, as given; ``0``: no limit; None: 2 MiB."""
    cache: bool = True
    """Reuse and keep per-file results in ``.keyshift_cache/``; ``--no-cache`` turns it off."""
    select: tuple[str, ...] = ()
    """``--select``: codes, code prefixes, kinds or products to report (default: all)."""
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """``per-file-ignores`` of the project configuration: (glob, selectors), the glob matched against the
    reported path."""
    baseline: str | None = None
    """``--baseline FILE``: report only findings that are not in it."""
    write_baseline: str | None = None
    """``--write-baseline FILE``: record this run's findings there (and report none of them)."""
    force_exclude: bool = False
    """``--force-exclude``: ``--exclude`` applies to files named on the command line too."""
    reports: tuple[str, ...] = ()
    """``--report FORMAT=PATH``: more reports of the same run, each to its file."""
    statistics: bool = False
    """``--statistics``: the findings counted per code, on stderr."""
    verbose: bool = False
    """``-v``: say under each finding which matrix file or pack its rule came from."""


def report_format(config: RunConfig) -> str:
    """The ``--format`` given, else ``github`` in a GitHub Actions job (annotations on the pull request, as
    yamllint does), else ``text``."""
    if config.output_format is not None:
        return config.output_format
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def validate_options(config: RunConfig) -> None:
    """The checks that need nothing but the options themselves (matrices and paths come later)."""
    if config.fail_on not in FAIL_ON_CHOICES:
        raise UsageError(f"--fail-on must be error, warning or never, not {config.fail_on!r}")
    if config.color not in COLOR_CHOICES:
        raise UsageError(f"--color must be auto, always or never, not {config.color!r}")
    if (config.unsafe or config.diff) and not config.fix:
        raise UsageError("--unsafe and --diff go with fix (keyshift fix, or keyshift check --fix)")
    job_count(config.jobs)
    size_limit(config.max_file_size)
    extra_reports(config.reports)


def extra_reports(given: tuple[str, ...]) -> list[tuple[str, str]]:
    """``--report FORMAT=PATH`` options as (format, path); raises :class:`UsageError` for a bad one."""
    from keyshift.report import REPORTERS

    reports: list[tuple[str, str]] = []
    for option in given:
        fmt, sep, path = option.partition("=")
        if not sep or not fmt or not path:
            raise UsageError(f"--report {option}: write --report FORMAT=PATH, such as --report sarif=keyshift.sarif")
        if fmt not in REPORTERS:
            raise UsageError(f"--report {option}: unknown format {fmt!r} (known: {', '.join(sorted(REPORTERS))})")
        if any(path == other for _, other in reports):
            raise UsageError(f"--report {option}: {path} is named twice")
        reports.append((fmt, path))
    return reports


def job_count(jobs: str | None) -> int:
    """The number of worker processes ``--jobs`` asks for; the CPUs available when it is not given."""
    if jobs is None:
        from keyshift.check.parallel import available_cpus

        return available_cpus()
    text = jobs.strip()
    wrong = f"--jobs must be a whole number of 1 or more (1: no worker processes), not {jobs!r}"
    if not text.isascii() or not text.isdigit():
        raise UsageError(wrong)
    try:
        count = whole_number(text, limit=_MAX_DIGITS)
    except NumberTooLong as exc:
        raise UsageError(f"--jobs: too large: {exc}") from None
    if count < 1:
        raise UsageError(wrong)
    return count


def size_limit(size: str | None) -> int:
    """The byte limit ``--max-file-size`` sets (0: no limit): ``512K``, ``10M``, ``1G``, or bytes."""
    if size is None:
        return DEFAULT_MAX_FILE_SIZE
    match = _SIZE.fullmatch(size)
    if match is None:
        raise UsageError(
            f"--max-file-size must be a size such as 512K, 10M, 1G or a number of bytes (0: no limit), not {size!r}"
        )
    unit = match[2].upper() if match[2] else None
    try:
        return whole_number(match[1], limit=_MAX_DIGITS) * _UNITS[unit]
    except NumberTooLong as exc:
        raise UsageError(f"--max-file-size: too large: {exc}") from None


def validate_globs(config: RunConfig) -> None:
    from keyshift.core.globs import glob_problem

    for flag, globs in (("--include", config.include), ("--exclude", config.exclude)):
        if any(not glob.strip() for glob in globs):
            raise UsageError(f"{flag}: empty glob (it would match nothing, or everything)")
        for glob in globs:
            problem = glob_problem(glob)
            if problem is not None:
                raise UsageError(f"{flag} {glob!r}: invalid glob: {problem}")
