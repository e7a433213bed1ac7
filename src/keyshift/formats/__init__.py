"""The format registry: one :class:`FormatInfo` per file format, its code imported only when needed.

Each format is a sub-package of this package with a ``parse`` module (``parse(text) -> ParsedFile``,
raising :class:`keyshift.core.model.ConfigSyntaxError` for bad input) and a ``fix`` module
(``plan_fix(parsed, request) -> PlannedFix``).  :data:`FORMATS` is the only table that names
formats: which files a format claims, its label in messages and its traits.  Code outside this
package asks for traits, never for a format's name, so adding a format is one sub-package plus one
row here.  A run over YAML files never imports the TOML or Python machinery.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Protocol, cast

from keyshift.core.edits import FixRequest, PlannedFix
from keyshift.core.model import ParsedFile


class Parser(Protocol):
    def __call__(self, text: str) -> ParsedFile[Any]: ...


class FixPlanner(Protocol):
    def __call__(self, parsed: ParsedFile[Any], request: FixRequest) -> PlannedFix: ...


@dataclass(frozen=True, slots=True)
class FormatTraits:
    """What the rest of the pipeline needs to know about a format, instead of its name."""

    code: bool = False
    """Scripts and source code: a token found in them is code, fixed as safely as the assignment it
    names (a half-renamed script is broken), and verification compares their entries by text."""
    reassigns: bool = False
    """One variable may be assigned in many places (a script): a rename never meets "the new key is
    already set" there."""
    flat_keys: bool = False
    """Every key is its own line (``a.b.c=1``): a prefix's fix rewrites each key under it, so a key
    that is only a prefix of others is still its own entry."""
    env_file: bool = False
    """Keys are environment-variable names (``.env``): required keys are looked for by that name."""
    typed: bool = True
    """Values keep their types (``true`` is a boolean); False where every value is a string."""


@dataclass(frozen=True, slots=True)
class FormatInfo:
    """One file format: its name, how files are claimed, its traits, and where its code lives."""

    name: str
    label: str
    """How messages name the format: ``cannot parse YAML: ...``."""
    package: str
    suffixes: tuple[str, ...] = ()
    filenames: tuple[str, ...] = ()
    """Whole file names (lower case) whose suffix says nothing."""
    name_prefixes: tuple[str, ...] = ()
    """File names starting so (lower case): ``.env.local``, ``Dockerfile.dev``."""
    traits: FormatTraits = FormatTraits()
    parse_function: str = "parse"
    round_trip_function: str | None = None
    """The parser whose tree the fixer edits, where ``check`` uses a faster one (a C parser that gives the
    same occurrences but no tree to edit); None when one parser serves both."""

    def parser(self, *, round_trip: bool = False) -> Parser:
        """Import (once) and return the parse function of this format: the fixer's with ``round_trip``."""
        module = importlib.import_module(f"{self.package}.parse")
        name = (self.round_trip_function if round_trip else None) or self.parse_function
        return cast(Parser, getattr(module, name))

    def fixer(self) -> FixPlanner:
        """Import (once) and return the ``plan_fix`` function of this format."""
        return cast(FixPlanner, importlib.import_module(f"{self.package}.fix").plan_fix)


_P = "keyshift.formats."
FORMATS: dict[str, FormatInfo] = {
    info.name: info
    for info in (
        FormatInfo(
            "yaml",
            "YAML",
            _P + "yaml",
            (".yaml", ".yml"),
            (".clang-format", ".yamllint"),
            round_trip_function="parse_round_trip",
        ),
        FormatInfo("toml", "TOML", _P + "toml", (".toml",), ("pipfile",)),
        FormatInfo("json", "JSON", _P + "json", (".json",), (".babelrc", ".eslintrc")),
        FormatInfo("jsonc", "JSON", _P + "json", (".jsonc",), parse_function="parse_jsonc"),
        FormatInfo(
            "ini",
            "INI",
            _P + "ini",
            (".ini", ".cfg"),
            (".editorconfig", ".flake8", ".pylintrc", "pylintrc", ".coveragerc"),
            traits=FormatTraits(typed=False),
        ),
        FormatInfo(
            "properties",
            ".properties",
            _P + "properties",
            (".properties",),
            traits=FormatTraits(flat_keys=True, typed=False),
        ),
        FormatInfo(
            "dotenv", ".env", _P + "dotenv", (".env",), (".env",), (".env.",), FormatTraits(env_file=True, typed=False)
        ),
        FormatInfo(
            "dockerfile",
            "Dockerfile",
            _P + "dockerfile",
            (".dockerfile",),
            ("dockerfile", "containerfile"),
            ("dockerfile.", "containerfile."),
            FormatTraits(code=True, reassigns=True, typed=False),
        ),
        FormatInfo(
            "shell",
            "shell",
            _P + "shell",
            (".sh", ".bash", ".zsh"),
            (".bashrc", ".bash_profile", ".profile", ".zshrc", ".envrc"),
            traits=FormatTraits(code=True, reassigns=True, typed=False),
        ),
        FormatInfo(
            "python",
            "Python",
            _P + "python",
            (".py", ".pyi"),
            traits=FormatTraits(code=True),
            round_trip_function="parse_round_trip",
        ),
        FormatInfo("text", "TEXT", _P + "text", traits=FormatTraits(typed=False)),
    )
}

TEXT_FORMAT = "text"
"""The format of every text file no other format claims: keys are searched for as tokens."""

_BY_FILENAME = {name: info.name for info in FORMATS.values() for name in info.filenames}
_BY_PREFIX = [(prefix, info.name) for info in FORMATS.values() for prefix in info.name_prefixes]
_BY_SUFFIX = {suffix: info.name for info in FORMATS.values() for suffix in info.suffixes}


def format_info(format_name: str) -> FormatInfo:
    return FORMATS[format_name]


def detect_format(path: str | PurePath) -> str | None:
    """The format of a file, from its name alone; None when no format claims it."""
    name = (path.name if isinstance(path, PurePath) else os.path.basename(path)).lower()
    if name in _BY_FILENAME:
        return _BY_FILENAME[name]
    for prefix, format_name in _BY_PREFIX:
        if name.startswith(prefix):
            return format_name
    dot = name.rfind(".")
    return _BY_SUFFIX.get(name[dot:]) if 0 < dot < len(name) - 1 else None  # PurePath's suffix rule


def get_parser(format_name: str, *, round_trip: bool = False) -> Parser:
    """The parse function of a format (imported on first use); ``round_trip`` for the one its fixer edits."""
    return FORMATS[format_name].parser(round_trip=round_trip)


def get_fixer(format_name: str) -> FixPlanner:
    """The ``plan_fix`` function of a format (imported on first use)."""
    return FORMATS[format_name].fixer()


def known_formats() -> list[str]:
    return sorted(FORMATS)
