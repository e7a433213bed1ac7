"""Registry of format adapters: which parser reads which file, imported only when needed.

Each adapter is a module in this package exposing ``parse(text: str) -> ParsedFile`` (raising
:class:`keyshift.model.ConfigSyntaxError` for bad input).  The registry maps file names to
adapter names and imports an adapter module the first time a file of its format is parsed,
so a run over YAML files never imports the TOML or Python machinery.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import PurePath
from typing import Protocol, cast

from keyshift.edits import FixRequest, PlannedFix
from keyshift.model import ParsedFile

# adapter name -> module that implements it
ADAPTER_MODULES: dict[str, str] = {
    "yaml": "keyshift.formats.yaml_format",
    "toml": "keyshift.formats.toml_format",
    "json": "keyshift.formats.json_format",
    "jsonc": "keyshift.formats.json_format",
    "ini": "keyshift.formats.ini_format",
    "properties": "keyshift.formats.properties_format",
    "dotenv": "keyshift.formats.dotenv_format",
    "dockerfile": "keyshift.formats.dockerfile_format",
    "shell": "keyshift.formats.shell_format",
    "python": "keyshift.formats.python_format",
    "text": "keyshift.formats.text_format",
}

# adapter name -> module whose ``plan_fix(parsed, request) -> PlannedFix`` edits that format
FIXER_MODULES: dict[str, str] = {
    "yaml": "keyshift.formats.yaml_fix",
    "toml": "keyshift.formats.toml_fix",
    "json": "keyshift.formats.json_fix",
    "jsonc": "keyshift.formats.json_fix",
    "ini": "keyshift.formats.ini_fix",
    "properties": "keyshift.formats.properties_fix",
    "dotenv": "keyshift.formats.dotenv_fix",
    "dockerfile": "keyshift.formats.dockerfile_fix",
    "shell": "keyshift.formats.shell_fix",
    "python": "keyshift.formats.python_fix",
    "text": "keyshift.formats.text_fix",
}

# file suffix (lower case) -> adapter name
SUFFIXES: dict[str, str] = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".toml": "toml",
    ".json": "json",
    ".jsonc": "jsonc",
    ".ini": "ini",
    ".cfg": "ini",
    ".properties": "properties",
    ".env": "dotenv",
    ".dockerfile": "dockerfile",
    ".sh": "shell",
    ".bash": "shell",
    ".zsh": "shell",
    ".py": "python",
    ".pyi": "python",
}

# whole file names (lower case) -> adapter name, for files whose suffix says nothing
FILENAMES: dict[str, str] = {
    ".clang-format": "yaml",
    ".yamllint": "yaml",
    "pipfile": "toml",
    ".babelrc": "json",
    ".eslintrc": "json",
    ".editorconfig": "ini",
    ".flake8": "ini",
    ".pylintrc": "ini",
    "pylintrc": "ini",
    ".coveragerc": "ini",
    ".env": "dotenv",
    "dockerfile": "dockerfile",
    "containerfile": "dockerfile",
    ".bashrc": "shell",
    ".bash_profile": "shell",
    ".profile": "shell",
    ".zshrc": "shell",
    ".envrc": "shell",
}

# file names starting with one of these (lower case) -> adapter name: .env.local, Dockerfile.dev
NAME_PREFIXES: dict[str, str] = {
    ".env.": "dotenv",
    "dockerfile.": "dockerfile",
    "containerfile.": "dockerfile",
}

TEXT_FORMAT = "text"
"""The adapter for every text file no other adapter claims."""


class Parser(Protocol):
    def __call__(self, text: str) -> ParsedFile: ...


class FixPlanner(Protocol):
    def __call__(self, parsed: ParsedFile, request: FixRequest) -> PlannedFix: ...


def detect_format(path: str | PurePath) -> str | None:
    """The adapter name for a file, from its name alone; None when no adapter claims it."""
    name = PurePath(path).name.lower()
    if name in FILENAMES:
        return FILENAMES[name]
    for prefix, format_name in NAME_PREFIXES.items():
        if name.startswith(prefix):
            return format_name
    return SUFFIXES.get(PurePath(name).suffix)


def get_parser(format_name: str) -> Parser:
    """Import (once) and return the ``parse`` function of an adapter."""
    module = importlib.import_module(ADAPTER_MODULES[format_name])
    if format_name == "jsonc":
        return cast(Parser, module.parse_jsonc)
    return cast(Parser, module.parse)


def get_fixer(format_name: str) -> FixPlanner | None:
    """The ``plan_fix`` function of a format, or None when the format has no fixer."""
    module_name = FIXER_MODULES.get(format_name)
    if module_name is None:
        return None
    return cast(FixPlanner, importlib.import_module(module_name).plan_fix)


def known_formats() -> list[str]:
    return sorted(ADAPTER_MODULES)


ParseFunction = Callable[[str], ParsedFile]
