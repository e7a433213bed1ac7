"""The options of the commands that scan, declared once and shared by every such command.

Typer reads a command's parameters from its signature.  :func:`scan_command` gives a function
that takes ``**options`` the signature of :data:`SCAN_OPTIONS` (plus its own extra options), so
``check``, ``fix`` and any later scanning command list the same options with the same help, and
:func:`run_config` turns what typer parsed into the :class:`~keyshift.app.config.RunConfig` the
library takes.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from keyshift.app.choices import COLOR_CHOICES, FAIL_ON_CHOICES
from keyshift.report import REPORTERS

if TYPE_CHECKING:
    from keyshift.app.config import RunConfig

CommandFunction = TypeVar("CommandFunction", bound=Callable[..., None])

OUTPUT_FORMATS = tuple(REPORTERS)


def option(name: str, annotation: Any, default: Any = None) -> inspect.Parameter:
    """One command parameter, as typer reads it from a signature."""
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)


Strings = list[str] | None

SCAN_OPTIONS: tuple[inspect.Parameter, ...] = (
    option(
        "paths",
        Annotated[
            Strings, typer.Argument(metavar="[PATH]...", show_default=False, help="Files or directories (default: .).")
        ],
    ),
    option(
        "matrix",
        Annotated[
            Strings,
            typer.Option(
                "-m", "--matrix", metavar="FILE", help="Matrix file (repeatable). Default: ./deprecations.toml."
            ),
        ],
    ),
    option(
        "pack",
        Annotated[
            Strings, typer.Option("--pack", metavar="NAME", help="Matrix pack (repeatable; see keyshift packs).")
        ],
    ),
    option(
        "pack_path",
        Annotated[
            Strings,
            typer.Option("--pack-path", metavar="DIR", help="Look for packs in DIR first (repeatable)."),
        ],
    ),
    option(
        "from_version",
        Annotated[Strings, typer.Option("--from", metavar="VERSION", help="Version in use now (V, or PRODUCT=V).")],
    ),
    option(
        "to_version",
        Annotated[Strings, typer.Option("--to", metavar="VERSION", help="Version to check against (V, or PRODUCT=V).")],
    ),
    option(
        "output_format",
        Annotated[
            str | None,
            typer.Option(
                "--format", metavar="FORMAT", help=f"Report format: {', '.join(OUTPUT_FORMATS)} (default: text)."
            ),
        ],
    ),
    option(
        "output",
        Annotated[str | None, typer.Option("-o", "--output", metavar="FILE", help="Write the report to FILE.")],
    ),
    option(
        "report",
        Annotated[
            Strings,
            typer.Option("--report", metavar="FORMAT=PATH", help="Also write a report in FORMAT to PATH (repeatable)."),
        ],
    ),
    option(
        "statistics",
        Annotated[bool, typer.Option("--statistics", help="Count the findings per code, on stderr.")],
        False,
    ),
    option(
        "fail_on",
        Annotated[
            str | None,
            typer.Option(
                "--fail-on",
                metavar="LEVEL",
                help=f"Exit 1 on findings at this level or above: {', '.join(FAIL_ON_CHOICES)} (default: warning).",
            ),
        ],
    ),
    option(
        "include", Annotated[Strings, typer.Option("--include", metavar="GLOB", help="Only scan files matching GLOB.")]
    ),
    option("exclude", Annotated[Strings, typer.Option("--exclude", metavar="GLOB", help="Skip files matching GLOB.")]),
    option(
        "force_exclude",
        Annotated[
            bool, typer.Option("--force-exclude", help="Apply --exclude to files named on the command line too.")
        ],
        False,
    ),
    option(
        "color",
        Annotated[
            str | None,
            typer.Option("--color", metavar="WHEN", help=f"Colour: {', '.join(COLOR_CHOICES)} (default: auto)."),
        ],
    ),
    option("quiet", Annotated[bool, typer.Option("-q", "--quiet", help="Do not print skipped-file notices.")], False),
    option(
        "verbose",
        Annotated[bool, typer.Option("-v", "--verbose", help="Say which matrix or pack each finding's rule is from.")],
        False,
    ),
    option(
        "no_text",
        Annotated[bool, typer.Option("--no-text", help="Do not search plain-text files (Markdown, templates, ...).")],
        False,
    ),
    option(
        "jobs",
        Annotated[
            str | None,
            typer.Option(
                "-j", "--jobs", metavar="N", help="Scan in N worker processes (default: the CPUs available; 1: none)."
            ),
        ],
    ),
    option(
        "max_file_size",
        Annotated[
            str | None,
            typer.Option(
                "--max-file-size",
                metavar="SIZE",
                help="Skip files larger than SIZE: 512K, 10M, 1G or bytes; 0: no limit (default: 2M).",
            ),
        ],
    ),
    option(
        "select",
        Annotated[
            Strings,
            typer.Option(
                "--select", metavar="SELECTOR", help="Report only these codes, code prefixes, kinds or products."
            ),
        ],
    ),
    option(
        "extend_select",
        Annotated[Strings, typer.Option("--extend-select", metavar="SELECTOR", help="Add to --select.")],
    ),
    option(
        "ignore",
        Annotated[
            Strings,
            typer.Option(
                "--ignore", metavar="SELECTOR", help="Do not report these codes, prefixes, kinds or products."
            ),
        ],
    ),
    option(
        "baseline",
        Annotated[
            str | None,
            typer.Option("--baseline", metavar="FILE", help="Report only findings not recorded in this baseline."),
        ],
    ),
    option(
        "write_baseline",
        Annotated[
            str | None,
            typer.Option("--write-baseline", metavar="FILE", help="Record this run's findings as the baseline."),
        ],
    ),
    option(
        "no_cache",
        Annotated[bool, typer.Option("--no-cache", help="Do not read or write the result cache (.keyshift_cache/).")],
        False,
    ),
)

FIX_OPTIONS: tuple[inspect.Parameter, ...] = (
    option(
        "unsafe",
        Annotated[bool, typer.Option("--unsafe", help="Also apply unsafe fixes (deleting removed keys).")],
        False,
    ),
    option(
        "diff",
        Annotated[bool, typer.Option("--diff", help="Write nothing; print the diff of what fix would change.")],
        False,
    ),
)


def scan_command(*extra: inspect.Parameter) -> Callable[[CommandFunction], CommandFunction]:
    """Give a ``def command(**options)`` the shared scan options, then ``extra``, as its signature."""
    parameters = (*SCAN_OPTIONS, *extra)

    def decorate(function: CommandFunction) -> CommandFunction:
        function.__signature__ = inspect.Signature(list(parameters))  # type: ignore[attr-defined]
        function.__annotations__ = {p.name: p.annotation for p in parameters} | {"return": None}
        return function

    return decorate


# option name -> the RunConfig field it sets, and how (None: the value as typer parsed it)
_FIELDS: dict[str, tuple[str, Callable[[Any], Any] | None]] = {
    "paths": ("paths", tuple),
    "matrix": ("matrices", tuple),
    "pack": ("packs", tuple),
    "pack_path": ("pack_path", tuple),
    "from_version": ("from_versions", tuple),
    "to_version": ("to_versions", tuple),
    "output_format": ("output_format", None),
    "output": ("output", None),
    "report": ("reports", tuple),
    "statistics": ("statistics", None),
    "fail_on": ("fail_on", None),
    "include": ("include", tuple),
    "exclude": ("exclude", tuple),
    "force_exclude": ("force_exclude", None),
    "color": ("color", None),
    "quiet": ("quiet", None),
    "verbose": ("verbose", None),
    "no_text": ("text", lambda given: not given),
    "jobs": ("jobs", None),
    "max_file_size": ("max_file_size", None),
    "select": ("select", tuple),
    "extend_select": ("extend_select", tuple),
    "ignore": ("ignore", tuple),
    "baseline": ("baseline", None),
    "write_baseline": ("write_baseline", None),
    "no_cache": ("cache", lambda given: not given),
    "unsafe": ("unsafe", None),
    "diff": ("diff", None),
}


def given_options(options: dict[str, Any]) -> dict[str, Any]:
    """The :class:`RunConfig` fields the command line set: an option left out is None (a list, a value) or
    False (a flag), and is not here, so the project configuration or the default fills it."""
    given: dict[str, Any] = {}
    for name, value in options.items():
        if name in _FIELDS and value is not None and value is not False and value != []:
            field, convert = _FIELDS[name]
            given[field] = convert(value) if convert is not None else value
    return given


def run_config(options: dict[str, Any], *, fix: bool) -> RunConfig:
    """The :class:`RunConfig` for what typer parsed, over the project configuration file (the command line
    wins); raises UsageError for a bad configuration file."""
    from keyshift.app.config import RunConfig
    from keyshift.app.project import with_project

    given = given_options(options)
    config, _ = with_project(RunConfig(**given, fix=fix), frozenset(given))
    return config
