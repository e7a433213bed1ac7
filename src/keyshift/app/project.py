"""The project configuration: ``.keyshift.toml`` or ``[tool.keyshift]`` in ``pyproject.toml``, under the options.

The file is found by walking up from the working directory, stopping at the repository root (the first
directory holding ``.git``); in one directory ``.keyshift.toml`` comes before ``pyproject.toml``, and a
``pyproject.toml`` without ``[tool.keyshift]`` is passed over.  Its keys are the long options without
dashes in front (``fail-on = "error"``); an option given on the command line wins over the file.  Paths
(``matrix``, ``pack-path``, ``baseline``, ``output``, the paths of ``report``) are relative to the file.
An unknown key or a value of the wrong type stops the run (exit 2) naming the file, the line and the key.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from keyshift.app.config import RunConfig, UsageError, report_format

CONFIG_FILE = ".keyshift.toml"
PYPROJECT = "pyproject.toml"

Check = Callable[[Any], bool]


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) and item for item in value)


def _string(value: Any) -> bool:
    return isinstance(value, str) and bool(value)


def _flag(value: Any) -> bool:
    return isinstance(value, bool)


def _version(value: Any) -> bool:
    return _string(value) or (isinstance(value, dict) and all(_string(v) for v in value.values()))


def _size(value: Any) -> bool:
    return _string(value) or (type(value) is int and value >= 0)


def _per_file(value: Any) -> bool:
    return isinstance(value, dict) and all(_strings(v) for v in value.values())


@dataclass(frozen=True, slots=True)
class Key:
    """One key of the configuration: the :class:`RunConfig` field it sets, its check and what it takes."""

    field: str
    check: Check
    takes: str
    paths: bool = False
    """Its value holds paths relative to the configuration file."""


KEYS: dict[str, Key] = {
    "matrix": Key("matrices", _strings, "a list of matrix files", paths=True),
    "pack": Key("packs", _strings, "a list of pack names"),
    "pack-path": Key("pack_path", _strings, "a list of directories", paths=True),
    "to": Key("to_versions", _version, 'a version, or a table of product = version ({ ruff = "0.16.4" })'),
    "from": Key("from_versions", _version, "a version, or a table of product = version"),
    "format": Key("output_format", _string, "a report format"),
    "output": Key("output", _string, "a file", paths=True),
    "report": Key("reports", _strings, 'a list of "FORMAT=PATH"', paths=True),
    "fail-on": Key("fail_on", _string, "error, warning or never"),
    "include": Key("include", _strings, "a list of globs"),
    "exclude": Key("exclude", _strings, "a list of globs"),
    "force-exclude": Key("force_exclude", _flag, "true or false"),
    "select": Key("select", _strings, "a list of selectors (codes, prefixes, kinds, products)"),
    "extend-select": Key("extend_select", _strings, "a list of selectors"),
    "ignore": Key("ignore", _strings, "a list of selectors"),
    "per-file-ignores": Key("per_file_ignores", _per_file, 'a table of glob = [selectors] ({ "docs/**" = ["KS103"] })'),
    "baseline": Key("baseline", _string, "a baseline file", paths=True),
    "color": Key("color", _string, "auto, always or never"),
    "quiet": Key("quiet", _flag, "true or false"),
    "verbose": Key("verbose", _flag, "true or false"),
    "statistics": Key("statistics", _flag, "true or false"),
    "text": Key("text", _flag, "true or false"),
    "cache": Key("cache", _flag, "true or false"),
    "jobs": Key("jobs", lambda v: type(v) is int and v > 0, "a number of worker processes"),
    "max-file-size": Key("max_file_size", _size, 'a size ("10M") or a number of bytes'),
}


@dataclass(frozen=True, slots=True)
class ProjectConfig:
    """A configuration file found, as RunConfig field values, with the line each came from."""

    path: Path
    values: Mapping[str, Any]
    lines: Mapping[str, int | None]


def find_config(cwd: Path | None = None) -> Path | None:
    """The configuration file for ``cwd``: the nearest ``.keyshift.toml`` or ``pyproject.toml`` with
    ``[tool.keyshift]``, at or above it, not above the repository root."""
    start = Path(os.path.abspath(cwd if cwd is not None else Path.cwd()))
    for directory in (start, *start.parents):
        candidate = directory / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and _has_keyshift_table(pyproject):
            return pyproject
        if (directory / ".git").exists():
            return None
    return None


def _has_keyshift_table(path: Path) -> bool:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return "tool.keyshift" in path.read_text(encoding="utf-8", errors="replace")  # broken: load_config says so
    tool = data.get("tool")
    return isinstance(tool, dict) and "keyshift" in tool


def load_config(path: Path) -> ProjectConfig:
    """Read and check a configuration file; raises :class:`UsageError` naming the file, line and key."""
    from keyshift.matrix.locate import FieldLocator

    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the configuration: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: TOML syntax error: {exc}") from None
    prefix: tuple[str, ...] = ("tool", "keyshift") if path.name == PYPROJECT else ()
    table: Any = data.get("tool", {}).get("keyshift", {}) if prefix else data
    where = FieldLocator(text, str(path))
    if not isinstance(table, dict):
        raise UsageError(f"{path}:{where.line_of(prefix)}: tool.keyshift: must be a table")
    values: dict[str, Any] = {}
    lines: dict[str, int | None] = {}
    for name, value in table.items():
        line = where.line_of((*prefix, name))
        shown = ".".join((*prefix, name))
        key = KEYS.get(name)
        if key is None:
            raise UsageError(f"{path}:{line}: {shown}: unknown key (known: {', '.join(KEYS)})")
        if not key.check(value):
            raise UsageError(f"{path}:{line}: {shown}: must be {key.takes}")
        values[key.field] = _as_option(name, value, path.parent if key.paths else None)
        lines[key.field] = line
    return ProjectConfig(path, values, lines)


def _as_option(name: str, value: Any, base: Path | None) -> Any:
    """A configuration value in the form the command-line option gives it (``base``: the directory its paths
    are relative to, None when it holds no path)."""
    if name in ("to", "from"):
        return (value,) if isinstance(value, str) else tuple(f"{p}={v}" for p, v in value.items())
    if name in ("jobs", "max-file-size"):
        return str(value)
    if name == "per-file-ignores":
        return tuple((glob, tuple(selectors)) for glob, selectors in value.items())
    if name == "report" and base is not None:
        return tuple(f"{fmt}={_relative(base, where)}" for fmt, _, where in (v.partition("=") for v in value))
    if isinstance(value, list):
        return tuple(_relative(base, item) if base is not None else item for item in value)
    return _relative(base, value) if base is not None and isinstance(value, str) else value


def _relative(base: Path, path: str) -> str:
    """``path`` (relative to the configuration file's directory) as a path from the working directory."""
    joined = os.path.normpath(os.path.join(base, path))
    relative = os.path.relpath(joined)
    return joined if relative.startswith("..") else relative


def with_project(config: RunConfig, given: frozenset[str], cwd: Path | None = None) -> tuple[RunConfig, dict[str, str]]:
    """``config`` (from the command line, ``given`` naming the options it set) over the project's file; and
    where each field's value came from: ``command line``, ``FILE:LINE`` or ``default``."""
    found = find_config(cwd)
    project = load_config(found) if found is not None else None
    origins = {f.name: "command line" if f.name in given else "default" for f in fields(RunConfig)}
    if project is None:
        return config, origins
    taken = {name: value for name, value in project.values.items() if name not in given}
    for name in taken:
        origins[name] = f"{project.path}:{project.lines[name]}"
    return replace(config, **taken), origins


def describe(config: RunConfig, origins: Mapping[str, str], config_file: Path | None) -> str:
    """The effective configuration, one ``field = value  # origin`` line per option (``keyshift config``)."""
    import json

    lines = [f"# configuration file: {config_file if config_file is not None else 'none found'}"]
    names = {key.field: name for name, key in KEYS.items()}
    for item in fields(RunConfig):
        value = getattr(config, item.name)
        if item.name == "output_format" and value is None:
            value = report_format(config)  # the default depends on where keyshift runs
        shown = json.dumps(list(value) if isinstance(value, tuple) else value)
        lines.append(f"{names.get(item.name, item.name.replace('_', '-'))} = {shown}  # {origins[item.name]}")
    return "\n".join(lines) + "\n"


def config_schema() -> dict[str, Any]:
    """The JSON Schema of ``[tool.keyshift]`` and ``.keyshift.toml`` (shipped as keyshift-config.schema.json)."""
    strings = {"type": "array", "items": {"type": "string", "minLength": 1}}
    version = {"oneOf": [{"type": "string"}, {"type": "object", "additionalProperties": {"type": "string"}}]}
    kinds: dict[Check, dict[str, Any]] = {
        _strings: strings,
        _string: {"type": "string", "minLength": 1},
        _flag: {"type": "boolean"},
        _version: version,
        _size: {"oneOf": [{"type": "string"}, {"type": "integer", "minimum": 0}]},
        _per_file: {"type": "object", "additionalProperties": strings},
    }
    properties = {
        name: {**kinds.get(key.check, {"type": "integer", "minimum": 1}), "description": key.takes}
        for name, key in KEYS.items()
    }
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://keyshift.invalid/keyshift-config.schema.json",
        "title": "keyshift configuration ([tool.keyshift] in pyproject.toml, or .keyshift.toml)",
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }


__all__ = [
    "CONFIG_FILE",
    "KEYS",
    "ProjectConfig",
    "config_schema",
    "describe",
    "find_config",
    "load_config",
    "with_project",
]
