"""The ``keyshift`` command line: parses options and hands them to :mod:`keyshift.app`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from keyshift import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="keyshift: find removed, renamed, deprecated and missing configuration keys before an upgrade.",
)

# options shared by check and fix
Paths = Annotated[list[str] | None, typer.Argument(help="Files or directories to check (default: .).")]
Matrices = Annotated[
    list[str] | None, typer.Option("-m", "--matrix", help="Matrix file (repeatable). Default: ./deprecations.toml.")
]
Packs = Annotated[list[str] | None, typer.Option("--pack", help="Bundled matrix pack by name (repeatable).")]
FromVersions = Annotated[list[str] | None, typer.Option("--from", help="Version in use now (V, or PRODUCT=V).")]
ToVersions = Annotated[list[str] | None, typer.Option("--to", help="Version to check against (V, or PRODUCT=V).")]
OutputFormat = Annotated[str, typer.Option("--format", help="Report format: text|concise|json.")]
Output = Annotated[str | None, typer.Option("-o", "--output", help="Write the report to FILE.")]
FailOn = Annotated[str, typer.Option("--fail-on", help="Exit 1 on findings at this level: error|warning|never.")]
Include = Annotated[list[str] | None, typer.Option("--include", help="Only scan files matching GLOB.")]
Exclude = Annotated[list[str] | None, typer.Option("--exclude", help="Skip files matching GLOB.")]
Color = Annotated[str, typer.Option("--color", help="auto|always|never.")]
Quiet = Annotated[bool, typer.Option("-q", "--quiet", help="Do not print skipped-file notices.")]
Unsafe = Annotated[bool, typer.Option("--unsafe", help="Also apply unsafe fixes (deleting removed keys).")]
Diff = Annotated[bool, typer.Option("--diff", help="Write nothing; print the diff of what fix would change.")]
NoText = Annotated[bool, typer.Option("--no-text", help="Do not search plain-text files (Markdown, templates, ...).")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"keyshift {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """keyshift: find removed, renamed, deprecated and missing configuration keys before an upgrade."""


def _fail(message: str) -> None:
    typer.echo(f"keyshift: error: {message}", err=True)
    raise typer.Exit(2)


def _run(
    *,
    fix: bool,
    paths: list[str] | None,
    matrix: list[str] | None,
    pack: list[str] | None,
    from_version: list[str] | None,
    to_version: list[str] | None,
    output_format: str,
    output: str | None,
    fail_on: str,
    include: list[str] | None,
    exclude: list[str] | None,
    color: str,
    quiet: bool,
    unsafe: bool,
    diff: bool,
    no_text: bool,
) -> None:
    import keyshift.app as run

    if fail_on not in ("error", "warning", "never"):
        _fail(f"--fail-on must be error, warning or never, not {fail_on!r}")
    if color not in ("auto", "always", "never"):
        _fail(f"--color must be auto, always or never, not {color!r}")
    if (unsafe or diff) and not fix:
        _fail("--unsafe and --diff go with fix (keyshift fix, or keyshift check --fix)")
    request = run.CheckRequest(
        paths=tuple(paths or (".",)),
        matrices=tuple(matrix or ()),
        packs=tuple(pack or ()),
        from_versions=tuple(from_version or ()),
        to_versions=tuple(to_version or ()),
        output_format=output_format,
        output=output,
        fail_on=fail_on,  # type: ignore[arg-type]
        include=tuple(include or ()),
        exclude=tuple(exclude or ()),
        color=color,  # type: ignore[arg-type]
        quiet=quiet,
        fix=fix,
        unsafe=unsafe,
        diff=diff,
        text=not no_text,
    )
    try:
        code = run.fix(request) if fix else run.check(request)
    except run.UsageError as exc:
        _fail(str(exc))
    raise typer.Exit(code)


@app.command()
def check(
    paths: Paths = None,
    matrix: Matrices = None,
    pack: Packs = None,
    from_version: FromVersions = None,
    to_version: ToVersions = None,
    output_format: OutputFormat = "text",
    output: Output = None,
    fail_on: FailOn = "warning",
    include: Include = None,
    exclude: Exclude = None,
    color: Color = "auto",
    quiet: Quiet = False,
    fix: Annotated[bool, typer.Option("--fix", help="Apply the safe fixes (same as keyshift fix).")] = False,
    unsafe: Unsafe = False,
    diff: Diff = False,
    no_text: NoText = False,
) -> None:
    """Report every removed, renamed, deprecated or missing key with its position."""
    _run(**locals())


@app.command()
def fix(
    paths: Paths = None,
    matrix: Matrices = None,
    pack: Packs = None,
    from_version: FromVersions = None,
    to_version: ToVersions = None,
    output_format: OutputFormat = "text",
    output: Output = None,
    fail_on: FailOn = "warning",
    include: Include = None,
    exclude: Exclude = None,
    color: Color = "auto",
    quiet: Quiet = False,
    unsafe: Unsafe = False,
    diff: Diff = False,
    no_text: NoText = False,
) -> None:
    """Apply the safe fixes for what check finds (--unsafe: all), then re-check."""
    _run(fix=True, **locals())


@app.command()
def explain(code: Annotated[str, typer.Argument(help="A finding code such as KS102.")]) -> None:
    """Explain a finding code: what it means, an example, how to fix it."""
    from keyshift.core.codes import CODES, describe

    wanted = code.upper()
    if wanted not in CODES:
        _fail(f"unknown code {code!r} (known: {', '.join(CODES)})")
    typer.echo(describe(wanted), nl=False)


@app.command()
def packs() -> None:
    """List the bundled matrix packs usable with --pack."""
    from keyshift.matrix.packs import available_packs

    for name in available_packs():
        typer.echo(name)


def main() -> None:
    try:
        app(prog_name="keyshift")
    except KeyboardInterrupt:
        sys.stderr.write("keyshift: interrupted\n")
        sys.exit(130)
