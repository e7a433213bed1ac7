"""The raw parsers keyshift's large-file throughput is compared with, each timed in this process.

For YAML: PyYAML's C loader (libyaml, building Python objects) and its C event parser (no objects: the floor for
extracting key positions), ruamel's round-trip loader (what keyshift's check used before issue 8) and ruamel's
safe loader.  JSON: ``json``.  TOML: ``tomllib`` and ``tomlkit``.  A parser that is not installed is skipped
with the reason.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Load = Callable[[str], object]


@dataclass(frozen=True)
class RawParser:
    name: str
    kind: str
    load: Load | None
    """None when the parser is not available here; ``missing`` says why."""
    missing: str = ""


def _pyyaml() -> Any | None:
    if importlib.util.find_spec("yaml") is None:
        return None
    return importlib.import_module("yaml")  # untyped: PyYAML ships no type hints


def _ruamel(typ: str) -> Load | None:
    if importlib.util.find_spec("ruamel") is None or importlib.util.find_spec("ruamel.yaml") is None:
        return None
    from ruamel.yaml import YAML

    def load(text: str) -> object:
        return list(YAML(typ=typ, pure=False).load_all(text))

    return load


def _pyyaml_c() -> tuple[Load, Load] | None:
    """PyYAML's C loader (objects) and C event parser, when PyYAML was built with libyaml."""
    yaml = _pyyaml()
    loader = getattr(yaml, "CSafeLoader", None) if yaml is not None else None
    if yaml is None or loader is None:
        return None

    def load(text: str) -> object:
        return list(yaml.load_all(text, Loader=loader))

    def events(text: str) -> object:
        return list(yaml.parse(text, Loader=loader))

    return load, events


def yaml_parsers() -> list[RawParser]:
    c = _pyyaml_c()
    no_c = "PyYAML with libyaml is not installed (pip install pyyaml; needs the C extension)"
    loaders = [
        RawParser("PyYAML CSafeLoader", "yaml", c[0] if c else None, no_c),
        RawParser("PyYAML C events", "yaml", c[1] if c else None, no_c),
    ]
    loaders.append(RawParser("ruamel round-trip", "yaml", _ruamel("rt"), "ruamel.yaml is not installed"))
    # without its C extension ruamel's safe loader is pure Python again: nothing new to compare with
    clib = importlib.util.find_spec("_ruamel_yaml") is not None
    no_clib = "ruamel.yaml.clib is not installed (ruamel's safe loader would be pure Python)"
    loaders.append(RawParser("ruamel safe (C)", "yaml", _ruamel("safe") if clib else None, no_clib))
    return loaders


def toml_parsers() -> list[RawParser]:
    tomlkit_load: Load | None = None
    if importlib.util.find_spec("tomlkit") is not None:
        import tomlkit

        tomlkit_load = tomlkit.parse
    return [
        RawParser("tomllib", "toml", tomllib.loads),
        RawParser("tomlkit", "toml", tomlkit_load, "tomlkit is not installed"),
    ]


def raw_parsers(kind: str) -> list[RawParser]:
    if kind == "yaml":
        return yaml_parsers()
    if kind == "toml":
        return toml_parsers()
    return [RawParser("json", "json", json.loads)]
