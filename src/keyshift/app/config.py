"""What a command is asked to do: the options of one run, checked before anything is read.

The CLI builds a :class:`RunConfig` from its flags (later also from a project config file) and
hands it to the command functions of :mod:`keyshift.app`.  Anything a user can get wrong stops
the run with :class:`UsageError`, which the CLI turns into exit code 2.
"""

from __future__ import annotations

from dataclasses import dataclass

from keyshift.app.choices import COLOR_CHOICES, FAIL_ON_CHOICES


class UsageError(Exception):
    """Anything that stops the run with exit code 2: a bad option, matrix, path, pack or format."""


@dataclass(frozen=True, slots=True)
class RunConfig:
    """The options of one ``check`` or ``fix`` run."""

    paths: tuple[str, ...] = (".",)
    matrices: tuple[str, ...] = ()
    packs: tuple[str, ...] = ()
    from_versions: tuple[str, ...] = ()
    to_versions: tuple[str, ...] = ()
    output_format: str = "text"
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


def validate_options(config: RunConfig) -> None:
    """The checks that need nothing but the options themselves (matrices and paths come later)."""
    if config.fail_on not in FAIL_ON_CHOICES:
        raise UsageError(f"--fail-on must be error, warning or never, not {config.fail_on!r}")
    if config.color not in COLOR_CHOICES:
        raise UsageError(f"--color must be auto, always or never, not {config.color!r}")
    if (config.unsafe or config.diff) and not config.fix:
        raise UsageError("--unsafe and --diff go with fix (keyshift fix, or keyshift check --fix)")


def validate_globs(config: RunConfig) -> None:
    for flag, globs in (("--include", config.include), ("--exclude", config.exclude)):
        if any(not glob.strip() for glob in globs):
            raise UsageError(f"{flag}: empty glob (it would match nothing, or everything)")
