"""``keyshift import``: a product's own deprecation data -> a validated matrix.

Three forms: ``--recipe FILE`` regenerates a pack as its recipe says (:mod:`keyshift.importers.recipe`);
``IMPORTER [FILE ...] [--version V=PATH ...] --product NAME`` runs one importer on files the user names;
``--list`` (or no importer) lists the importers.  Every problem is a :class:`UsageError` (exit 2).
"""

from __future__ import annotations

import shlex
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

from keyshift.app.config import UsageError
from keyshift.importers import IMPORTERS, ImportFailure, ImportInput, ImportRequest, get_importer, importer_info
from keyshift.importers._inputs import check_options
from keyshift.importers.draft import TomlValue
from keyshift.importers.recipe import generate, load_recipe
from keyshift.importers.sources import source_record, sources_dir
from keyshift.importers.write import matrix_text, write_matrix


@dataclass(frozen=True, slots=True)
class ImportCommand:
    """The options of ``keyshift import``, as given."""

    recipe: Path | None = None
    sources: Path | None = None
    output: Path | None = None
    importer: str | None = None
    files: tuple[str, ...] = ()
    versions: tuple[str, ...] = ()
    """``V=PATH`` each, oldest first."""
    product: str | None = None
    options: tuple[str, ...] = ()
    """``NAME=VALUE`` each."""
    globs: tuple[str, ...] = ()
    """``--files``: the product's file globs."""
    list_importers: bool = False


def run_import(command: ImportCommand, stdout: TextIO | None = None) -> int:
    """Run one form of ``keyshift import``; returns the exit code, raises UsageError."""
    stdout = stdout or sys.stdout
    try:
        if command.recipe is not None:
            return _from_recipe(command, command.recipe, stdout)
        if command.sources is not None:
            raise UsageError("--sources goes with --recipe (the direct form reads the files it is given)")
        if command.list_importers or command.importer is None:
            if command.importer is None and _direct_options(command):
                raise UsageError("name the importer to run: keyshift import IMPORTER ... (--list names them)")
            stdout.write(importer_list())
            return 0
        return _direct(command, command.importer, stdout)
    except ImportFailure as exc:
        raise UsageError(str(exc)) from None


def importer_list() -> str:
    """Each importer with its summary and options."""
    width = max((len(info.name) for info in IMPORTERS), default=0)
    lines: list[str] = []
    for info in IMPORTERS:
        lines.append(f"{info.name:<{width}}  {info.summary}")
        option_width = max((len(name) for name in info.options), default=0)
        lines.extend(f"    --option {name:<{option_width}}  {meaning}" for name, meaning in info.options.items())
    return "\n".join(lines) + "\n" if lines else "no importers\n"


def _from_recipe(command: ImportCommand, recipe_path: Path, stdout: TextIO) -> int:
    if command.importer or _direct_options(command) or command.list_importers:
        raise UsageError("--recipe takes no importer, files, --version, --product, --option, --files or --list")
    recipe = load_recipe(recipe_path)
    text = generate(recipe, sources_dir(command.sources, recipe_path))
    output = command.output or recipe.output
    write_matrix(output, text)
    stdout.write(f"wrote {output} ({_key_count(text)})\n")
    return 0


def _direct_options(command: ImportCommand) -> bool:
    return bool(command.files or command.versions or command.product or command.options or command.globs)


def _key_count(text: str) -> str:
    count = sum(1 for line in text.split("\n") if line.startswith("[keys."))
    return f"{count} key" if count == 1 else f"{count} keys"


def _direct(command: ImportCommand, importer: str, stdout: TextIO) -> int:
    info = importer_info(importer)
    if not command.product:
        raise UsageError("--product NAME is required: the name of the product the matrix is for")
    inputs = _direct_inputs(command)
    options = _options(command.options)
    check_options(info, options)
    draft = get_importer(importer)(ImportRequest(command.product, inputs, options))
    product = dict(draft.product)
    if command.globs:
        product["files"] = list(command.globs)
    draft = replace(
        draft,
        product=product,
        sources=tuple(source_record(source.recorded, source.path, {}) for source in inputs),
        generated_by=_command_line(command, importer),
    )
    text = matrix_text(draft, (), str(command.output or "the generated matrix"))
    if not draft.keys:
        # a schema without deprecation markers (GitHub's workflow schema has none) gives an empty matrix
        print("keyshift: note: the input marks nothing deprecated or removed; the matrix has no rules", file=sys.stderr)
    if command.output is None:
        stdout.write(text)
    else:
        write_matrix(command.output, text)
        stdout.write(f"wrote {command.output} ({_key_count(text)})\n")
    return 0


def _direct_inputs(command: ImportCommand) -> tuple[ImportInput, ...]:
    inputs: list[ImportInput] = []
    for given in command.versions:
        version, sep, path = given.partition("=")
        if not sep or not version.strip() or not path:
            raise UsageError(f"--version needs VERSION=PATH, not {given!r}")
        inputs.append(ImportInput(Path(path), Path(path).as_posix(), version.strip()))
    inputs.extend(ImportInput(Path(path), Path(path).as_posix()) for path in command.files)
    if not inputs:
        raise UsageError("give the files to import: FILE ... or --version VERSION=PATH ...")
    for source in inputs:
        if not source.path.is_file():
            what = "is not a file" if source.path.exists() else "file not found"
            raise UsageError(f"{source.recorded}: {what}")
    return tuple(inputs)


def _options(given: Sequence[str]) -> dict[str, TomlValue]:
    """``NAME=VALUE`` options: a value that reads as TOML (``true``, ``["a", "b"]``) is that value, anything
    else is a string; a name given twice collects a list."""
    options: dict[str, TomlValue] = {}
    for text in given:
        name, sep, raw = text.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--option needs NAME=VALUE, not {text!r}")
        value = _option_value(raw)
        name = name.strip()
        if name in options:
            before = options[name]
            options[name] = [*(before if isinstance(before, list) else [before]), value]
        else:
            options[name] = value
    return options


def _option_value(raw: str) -> TomlValue:
    try:
        value = tomllib.loads(f"value = {raw}")["value"]
    except tomllib.TOMLDecodeError:
        return raw
    return value if isinstance(value, str | int | float | bool | list | dict) else raw


def _command_line(command: ImportCommand, importer: str) -> str:
    """The direct form's command, the same however its options were spelled or ordered."""
    words = ["keyshift", "import", importer, "--product", command.product or ""]
    for version in command.versions:
        words += ["--version", version]
    for option in command.options:
        words += ["--option", option]
    for glob in command.globs:
        words += ["--files", glob]
    return shlex.join([*words, *command.files])
